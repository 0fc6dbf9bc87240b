import { DateInput, type DateInputProps } from '@mantine/dates';
import { useTranslation } from 'react-i18next';
import { parseUaDate } from '../../shared/domain/dates';

/**
 * A date field that shows and accepts ДД.ММ.РРРР and holds an ISO `YYYY-MM-DD` string (or null),
 * which is what the API takes.
 */
export function UaDateInput(props: Omit<DateInputProps, 'valueFormat' | 'dateParser'>) {
  const { t } = useTranslation();
  return (
    <DateInput
      valueFormat="DD.MM.YYYY"
      dateParser={(value) => parseUaDate(value)}
      placeholder={t('common.datePlaceholder')}
      clearable
      popoverProps={{ withinPortal: true }}
      {...props}
    />
  );
}

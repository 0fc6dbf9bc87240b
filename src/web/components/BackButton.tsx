import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { IconArrowLeft } from './icons';

/** The guide's `НАЗАД`: back to the page one level up. */
export function BackButton({ to }: { to: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Button variant="subtle" color="dark" leftSection={<IconArrowLeft size={16} />} onClick={() => navigate(to)} w="fit-content" px={8}>
      {t('common.back')}
    </Button>
  );
}

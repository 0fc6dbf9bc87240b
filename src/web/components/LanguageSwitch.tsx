import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function LanguageSwitch({ size = 'xs' }: { size?: 'xs' | 'sm' }) {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      size={size}
      radius="xl"
      aria-label={t('layout.language')}
      value={i18n.language === 'en' ? 'en' : 'uk'}
      onChange={(value) => void i18n.changeLanguage(value)}
      data={[
        { value: 'uk', label: 'УКР' },
        { value: 'en', label: 'ENG' },
      ]}
    />
  );
}

import { Group, Text, ThemeIcon } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { IconShield } from './icons';

/** The cabinet's mark; the operator's back office names itself as the provider's (`operator`). */
export function BrandMark({ compact = false, operator = false }: { compact?: boolean; operator?: boolean }) {
  const { t } = useTranslation();
  return (
    <Group gap={10} wrap="nowrap">
      <ThemeIcon size={34} radius="md" variant="filled" aria-hidden="true">
        <IconShield size={20} />
      </ThemeIcon>
      <div>
        <Text fw={700} fz={15} lh={1.2}>
          {operator ? (compact ? t('brand.operatorShort') : t('brand.operatorName')) : compact ? t('brand.short') : t('brand.name')}
        </Text>
        {!compact && (
          <Text fz={12} c="dimmed" lh={1.2}>
            {t('brand.subtitle')}
          </Text>
        )}
      </div>
    </Group>
  );
}

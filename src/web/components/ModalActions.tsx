import { Button, Group, type MantineSpacing } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The buttons at the foot of every dialog: `Скасувати`, then the action. Without `onSubmit` the
 * action is the enclosing form's submit button.
 */
export function ModalActions({
  onCancel,
  onSubmit,
  label,
  loading,
  color,
  mt,
}: {
  onCancel: () => void;
  onSubmit?: () => void;
  label: ReactNode;
  loading?: boolean;
  color?: string;
  mt?: MantineSpacing;
}) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end" gap="sm" mt={mt}>
      <Button variant="default" onClick={onCancel}>
        {t('common.cancel')}
      </Button>
      <Button color={color} type={onSubmit ? 'button' : 'submit'} onClick={onSubmit} loading={loading}>
        {label}
      </Button>
    </Group>
  );
}

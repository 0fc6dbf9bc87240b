import { Modal, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { ModalActions } from './ModalActions';

/** "Are you sure?" before something that cannot be undone. */
export function ConfirmDialog({
  opened,
  title,
  children,
  confirmLabel,
  onConfirm,
  onClose,
  loading,
  confirmColor = 'red',
}: {
  opened: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onClose: () => void;
  loading?: boolean;
  /** Red for what destroys or takes away; the brand colour for a harmless step. */
  confirmColor?: string;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={700}>{title}</Text>} centered radius="lg">
      <Text size="sm">{children}</Text>
      <ModalActions onCancel={onClose} color={confirmColor} onSubmit={onConfirm} loading={loading} mt="lg" label={confirmLabel} />
    </Modal>
  );
}

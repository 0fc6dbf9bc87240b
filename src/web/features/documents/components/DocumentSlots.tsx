import { ActionIcon, Anchor, Button, FileButton, Group, Stack, Text, ThemeIcon, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { QueryKey } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type DocumentInfo, type DocumentKind, MAX_DOCUMENT_BYTES } from '../../../../shared/contracts/documents';
import { formatDateTime } from '../../../../shared/domain/dates';
import { isProblem } from '../../../app/api-client';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { IconDownload, IconFile, IconPaperclip, IconTrash } from '../../../components/icons';
import { documentUrl, useDeleteDocument } from '../api/delete-document';
import { type DocumentOwner, useUploadDocument } from '../api/upload-document';

const ACCEPT = '.pdf,.jpg,.jpeg,.png,.p7s,application/pdf,image/jpeg,image/png,application/pkcs7-signature';
const ALLOWED_EXTENSIONS = ['pdf', 'jpg', 'jpeg', 'png', 'p7s'];

export type DocumentSlotSpec = {
  kind: DocumentKind;
  /** Filled by the system (the signed statement): shown, never uploaded or deleted by hand. */
  readOnly?: boolean;
  hint?: string;
};

function formatSize(bytes: number, t: (key: string, options?: Record<string, unknown>) => string): string {
  if (bytes < 1024) return t('documents.sizeBytes', { value: bytes });
  if (bytes < 1024 * 1024) return t('documents.sizeKb', { value: Math.round(bytes / 1024) });
  return t('documents.sizeMb', { value: (bytes / (1024 * 1024)).toFixed(1) });
}

/**
 * The guide's document slots ("Тип файлу: …"): each shows its file or `Документ не прикріплений`,
 * with `ПРИКРІПИТИ ФАЙЛ` / `ПРИКРІПИТИ ІНШИЙ ФАЙЛ`. A file is checked here for size and type
 * first, so the person learns at once; the server checks the content again.
 */
export function DocumentSlots({
  owner,
  slots,
  documents,
  canEdit,
  invalidate,
}: {
  owner: DocumentOwner;
  slots: DocumentSlotSpec[];
  documents: DocumentInfo[];
  canEdit: boolean;
  invalidate: QueryKey[];
}) {
  return (
    <Stack gap={0} className="document-slots">
      {slots.map((slot) => (
        <DocumentSlot
          key={slot.kind}
          owner={owner}
          slot={slot}
          document={documents.find((d) => d.kind === slot.kind) ?? null}
          canEdit={canEdit && !slot.readOnly}
          invalidate={invalidate}
        />
      ))}
    </Stack>
  );
}

function DocumentSlot({
  owner,
  slot,
  document,
  canEdit,
  invalidate,
}: {
  owner: DocumentOwner;
  slot: DocumentSlotSpec;
  document: DocumentInfo | null;
  canEdit: boolean;
  invalidate: QueryKey[];
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const upload = useUploadDocument(owner, invalidate);
  const remove = useDeleteDocument(invalidate);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  // Lets the same file be chosen again after a failed attempt.
  const resetRef = useRef<() => void>(null);
  const label = t(`documentKind.${slot.kind}`);

  const onFile = (file: File | null) => {
    setError(null);
    resetRef.current?.();
    if (!file) return;
    const extension = file.name.split('.').pop()?.toLowerCase() ?? '';
    if (!ALLOWED_EXTENSIONS.includes(extension)) {
      setError(t('documents.wrongType'));
      return;
    }
    if (file.size > MAX_DOCUMENT_BYTES) {
      setError(t('documents.tooLarge'));
      return;
    }
    if (file.size === 0) {
      setError(t('documents.empty'));
      return;
    }
    upload.mutate(
      { kind: slot.kind, file },
      {
        onSuccess: () => notifications.show({ color: 'green', message: t('documents.uploaded', { kind: label }) }),
        onError: (e) => {
          if (isProblem(e, 413)) setError(t('documents.tooLarge'));
          else if (isProblem(e, 415)) setError(e.detail ?? t('documents.wrongType'));
          else setError(isProblem(e) ? (e.errors[0]?.message ?? e.detail ?? e.title) : t('errors.unexpected'));
        },
      },
    );
  };

  const onDelete = () => {
    if (!document) return;
    remove.mutate(document.id, {
      onSuccess: () => {
        setConfirming(false);
        notifications.show({ color: 'green', message: t('documents.deleted', { kind: label }) });
      },
      onError: (e) => {
        setConfirming(false);
        setError(isProblem(e) ? (e.detail ?? e.title) : t('errors.unexpected'));
      },
    });
  };

  return (
    <fieldset aria-labelledby={titleId} className="document-slot">
      <Group gap="sm" align="flex-start" wrap="nowrap">
        <ThemeIcon variant="light" color={document ? 'brand' : 'gray'} size={36} radius="md">
          <IconFile size={20} />
        </ThemeIcon>
        <Stack gap={6} style={{ flex: 1, minWidth: 0 }}>
          <Text size="sm" id={titleId} lh={1.35}>
            <Text span c="dimmed" size="sm">
              {t('documents.typeLabel')}{' '}
            </Text>
            <Text span fw={600} size="sm">
              {label}
            </Text>
          </Text>
          {document ? (
            <Group gap={6} wrap="nowrap" align="center">
              <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
                <Anchor href={documentUrl(document.id)} target="_blank" rel="noopener" size="sm" fw={500} className="break-anywhere">
                  {document.fileName}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {formatSize(document.size, t)} · {formatDateTime(document.createdAt)}
                </Text>
              </Stack>
              <Tooltip label={t('documents.download')} withArrow>
                <ActionIcon
                  component="a"
                  href={documentUrl(document.id, true)}
                  variant="subtle"
                  color="gray"
                  size="lg"
                  aria-label={t('documents.downloadKind', { kind: label })}
                >
                  <IconDownload size={18} />
                </ActionIcon>
              </Tooltip>
              {canEdit && (
                <Tooltip label={t('documents.delete')} withArrow>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size="lg"
                    aria-label={t('documents.deleteKind', { kind: label })}
                    onClick={() => setConfirming(true)}
                  >
                    <IconTrash size={18} />
                  </ActionIcon>
                </Tooltip>
              )}
            </Group>
          ) : (
            <Text size="sm" c="dimmed">
              {t('documents.notAttached')}
            </Text>
          )}
          {slot.hint && !document && (
            <Text size="xs" c="dimmed">
              {slot.hint}
            </Text>
          )}
          {error && (
            <Text size="sm" c="red.8" role="alert">
              {error}
            </Text>
          )}
          {canEdit && (
            <FileButton onChange={onFile} accept={ACCEPT} resetRef={resetRef}>
              {(props) => (
                <Button
                  {...props}
                  variant={document ? 'default' : 'light'}
                  size="xs"
                  w="fit-content"
                  maw="100%"
                  leftSection={<IconPaperclip size={15} />}
                  loading={upload.isPending}
                >
                  {document ? t('documents.attachOther') : t('documents.attach')}
                </Button>
              )}
            </FileButton>
          )}
        </Stack>
      </Group>
      <ConfirmDialog
        opened={confirming}
        title={t('documents.confirmDeleteTitle')}
        confirmLabel={t('documents.delete')}
        onConfirm={onDelete}
        onClose={() => setConfirming(false)}
        loading={remove.isPending}
      >
        {t('documents.confirmDeleteText', { kind: label })}
      </ConfirmDialog>
    </fieldset>
  );
}

import { ActionIcon, Anchor, Button, FileButton, FileInput, Group, Stack, Text, ThemeIcon, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { QueryKey } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type DocumentInfo, type DocumentKind, MAX_DOCUMENT_BYTES } from '../../../../shared/contracts/documents';
import { formatDateTime } from '../../../../shared/domain/dates';
import { isProblem } from '../../../app/api-client';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { IconDownload, IconFile, IconPaperclip, IconTrash } from '../../../components/icons';
import { SignatureReport } from '../../../components/SignatureReport';
import { documentUrl, signatureUrl, useDeleteDocument } from '../api/delete-document';
import { type DocumentOwner, useUploadDocument } from '../api/upload-document';

const ACCEPT = '.pdf,.jpg,.jpeg,.png,.p7s,application/pdf,image/jpeg,image/png,application/pkcs7-signature';
const ALLOWED_EXTENSIONS = ['pdf', 'jpg', 'jpeg', 'png', 'p7s'];
const SIGNED_ACCEPT = '.p7s,.pdf,application/pkcs7-signature,application/pdf';
const SIGNATURE_ACCEPT = '.p7s,application/pkcs7-signature';

export type DocumentSlotSpec = {
  kind: DocumentKind;
  /** Filled by the system (the signed statement): shown, never uploaded or deleted by hand. */
  readOnly?: boolean;
  /**
   * Must be signed (`Електронна версія заявки на КДП`): a `.p7s` with the document inside, or the
   * PDF with its detached `.p7s`.
   */
  signed?: boolean;
  hint?: string;
};

type Translate = (key: string, options?: Record<string, unknown>) => string;

function formatSize(bytes: number, t: Translate): string {
  if (bytes < 1024) return t('documents.sizeBytes', { value: bytes });
  if (bytes < 1024 * 1024) return t('documents.sizeKb', { value: Math.round(bytes / 1024) });
  return t('documents.sizeMb', { value: (bytes / (1024 * 1024)).toFixed(1) });
}

function extensionOf(name: string): string {
  return name.includes('.') ? (name.split('.').pop()?.toLowerCase() ?? '') : '';
}

/** `PDF`, `JPG`, … : what the document's own download button says. */
function formatLabel(document: DocumentInfo): string {
  if (document.mediaType === 'application/pdf') return 'PDF';
  if (document.mediaType === 'image/jpeg') return 'JPG';
  if (document.mediaType === 'image/png') return 'PNG';
  return (extensionOf(document.fileName) || 'файл').toUpperCase();
}

/** The size and emptiness checks every file passes before it is sent; null when fine. */
function sizeProblem(file: File, t: Translate): string | null {
  if (file.size > MAX_DOCUMENT_BYTES) return t('documents.tooLarge');
  if (file.size === 0) return t('documents.empty');
  return null;
}

function uploadProblem(e: unknown, t: Translate): string {
  if (isProblem(e, 413)) return t('documents.tooLarge');
  if (isProblem(e, 415)) return e.detail ?? t('documents.wrongType');
  // A refused signature (422 SIGNATURE_REFUSED) says why in `detail`.
  return isProblem(e) ? (e.errors[0]?.message ?? e.detail ?? e.title) : t('errors.unexpected');
}

/**
 * The guide's document slots ("Тип файлу: …"): each shows its file or `Документ не прикріплений`,
 * with `ПРИКРІПИТИ ФАЙЛ` / `ПРИКРІПИТИ ІНШИЙ ФАЙЛ`. A file is checked here for size and type
 * first, so the person learns at once; the server checks the content again. A signed document
 * offers its `.p7s` as well and shows the server's verification report.
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

  const onUploaded = () => notifications.show({ color: 'green', message: t('documents.uploaded', { kind: label }) });

  const onFile = (file: File | null) => {
    setError(null);
    resetRef.current?.();
    if (!file) return;
    if (!ALLOWED_EXTENSIONS.includes(extensionOf(file.name))) {
      setError(t('documents.wrongType'));
      return;
    }
    const problem = sizeProblem(file, t);
    if (problem) {
      setError(problem);
      return;
    }
    upload.mutate({ kind: slot.kind, file }, { onSuccess: onUploaded, onError: (e) => setError(uploadProblem(e, t)) });
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

  const format = document ? formatLabel(document) : '';

  return (
    <fieldset aria-labelledby={titleId} className="document-slot">
      <Group gap="sm" align="flex-start" wrap="nowrap">
        <ThemeIcon variant="light" color={document ? 'brand' : 'gray'} size={36} radius="md" visibleFrom="xs">
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
              {!document.hasSignatureFile && (
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
              )}
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
          {document?.hasSignatureFile && (
            <Group gap="xs" wrap="wrap">
              <Button
                component="a"
                href={documentUrl(document.id, true)}
                variant="default"
                size="xs"
                leftSection={<IconDownload size={14} />}
                aria-label={t('documents.downloadFileKind', { format, kind: label })}
              >
                {format}
              </Button>
              <Button
                component="a"
                href={signatureUrl(document.id)}
                download
                variant="default"
                size="xs"
                leftSection={<IconDownload size={14} />}
                aria-label={t('documents.downloadSignatureKind', { kind: label })}
              >
                {t('documents.downloadSignature')}
              </Button>
            </Group>
          )}
          {document?.signature && <SignatureReport report={document.signature} />}
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
          {canEdit && slot.signed && (
            <SignedUpload
              hasDocument={Boolean(document)}
              loading={upload.isPending}
              onError={setError}
              onUpload={(file, signature) =>
                new Promise<boolean>((resolve) =>
                  upload.mutate(
                    { kind: slot.kind, file, signature },
                    {
                      onSuccess: () => {
                        onUploaded();
                        resolve(true);
                      },
                      onError: (e) => {
                        setError(uploadProblem(e, t));
                        resolve(false);
                      },
                    },
                  ),
                )
              }
            />
          )}
          {canEdit && !slot.signed && (
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

/**
 * A signed document's upload: the file (a `.p7s` with the document inside, or the PDF) and,
 * for a PDF, its detached `.p7s`. With a document already there, it opens on
 * `ПРИКРІПИТИ ІНШИЙ ФАЙЛ`.
 */
function SignedUpload({
  hasDocument,
  loading,
  onError,
  onUpload,
}: {
  hasDocument: boolean;
  loading: boolean;
  onError: (message: string | null) => void;
  onUpload: (file: File, signature: File | null) => Promise<boolean>;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [signature, setSignature] = useState<File | null>(null);

  if (hasDocument && !open) {
    return (
      <Button
        variant="default"
        size="xs"
        w="fit-content"
        maw="100%"
        leftSection={<IconPaperclip size={15} />}
        onClick={() => {
          onError(null);
          setOpen(true);
        }}
      >
        {t('documents.attachOther')}
      </Button>
    );
  }

  const submit = async () => {
    onError(null);
    if (!file) return onError(t('documents.chooseFileFirst'));
    const extension = extensionOf(file.name);
    if (extension !== 'p7s' && extension !== 'pdf') return onError(t('documents.signedFileWrongType'));
    if (signature && extensionOf(signature.name) !== 'p7s') return onError(t('documents.signatureWrongType'));
    if (extension === 'pdf' && !signature) return onError(t('documents.needSignature'));
    const problem = sizeProblem(file, t) ?? (signature ? sizeProblem(signature, t) : null);
    if (problem) return onError(problem);
    // A `.p7s` with the document inside carries its own signature: a second one would confuse.
    if (await onUpload(file, extension === 'pdf' ? signature : null)) {
      setFile(null);
      setSignature(null);
      setOpen(false);
    }
  };

  return (
    <Stack gap="xs" className="signed-upload">
      <Text size="xs" c="dimmed">
        {t('documents.signedHint')}
      </Text>
      <FileInput
        size="xs"
        label={t('documents.signedFile')}
        placeholder={t('documents.chooseFile')}
        accept={SIGNED_ACCEPT}
        clearable
        leftSection={<IconPaperclip size={14} />}
        value={file}
        onChange={(f) => {
          setFile(f);
          onError(null);
        }}
      />
      <FileInput
        size="xs"
        label={t('documents.detachedSignature')}
        placeholder={t('documents.chooseFile')}
        accept={SIGNATURE_ACCEPT}
        clearable
        leftSection={<IconPaperclip size={14} />}
        value={signature}
        onChange={(f) => {
          setSignature(f);
          onError(null);
        }}
      />
      <Group gap="xs">
        <Button
          variant={hasDocument ? 'default' : 'light'}
          size="xs"
          leftSection={<IconPaperclip size={15} />}
          loading={loading}
          onClick={() => void submit()}
        >
          {hasDocument ? t('documents.attachOther') : t('documents.attach')}
        </Button>
        {hasDocument && (
          <Button variant="subtle" color="gray" size="xs" onClick={() => setOpen(false)}>
            {t('common.cancel')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}

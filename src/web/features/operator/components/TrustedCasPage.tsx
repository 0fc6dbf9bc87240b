import { Alert, Badge, Button, FileButton, Paper, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TrustedCa } from '../../../../shared/contracts/trust';
import { formatDate } from '../../../../shared/domain/dates';
import { isProblem } from '../../../app/api-client';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { IconAlert, IconTrash, IconUpload } from '../../../components/icons';
import { PageHeader } from '../../../components/PageHeader';
import { ErrorState, PageLoader } from '../../../components/PageState';
import { useImportTrustedCas, useRemoveTrustedCa, useTrustedCas } from '../api/trusted-cas';

const ACCEPT = '.p7b,.p7c,.pem,.cer,.crt,.der';

/** `Довірені ЦСК`: whose signatures the system accepts — the provider's own CA and imported ones. */
export function TrustedCasPage() {
  const { t } = useTranslation();
  const cas = useTrustedCas();
  const importCas = useImportTrustedCas();
  const remove = useRemoveTrustedCa();
  const [failure, setFailure] = useState<string | null>(null);
  const [removing, setRemoving] = useState<TrustedCa | null>(null);
  const resetRef = useRef<() => void>(null);

  const onFile = (file: File | null) => {
    resetRef.current?.();
    setFailure(null);
    if (!file) return;
    importCas.mutate(file, {
      onSuccess: (result) =>
        notifications.show({
          color: result.added.length > 0 ? 'green' : 'gray',
          message: t('trustedCas.imported', { added: result.added.length, already: result.alreadyTrusted }),
        }),
      onError: (e) => setFailure(isProblem(e) ? (e.errors[0]?.message ?? e.detail ?? e.title) : t('errors.unexpected')),
    });
  };

  const confirmRemove = () => {
    if (!removing) return;
    remove.mutate(removing.id, {
      onSuccess: () => {
        notifications.show({ color: 'green', message: t('trustedCas.removed', { subject: removing.subject }) });
        setRemoving(null);
      },
      onError: (e) => {
        setFailure(isProblem(e) ? (e.detail ?? e.title) : t('errors.unexpected'));
        setRemoving(null);
      },
    });
  };

  let body: React.ReactNode;
  if (cas.isPending) body = <PageLoader />;
  else if (cas.isError) body = <ErrorState error={cas.error} onRetry={() => void cas.refetch()} />;
  else {
    body = (
      <Paper withBorder style={{ overflow: 'hidden' }}>
        <Table.ScrollContainer minWidth={900} type="native">
          <Table striped="even" stripedColor="gray.0" aria-label={t('trustedCas.title')}>
            <Table.Thead className="table-head">
              <Table.Tr>
                <Table.Th>{t('trustedCas.columns.subject')}</Table.Th>
                <Table.Th>{t('trustedCas.columns.issuer')}</Table.Th>
                <Table.Th>{t('trustedCas.columns.validity')}</Table.Th>
                <Table.Th>{t('trustedCas.columns.source')}</Table.Th>
                <Table.Th w={60} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {cas.data.map((ca) => (
                <Table.Tr key={ca.id}>
                  <Table.Td maw={360}>
                    <Text size="sm" fw={600} className="break-anywhere">
                      {ca.subject}
                    </Text>
                    <Text size="xs" c="dimmed" ff="monospace" className="break-anywhere">
                      SHA-256 {ca.fingerprint}
                    </Text>
                  </Table.Td>
                  <Table.Td maw={280}>
                    <Text size="xs" className="break-anywhere">
                      {ca.issuer}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" miw="max-content">
                      {formatDate(ca.notBefore)} – {formatDate(ca.notAfter)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={ca.source === 'provider' ? 'brand' : 'gray'} variant="light" radius="sm" tt="none">
                      {t(`trustedCas.source.${ca.source}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {ca.source === 'imported' && (
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        leftSection={<IconTrash size={14} />}
                        onClick={() => setRemoving(ca)}
                        aria-label={t('trustedCas.removeNamed', { subject: ca.subject })}
                      >
                        {t('trustedCas.remove')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
    );
  }

  return (
    <>
      <PageHeader
        title={t('trustedCas.title')}
        actions={
          <FileButton onChange={onFile} accept={ACCEPT} resetRef={resetRef}>
            {(props) => (
              <Button {...props} leftSection={<IconUpload size={18} />} loading={importCas.isPending}>
                {t('trustedCas.import')}
              </Button>
            )}
          </FileButton>
        }
      >
        <Text size="sm" c="dimmed" maw={760}>
          {t('trustedCas.intro')}
        </Text>
      </PageHeader>
      {failure && (
        <Alert color="red" variant="light" icon={<IconAlert />} mb="md" role="alert" title={t('trustedCas.importFailed')}>
          {failure}
        </Alert>
      )}
      {body}
      <ConfirmDialog
        opened={removing !== null}
        title={t('trustedCas.confirmRemoveTitle')}
        confirmLabel={t('trustedCas.remove')}
        onConfirm={confirmRemove}
        onClose={() => setRemoving(null)}
        loading={remove.isPending}
      >
        {t('trustedCas.confirmRemoveText', { subject: removing?.subject ?? '' })}
      </ConfirmDialog>
    </>
  );
}

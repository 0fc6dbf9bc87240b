import { ActionIcon, Badge, Button, Group, Modal, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '../../../../shared/domain/dates';
import { REVOCATION_REASON_CODES, REVOCATION_REASONS, type RevocationReasonCode } from '../../../../shared/domain/issuance';
import { isProblem } from '../../../app/api-client';
import { IconDownload, IconSearch } from '../../../components/icons';
import { ModalActions } from '../../../components/ModalActions';
import { PageHeader } from '../../../components/PageHeader';
import { ErrorState, PageLoader } from '../../../components/PageState';
import { CertificateStatusBadge } from '../../../components/StatusBadge';
import { type CertificateFilter, type RegistryCertificate, useCertificates } from '../api/get-certificates';
import { useAdminOrganizations } from '../api/organizations';
import { useRevokeCertificate } from '../api/revoke-certificate';

const STATUSES = ['valid', 'revoked', 'blocked', 'expired'] as const;

function reasonLabel(code: number | null): string {
  if (code === null) return '';
  return REVOCATION_REASONS[code as RevocationReasonCode] ?? String(code);
}

/** `Сертифікати`: the register of issued certificates, with revocation. */
export function CertificatesPage() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [debouncedQ] = useDebouncedValue(q.trim(), 300);
  const [status, setStatus] = useState<string | null>(null);
  const [organizationId, setOrganizationId] = useState<string | null>(null);
  const filter: CertificateFilter = {
    q: debouncedQ || undefined,
    status: status ?? undefined,
    organizationId: organizationId ?? undefined,
  };
  const certificates = useCertificates(filter);
  const organizations = useAdminOrganizations();
  const [revoking, setRevoking] = useState<RegistryCertificate | null>(null);

  let body: React.ReactNode;
  if (certificates.isPending) body = <PageLoader />;
  else if (certificates.isError) body = <ErrorState error={certificates.error} onRetry={() => void certificates.refetch()} />;
  else if (certificates.data.length === 0) {
    body = (
      <Paper withBorder p="xl" ta="center">
        <Text fw={600}>{t('registry.empty')}</Text>
      </Paper>
    );
  } else {
    body = (
      <Paper withBorder style={{ overflow: 'hidden' }}>
        <Table.ScrollContainer minWidth={1040} type="native">
          <Table striped="even" stripedColor="gray.0" highlightOnHover aria-label={t('registry.title')}>
            <Table.Thead className="table-head">
              <Table.Tr>
                <Table.Th>{t('registry.columns.holder')}</Table.Th>
                <Table.Th>{t('registry.columns.organization')}</Table.Th>
                <Table.Th>{t('registry.columns.serial')}</Table.Th>
                <Table.Th>{t('registry.columns.validity')}</Table.Th>
                <Table.Th>{t('registry.columns.status')}</Table.Th>
                <Table.Th>{t('registry.columns.details')}</Table.Th>
                <Table.Th ta="right">{t('registry.columns.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {certificates.data.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {c.holderName}
                    </Text>
                  </Table.Td>
                  <Table.Td maw={260}>
                    <Text size="sm" lineClamp={2}>
                      {c.organization.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t('inbox.edrpou', { code: c.organization.edrpou })}
                    </Text>
                  </Table.Td>
                  <Table.Td maw={200}>
                    <Text size="xs" ff="monospace" className="break-anywhere">
                      {c.serial}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" miw="max-content">
                      {formatDate(c.notBefore)} – {formatDate(c.notAfter)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={2}>
                      <CertificateStatusBadge status={c.status} size="sm" />
                      {c.revokedAt && (
                        <Text size="xs" c="dimmed" maw={200}>
                          {formatDateTime(c.revokedAt)}
                          {c.revocationReason !== null ? `: ${reasonLabel(c.revocationReason)}` : ''}
                        </Text>
                      )}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={2}>
                      {c.keyStorage && (
                        <Text size="xs" c="dimmed">
                          {t(`keyStorage.${c.keyStorage}`)}
                        </Text>
                      )}
                      {c.identification && (
                        <Text size="xs" c="dimmed">
                          {c.identification === 'remote' ? t('review.identificationRemote') : t('review.identificationInPerson')}
                        </Text>
                      )}
                      {c.published && (
                        <Badge size="xs" variant="light" color="brand" radius="sm" tt="none" w="fit-content">
                          {t('registry.published')}
                        </Badge>
                      )}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6} justify="flex-end" wrap="nowrap">
                      {c.downloadUrl && (
                        <Tooltip label={t('registry.download')} withArrow>
                          <ActionIcon
                            component="a"
                            href={c.downloadUrl}
                            download
                            variant="subtle"
                            color="gray"
                            size="lg"
                            aria-label={t('registry.downloadNamed', { name: c.holderName })}
                          >
                            <IconDownload size={18} />
                          </ActionIcon>
                        </Tooltip>
                      )}
                      {c.status === 'valid' && (
                        <Button size="xs" color="red" variant="light" onClick={() => setRevoking(c)}>
                          {t('registry.revoke')}
                        </Button>
                      )}
                    </Group>
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
      <PageHeader title={t('registry.title')} />
      <Paper withBorder p="md" mb="lg" role="search" aria-label={t('registry.filterTitle')}>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput
            label={t('registry.search')}
            placeholder={t('registry.searchPlaceholder')}
            leftSection={<IconSearch size={16} />}
            value={q}
            onChange={(e) => setQ(e.currentTarget.value)}
          />
          <Select
            label={t('registry.status')}
            placeholder={t('inbox.any')}
            clearable
            allowDeselect
            data={STATUSES.map((s) => ({ value: s, label: t(`certificateBadge.${s}`) }))}
            value={status}
            onChange={setStatus}
          />
          <Select
            label={t('inbox.organization')}
            placeholder={t('inbox.any')}
            clearable
            allowDeselect
            searchable
            nothingFoundMessage={t('common.nothingFound')}
            data={(organizations.data ?? []).map((o) => ({ value: o.id, label: `${o.name} (${o.edrpou})` }))}
            value={organizationId}
            onChange={setOrganizationId}
          />
        </SimpleGrid>
      </Paper>
      {body}
      <RevokeModal certificate={revoking} onClose={() => setRevoking(null)} />
    </>
  );
}

function RevokeModal({ certificate, onClose }: { certificate: RegistryCertificate | null; onClose: () => void }) {
  const { t } = useTranslation();
  const revoke = useRevokeCertificate();
  const [reason, setReason] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const close = () => {
    setReason(null);
    setError(null);
    onClose();
  };
  const submit = () => {
    if (!certificate) return;
    if (reason === null) return setError(t('registry.pickReason'));
    revoke.mutate(
      { id: certificate.id, reasonCode: Number(reason) },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('registry.revoked', { name: certificate.holderName }) });
          close();
        },
        onError: (e) => setError(isProblem(e) ? (e.errors[0]?.message ?? e.detail ?? e.title) : t('errors.unexpected')),
      },
    );
  };

  return (
    <Modal opened={certificate !== null} onClose={close} title={<Text fw={700}>{t('registry.revokeTitle')}</Text>} centered radius="lg">
      {certificate && (
        <Stack gap="md">
          <Text size="sm">{t('registry.revokeText', { name: certificate.holderName, serial: certificate.serial })}</Text>
          <Select
            label={t('registry.reason')}
            withAsterisk
            placeholder={t('registry.pickReason')}
            data={REVOCATION_REASON_CODES.map((code) => ({ value: String(code), label: REVOCATION_REASONS[code] }))}
            value={reason}
            onChange={(v) => {
              setReason(v);
              setError(null);
            }}
            error={error}
            comboboxProps={{ withinPortal: true }}
          />
          <Text size="xs" c="dimmed">
            {t('registry.revokeWarning')}
          </Text>
          <ModalActions onCancel={close} color="red" onSubmit={submit} loading={revoke.isPending} label={t('registry.revoke')} />
        </Stack>
      )}
    </Modal>
  );
}

import { Alert, Button, Card, Group, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { PublicCertificate } from '../../../../shared/contracts/review';
import { formatDate } from '../../../../shared/domain/dates';
import { IconDownload, IconInfo, IconSearch } from '../../../components/icons';
import { PageHeader } from '../../../components/PageHeader';
import { ErrorState, PageLoader } from '../../../components/PageState';
import { CertificateStatusBadge } from '../../../components/StatusBadge';
import { publicCertificateUrl, usePublicCertificates } from '../api/search-certificates';

function Downloads({ c }: { c: PublicCertificate }) {
  const { t } = useTranslation();
  return (
    <Group gap={6} wrap="nowrap">
      <Button
        component="a"
        href={publicCertificateUrl(c.serial, 'cer')}
        download
        size="compact-sm"
        variant="default"
        leftSection={<IconDownload size={14} />}
        aria-label={t('publicCertificates.downloadCer', { name: c.holderName })}
      >
        .cer
      </Button>
      <Button
        component="a"
        href={publicCertificateUrl(c.serial, 'pem')}
        download
        size="compact-sm"
        variant="default"
        leftSection={<IconDownload size={14} />}
        aria-label={t('publicCertificates.downloadPem', { name: c.holderName })}
      >
        .pem
      </Button>
    </Group>
  );
}

/** `/certificates`: anyone finds a published certificate by name, organization or ЄДРПОУ. */
export function PublicCertificatesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const [draft, setDraft] = useState(q);
  const [tooShort, setTooShort] = useState(false);
  useEffect(() => setDraft(q), [q]);
  const result = usePublicCertificates(q);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const value = draft.trim();
    if (value.length < 3) return setTooShort(true);
    setTooShort(false);
    setParams(value ? { q: value } : {}, { replace: true });
  };

  let body: React.ReactNode = null;
  if (q.length >= 3) {
    if (result.isPending) body = <PageLoader />;
    else if (result.isError) body = <ErrorState error={result.error} onRetry={() => void result.refetch()} />;
    else if (result.data.items.length === 0) {
      body = (
        <Paper withBorder p="xl" ta="center">
          <Text fw={600}>{t('publicCertificates.empty', { q })}</Text>
          <Text size="sm" c="dimmed" mt={4}>
            {t('publicCertificates.emptyHint')}
          </Text>
        </Paper>
      );
    } else {
      const items = result.data.items;
      body = (
        <Stack gap="sm">
          <Text size="sm" c="dimmed" role="status">
            {t('publicCertificates.found', { count: items.length })}
          </Text>
          <Paper withBorder visibleFrom="sm" style={{ overflow: 'hidden' }}>
            <Table.ScrollContainer minWidth={900} type="native">
              <Table striped="even" stripedColor="gray.0" aria-label={t('publicCertificates.title')}>
                <Table.Thead className="table-head">
                  <Table.Tr>
                    <Table.Th>{t('publicCertificates.columns.holder')}</Table.Th>
                    <Table.Th>{t('publicCertificates.columns.organization')}</Table.Th>
                    <Table.Th>{t('publicCertificates.columns.serial')}</Table.Th>
                    <Table.Th>{t('publicCertificates.columns.validity')}</Table.Th>
                    <Table.Th>{t('publicCertificates.columns.status')}</Table.Th>
                    <Table.Th>{t('publicCertificates.columns.download')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((c) => (
                    <Table.Tr key={c.serial}>
                      <Table.Td>
                        <Text size="sm" fw={600}>
                          {c.holderName}
                        </Text>
                        {c.position && (
                          <Text size="xs" c="dimmed">
                            {c.position}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td maw={280}>
                        <Text size="sm">{c.organizationName}</Text>
                        <Text size="xs" c="dimmed">
                          {t('inbox.edrpou', { code: c.edrpou })}
                        </Text>
                      </Table.Td>
                      <Table.Td maw={190}>
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
                        <CertificateStatusBadge status={c.status} size="sm" />
                      </Table.Td>
                      <Table.Td>
                        <Downloads c={c} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
          <Stack hiddenFrom="sm" gap="sm">
            {items.map((c) => (
              <Card key={c.serial} padding="md">
                <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
                  <Text fw={700}>{c.holderName}</Text>
                  <CertificateStatusBadge status={c.status} size="sm" />
                </Group>
                {c.position && (
                  <Text size="xs" c="dimmed">
                    {c.position}
                  </Text>
                )}
                <Text size="sm" mt={6}>
                  {c.organizationName}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('inbox.edrpou', { code: c.edrpou })}
                </Text>
                <Text size="xs" mt={6}>
                  {formatDate(c.notBefore)} – {formatDate(c.notAfter)}
                </Text>
                <Text size="xs" ff="monospace" c="dimmed" className="break-anywhere" mb="xs">
                  {c.serial}
                </Text>
                <Downloads c={c} />
              </Card>
            ))}
          </Stack>
          {result.data.truncated && (
            <Alert color="yellow" variant="light" icon={<IconInfo />}>
              {t('publicCertificates.truncated')}
            </Alert>
          )}
        </Stack>
      );
    }
  }

  return (
    <>
      <PageHeader title={t('publicCertificates.title')}>
        <Text size="sm" c="dimmed" maw={760}>
          {t('publicCertificates.intro')}
        </Text>
      </PageHeader>
      <Paper withBorder p="md" mb="lg" component="form" role="search" onSubmit={submit} aria-label={t('publicCertificates.title')}>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput
            label={t('publicCertificates.search')}
            placeholder={t('publicCertificates.searchPlaceholder')}
            leftSection={<IconSearch size={16} />}
            value={draft}
            onChange={(e) => {
              setDraft(e.currentTarget.value);
              setTooShort(false);
            }}
            error={tooShort ? t('publicCertificates.tooShort') : undefined}
            style={{ flex: '1 1 320px' }}
            size="md"
          />
          <Button type="submit" size="md">
            {t('publicCertificates.submit')}
          </Button>
        </Group>
      </Paper>
      {body}
    </>
  );
}

import { Alert, Badge, Button, Code, Group, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AuditCsvQuery, type AuditEntry, auditCsvQuerySchema } from '../../../../shared/contracts/audit';
import { formatDateTime } from '../../../../shared/domain/dates';
import { isProblem } from '../../../app/api-client';
import { IconAlert, IconCheck, IconDownload, IconShield } from '../../../components/icons';
import { PageHeader } from '../../../components/PageHeader';
import { ErrorState, PageLoader } from '../../../components/PageState';
import { UaDateInput } from '../../../components/UaDateInput';
import { auditCsvUrl, useAudit, useVerifyAudit } from '../api/audit';
import { useAdminOrganizations } from '../api/organizations';

const ENTITY_TYPES = [
  'application',
  'certificate_request',
  'certificate',
  'document',
  'organization',
  'contract',
  'user',
  'trusted_ca',
  'settings',
];

type Draft = {
  event: string;
  entityType: string | null;
  entityId: string;
  organizationId: string | null;
  from: string | null;
  to: string | null;
};
const EMPTY: Draft = { event: '', entityType: null, entityId: '', organizationId: null, from: null, to: null };

function details(entry: AuditEntry): string {
  const entries = Object.entries(entry.details);
  if (entries.length === 0) return '';
  return entries.map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`).join('; ');
}

/** `Журнал аудиту`: who did what and when, newest first; CSV export and the hash chain's check. */
export function AuditPage() {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [filter, setFilter] = useState<AuditCsvQuery>({});
  const [filterError, setFilterError] = useState<string | null>(null);
  const audit = useAudit(filter);
  const verify = useVerifyAudit();
  const organizations = useAdminOrganizations();
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  const apply = (next: Draft) => {
    const raw = {
      event: next.event.trim().toUpperCase() || undefined,
      entityType: next.entityType ?? undefined,
      entityId: next.entityId.trim() || undefined,
      organizationId: next.organizationId ?? undefined,
      from: next.from ?? undefined,
      to: next.to ?? undefined,
    };
    const parsed = auditCsvQuerySchema.safeParse(raw);
    if (!parsed.success) return setFilterError(parsed.error.issues[0]?.message ?? t('errors.unexpected'));
    setFilterError(null);
    setFilter(parsed.data);
  };

  const entries = audit.data?.pages.flatMap((p) => p.items) ?? [];
  let body: React.ReactNode;
  if (audit.isPending) body = <PageLoader />;
  else if (audit.isError) body = <ErrorState error={audit.error} onRetry={() => void audit.refetch()} />;
  else if (entries.length === 0) {
    body = (
      <Paper withBorder p="xl" ta="center">
        <Text fw={600}>{t('audit.empty')}</Text>
      </Paper>
    );
  } else {
    body = (
      <Stack gap="md">
        <Paper withBorder style={{ overflow: 'hidden' }}>
          <Table.ScrollContainer minWidth={1000} type="native">
            <Table striped="even" stripedColor="gray.0" verticalSpacing="xs" aria-label={t('audit.title')}>
              <Table.Thead className="table-head">
                <Table.Tr>
                  <Table.Th w={70}>#</Table.Th>
                  <Table.Th>{t('audit.columns.at')}</Table.Th>
                  <Table.Th>{t('audit.columns.event')}</Table.Th>
                  <Table.Th>{t('audit.columns.entity')}</Table.Th>
                  <Table.Th>{t('audit.columns.actor')}</Table.Th>
                  <Table.Th>{t('audit.columns.details')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {entries.map((e) => (
                  <Table.Tr key={e.id}>
                    <Table.Td>
                      <Text size="xs" c="dimmed">
                        {e.id}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" miw="max-content">
                        {formatDateTime(e.at)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Code fz={12}>{e.event}</Code>
                      <Text size="xs" c="dimmed">
                        {t(`auditEvent.${e.event}`, { defaultValue: '' })}
                      </Text>
                    </Table.Td>
                    <Table.Td maw={220}>
                      <Text size="xs">{e.entityType}</Text>
                      {e.entityId && (
                        <Text size="xs" c="dimmed" ff="monospace" className="break-anywhere">
                          {e.entityId}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{e.actorName ?? t('audit.system')}</Text>
                      <Text size="xs" c="dimmed">
                        {[e.actorRole ? t(`users.role.${e.actorRole}`, { defaultValue: e.actorRole }) : null, e.ip]
                          .filter(Boolean)
                          .join(' · ')}
                      </Text>
                    </Table.Td>
                    <Table.Td maw={360}>
                      <Text size="xs" className="break-anywhere" lineClamp={3} title={details(e)}>
                        {details(e)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
        {audit.hasNextPage && (
          <Group justify="center">
            <Button variant="default" onClick={() => void audit.fetchNextPage()} loading={audit.isFetchingNextPage}>
              {t('audit.more')}
            </Button>
          </Group>
        )}
      </Stack>
    );
  }

  const check = verify.data;
  return (
    <>
      <PageHeader
        title={t('audit.title')}
        actions={
          <>
            <Button component="a" href={auditCsvUrl(filter)} download variant="default" leftSection={<IconDownload size={18} />}>
              {t('audit.csv')}
            </Button>
            <Button leftSection={<IconShield size={18} />} onClick={() => verify.mutate()} loading={verify.isPending}>
              {t('audit.verify')}
            </Button>
          </>
        }
      />
      {check && (
        <Alert
          mb="lg"
          color={check.ok ? 'green' : 'red'}
          variant="light"
          icon={check.ok ? <IconCheck /> : <IconAlert />}
          title={check.ok ? t('audit.verifyOk') : t('audit.verifyBroken')}
          role="status"
        >
          {check.ok
            ? t('audit.verifyOkText', { checked: check.checked })
            : t('audit.verifyBrokenText', { checked: check.checked, id: check.firstBrokenId ?? '—' })}
          {check.lastHash && (
            <Text size="xs" c="dimmed" mt={4} ff="monospace" className="break-anywhere">
              {t('audit.lastHash', { id: check.lastId ?? '', hash: check.lastHash })}
            </Text>
          )}
        </Alert>
      )}
      {verify.isError && (
        <Alert mb="lg" color="red" variant="light" icon={<IconAlert />}>
          {isProblem(verify.error) ? (verify.error.detail ?? verify.error.title) : t('errors.unexpected')}
        </Alert>
      )}
      <Paper
        withBorder
        p="md"
        mb="lg"
        component="form"
        role="search"
        aria-label={t('audit.filterTitle')}
        onSubmit={(e: React.FormEvent) => {
          e.preventDefault();
          apply(draft);
        }}
      >
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
          <TextInput
            label={t('audit.event')}
            placeholder="APPLICATION_ACCEPTED"
            value={draft.event}
            onChange={(e) => set({ event: e.currentTarget.value })}
          />
          <Select
            label={t('audit.entityType')}
            placeholder={t('inbox.any')}
            clearable
            allowDeselect
            data={ENTITY_TYPES}
            value={draft.entityType}
            onChange={(v) => set({ entityType: v })}
          />
          <TextInput label={t('audit.entityId')} value={draft.entityId} onChange={(e) => set({ entityId: e.currentTarget.value })} />
          <Select
            label={t('inbox.organization')}
            placeholder={t('inbox.any')}
            clearable
            allowDeselect
            searchable
            nothingFoundMessage={t('common.nothingFound')}
            data={(organizations.data ?? []).map((o) => ({ value: o.id, label: `${o.name} (${o.edrpou})` }))}
            value={draft.organizationId}
            onChange={(v) => set({ organizationId: v })}
          />
          <UaDateInput label={t('audit.from')} value={draft.from} onChange={(v) => set({ from: v })} />
          <UaDateInput label={t('audit.to')} value={draft.to} onChange={(v) => set({ to: v })} />
        </SimpleGrid>
        {filterError && (
          <Text size="sm" c="red.8" mt="xs" role="alert">
            {filterError}
          </Text>
        )}
        <Group mt="md" gap="sm">
          <Button type="submit">{t('inbox.apply')}</Button>
          <Button
            variant="default"
            onClick={() => {
              setDraft(EMPTY);
              apply(EMPTY);
            }}
          >
            {t('inbox.reset')}
          </Button>
          {Object.keys(filter).length > 0 && (
            <Badge variant="light" radius="sm" tt="none">
              {t('audit.filtered')}
            </Badge>
          )}
        </Group>
      </Paper>
      {body}
    </>
  );
}

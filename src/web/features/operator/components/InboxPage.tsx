import { Anchor, Badge, Button, Card, Group, Paper, Select, SimpleGrid, Stack, Table, Tabs, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { type InboxItem, type InboxQuery, inboxQuerySchema } from '../../../../shared/contracts/review';
import { formatDate, formatDateTime } from '../../../../shared/domain/dates';
import type { ApplicationStatus } from '../../../../shared/domain/status';
import { PageHeader } from '../../../components/PageHeader';
import { ErrorState, PageLoader } from '../../../components/PageState';
import { ApplicationStatusBadge } from '../../../components/StatusBadge';
import { UaDateInput } from '../../../components/UaDateInput';
import { useUrlFilter } from '../../../lib/url-filter';
import { useInbox } from '../api/get-inbox';
import { useAdminOrganizations } from '../api/organizations';

/** The statuses an operator sees (a draft is the ВО's own business), in the order of the work. */
const INBOX_STATUSES: ApplicationStatus[] = ['sent', 'rework', 'accepted', 'completed', 'cancelled'];
const FILTER_KEYS = ['status', 'organizationId', 'sentFrom', 'sentTo'] as const;
const ALL = 'all';

function useFilter(): [InboxQuery, (filter: InboxQuery) => void] {
  return useUrlFilter(inboxQuerySchema, FILTER_KEYS, { replace: true }) as [InboxQuery, (filter: InboxQuery) => void];
}

/** Signed / rejected / issued of all requests, as small counters. */
function RequestCounts({ item }: { item: InboxItem }) {
  const { t } = useTranslation();
  return (
    <Group gap={6} wrap="wrap">
      <Text size="sm" fw={600} miw="max-content">
        {t('inbox.requestsTotal', { count: item.requestCount })}
      </Text>
      <Badge size="sm" variant="light" color="green" radius="sm" tt="none">
        {t('inbox.signed', { count: item.signedCount })}
      </Badge>
      {item.rejectedCount > 0 && (
        <Badge size="sm" variant="light" color="red" radius="sm" tt="none">
          {t('inbox.rejected', { count: item.rejectedCount })}
        </Badge>
      )}
      {item.issuedCount > 0 && (
        <Badge size="sm" variant="light" color="teal" radius="sm" tt="none">
          {t('inbox.issued', { count: item.issuedCount })}
        </Badge>
      )}
    </Group>
  );
}

/** `Заявки` of the operator: every sent application, filtered by status, organization and date sent. */
export function InboxPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [filter, setFilter] = useFilter();
  const inbox = useInbox(filter);
  const organizations = useAdminOrganizations();
  const [dates, setDates] = useState({ sentFrom: filter.sentFrom ?? null, sentTo: filter.sentTo ?? null });
  useEffect(() => setDates({ sentFrom: filter.sentFrom ?? null, sentTo: filter.sentTo ?? null }), [filter.sentFrom, filter.sentTo]);

  const counts = inbox.data?.counts ?? {};
  const total = INBOX_STATUSES.reduce((sum, s) => sum + (counts[s] ?? 0), 0);
  const open = (item: InboxItem) => navigate(`/operator/applications/${item.id}`);

  let body: React.ReactNode;
  if (inbox.isPending) {
    body = <PageLoader />;
  } else if (inbox.isError) {
    body = <ErrorState error={inbox.error} onRetry={() => void inbox.refetch()} />;
  } else if (inbox.data.items.length === 0) {
    body = (
      <Paper withBorder p="xl" ta="center">
        <Text fw={600} fz="lg">
          {t('inbox.empty')}
        </Text>
        <Text c="dimmed" size="sm" mt={4}>
          {t('inbox.emptyHint')}
        </Text>
      </Paper>
    );
  } else {
    const rows = inbox.data.items;
    body = (
      <>
        <Paper withBorder visibleFrom="sm" style={{ overflow: 'hidden' }}>
          <Table.ScrollContainer minWidth={900} type="native">
            <Table highlightOnHover striped="even" stripedColor="gray.0" aria-label={t('inbox.title')}>
              <Table.Thead className="table-head">
                <Table.Tr>
                  <Table.Th>{t('inbox.columns.number')}</Table.Th>
                  <Table.Th>{t('inbox.columns.organization')}</Table.Th>
                  <Table.Th>{t('inbox.columns.sentAt')}</Table.Th>
                  <Table.Th>{t('inbox.columns.renewalDate')}</Table.Th>
                  <Table.Th>{t('inbox.columns.requests')}</Table.Th>
                  <Table.Th>{t('inbox.columns.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((a) => (
                  <Table.Tr key={a.id} className="clickable-row" onClick={() => open(a)}>
                    <Table.Td>
                      <Anchor component={Link} to={`/operator/applications/${a.id}`} fw={600} onClick={(e) => e.stopPropagation()}>
                        {a.number}
                      </Anchor>
                    </Table.Td>
                    <Table.Td maw={340}>
                      <Text size="sm" fw={500} lineClamp={2} title={a.organization.name}>
                        {a.organization.name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {t('inbox.edrpou', { code: a.organization.edrpou })}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" miw="max-content">
                        {formatDateTime(a.sentAt)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {formatDate(a.renewalDate)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <RequestCounts item={a} />
                    </Table.Td>
                    <Table.Td>
                      <ApplicationStatusBadge status={a.status} size="sm" />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
        <Stack hiddenFrom="sm" gap="sm">
          {rows.map((a) => (
            <Card key={a.id} padding="md">
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Anchor component={Link} to={`/operator/applications/${a.id}`} fw={700}>
                  {t('inbox.cardTitle', { number: a.number })}
                </Anchor>
                <ApplicationStatusBadge status={a.status} size="sm" />
              </Group>
              <Text size="sm" mt={4}>
                {a.organization.name}
              </Text>
              <Text size="xs" c="dimmed">
                {t('inbox.edrpou', { code: a.organization.edrpou })}
              </Text>
              <Group gap="md" mt="xs">
                <Text size="xs" c="dimmed">
                  {t('inbox.columns.sentAt')}: {formatDate(a.sentAt)}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('inbox.columns.renewalDate')}: <b>{formatDate(a.renewalDate)}</b>
                </Text>
              </Group>
              <Stack mt="xs">
                <RequestCounts item={a} />
              </Stack>
            </Card>
          ))}
        </Stack>
      </>
    );
  }

  return (
    <>
      <PageHeader title={t('inbox.title')} />
      <Tabs
        value={filter.status ?? ALL}
        onChange={(v) => setFilter({ ...filter, status: v && v !== ALL ? (v as ApplicationStatus) : undefined })}
        variant="pills"
        radius="md"
        mb="md"
        className="status-tabs"
      >
        <Tabs.List>
          <Tabs.Tab value={ALL} rightSection={<Count value={total} />}>
            {t('inbox.all')}
          </Tabs.Tab>
          {INBOX_STATUSES.map((s) => (
            <Tabs.Tab key={s} value={s} rightSection={<Count value={counts[s] ?? 0} />}>
              {t(`applicationStatus.${s}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Paper
        withBorder
        p="md"
        mb="lg"
        component="form"
        role="search"
        aria-label={t('inbox.filterTitle')}
        onSubmit={(e: React.FormEvent) => {
          e.preventDefault();
          setFilter({ ...filter, sentFrom: dates.sentFrom ?? undefined, sentTo: dates.sentTo ?? undefined });
        }}
      >
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm" style={{ alignItems: 'end' }}>
          <Select
            label={t('inbox.organization')}
            placeholder={t('inbox.any')}
            clearable
            allowDeselect
            searchable
            nothingFoundMessage={t('common.nothingFound')}
            data={(organizations.data ?? []).map((o) => ({ value: o.id, label: `${o.name} (${o.edrpou})` }))}
            value={filter.organizationId ?? null}
            onChange={(v) => setFilter({ ...filter, organizationId: v ?? undefined })}
          />
          <UaDateInput label={t('inbox.sentFrom')} value={dates.sentFrom} onChange={(v) => setDates((d) => ({ ...d, sentFrom: v }))} />
          <UaDateInput label={t('inbox.sentTo')} value={dates.sentTo} onChange={(v) => setDates((d) => ({ ...d, sentTo: v }))} />
          <Group gap="sm" wrap="nowrap">
            <Button type="submit">{t('inbox.apply')}</Button>
            <Button variant="default" onClick={() => setFilter({})}>
              {t('inbox.reset')}
            </Button>
          </Group>
        </SimpleGrid>
      </Paper>
      {body}
    </>
  );
}

function Count({ value }: { value: number }) {
  return (
    <Badge size="sm" variant="white" color="dark" radius="xl" className="tab-count">
      {value}
    </Badge>
  );
}

import { ActionIcon, Anchor, Button, Group, Paper, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { ApplicationDetail, RequestSummary } from '../../../../shared/contracts/applications';
import { formatDate } from '../../../../shared/domain/dates';
import { isProblem } from '../../../app/api-client';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { IconSearch, IconTrash } from '../../../components/icons';
import { RequestStatusBadge } from '../../../components/StatusBadge';
import { renewalNotice } from '../../../lib/renewal';
import { useDeleteRequest } from '../api/delete-request';

const DELETABLE = new Set(['draft', 'awaiting_signature', 'rejected', 'signed']);

function matches(r: RequestSummary, filter: string): boolean {
  const q = filter.trim().toLowerCase();
  if (!q) return true;
  return r.fullName.toLowerCase().includes(q) || r.identityCode.toLowerCase().includes(q.replace(/\s+/g, ''));
}

/** `ЗАПИТИ НА СЕРТИФІКАТ` on the application page: filter, quota, `СТВОРИТИ ЗАПИТ`, the table. */
export function RequestsSection({ application, renewalDate }: { application: ApplicationDetail; renewalDate: string | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [filter, setFilter] = useState('');
  const [toDelete, setToDelete] = useState<RequestSummary | null>(null);
  const remove = useDeleteRequest(application.id);
  const { quantity, usedQuantity } = application.contract;
  const isFull = usedQuantity >= quantity;
  const rows = application.requests.filter((r) => matches(r, filter));

  const confirmDelete = () => {
    if (!toDelete) return;
    remove.mutate(toDelete.id, {
      onSuccess: () => {
        notifications.show({ color: 'green', message: t('requests.deleted', { number: toDelete.number, name: toDelete.fullName }) });
        setToDelete(null);
      },
      onError: (error) => {
        notifications.show({
          color: 'red',
          title: t('requests.deleteFailed'),
          message: isProblem(error) ? (error.detail ?? error.title) : t('errors.unexpected'),
        });
        setToDelete(null);
      },
    });
  };

  const noticeBadge = (r: RequestSummary) => {
    const notice = renewalNotice(r, renewalDate, application.renewalDate);
    if (!notice || notice.level === 'ok' || !notice.message) return null;
    return (
      <Text size="xs" className="expiry-notice" data-level={notice.level}>
        {notice.message}
      </Text>
    );
  };

  const expiryCell = (r: RequestSummary) => (
    <Stack gap={4}>
      <Text size="sm">{r.currentCertificate ? formatDate(r.currentCertificate.notAfter) : '—'}</Text>
      {noticeBadge(r)}
    </Stack>
  );

  const deleteButton = (r: RequestSummary) =>
    application.canEdit && DELETABLE.has(r.status) ? (
      <Tooltip label={t('requests.delete')} withArrow>
        <ActionIcon
          variant="subtle"
          color="red"
          aria-label={t('requests.deleteNamed', { number: r.number, name: r.fullName })}
          onClick={() => setToDelete(r)}
        >
          <IconTrash size={18} />
        </ActionIcon>
      </Tooltip>
    ) : null;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" gap="sm" wrap="wrap">
        <TextInput
          label={t('requests.filter')}
          placeholder={t('requests.filterPlaceholder')}
          leftSection={<IconSearch size={16} />}
          value={filter}
          onChange={(e) => setFilter(e.currentTarget.value)}
          w={{ base: '100%', xs: 320 }}
        />
        <Group gap="md" wrap="wrap">
          <Text size="sm" c={isFull ? 'red.8' : 'dimmed'} aria-live="polite">
            {t('requests.quota', { used: usedQuantity, total: quantity })}
          </Text>
          {application.canEdit && (
            <Tooltip label={t('requests.quotaFull')} disabled={!isFull} withArrow>
              <Button onClick={() => navigate(`/applications/${application.id}/requests/new`)} disabled={isFull}>
                {t('requests.create')}
              </Button>
            </Tooltip>
          )}
        </Group>
      </Group>

      {application.requests.length === 0 ? (
        <Paper bg="gray.0" p="lg" ta="center" radius="md">
          <Text fw={600}>{t('requests.empty')}</Text>
          <Text size="sm" c="dimmed" mt={4}>
            {application.canEdit ? t('requests.emptyHint') : ''}
          </Text>
        </Paper>
      ) : rows.length === 0 ? (
        <Text c="dimmed" size="sm" ta="center" py="md">
          {t('requests.emptyFiltered')}
        </Text>
      ) : (
        <>
          <Stack hiddenFrom="sm" gap="sm">
            {rows.map((r) => (
              <Paper key={r.id} withBorder radius="md" p="sm">
                <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
                  <Stack gap={2} style={{ minWidth: 0 }}>
                    <Anchor component={Link} to={`/requests/${r.id}`} fw={600}>
                      {r.number}. {r.fullName}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {r.identityCode} · {formatDate(r.createdAt)}
                    </Text>
                  </Stack>
                  {deleteButton(r)}
                </Group>
                <Group gap="xs" mt="xs" align="flex-start">
                  <RequestStatusBadge status={r.status} size="sm" />
                </Group>
                {r.status === 'rejected' && r.rejectionReason && (
                  <Text size="xs" c="red.8" mt={4}>
                    {r.rejectionReason}
                  </Text>
                )}
                {r.currentCertificate && (
                  <Stack gap={4} mt="xs">
                    <Text size="xs" c="dimmed">
                      {t('requests.columns.expiry')}: <b>{formatDate(r.currentCertificate.notAfter)}</b>
                    </Text>
                    {noticeBadge(r)}
                  </Stack>
                )}
              </Paper>
            ))}
          </Stack>
          <Table.ScrollContainer minWidth={860} type="native" visibleFrom="sm">
            <Table highlightOnHover verticalSpacing="sm">
              <Table.Thead className="table-head">
                <Table.Tr>
                  <Table.Th w={70}>{t('requests.columns.number')}</Table.Th>
                  <Table.Th>{t('requests.columns.createdAt')}</Table.Th>
                  <Table.Th>{t('requests.columns.fullName')}</Table.Th>
                  <Table.Th>{t('requests.columns.identityCode')}</Table.Th>
                  <Table.Th miw={150}>{t('requests.columns.status')}</Table.Th>
                  <Table.Th maw={260}>{t('requests.columns.expiry')}</Table.Th>
                  {application.canEdit && (
                    <Table.Th ta="center" w={90}>
                      {t('requests.columns.delete')}
                    </Table.Th>
                  )}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/requests/${r.id}`} fw={600}>
                        {r.number}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{formatDate(r.createdAt)}</Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/requests/${r.id}`} c="dark.7" fw={500}>
                        {r.fullName}
                      </Anchor>
                      {r.status === 'rejected' && r.rejectionReason && (
                        <Text size="xs" c="red.8">
                          {r.rejectionReason}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" ff="monospace">
                        {r.identityCode}
                      </Text>
                    </Table.Td>
                    <Table.Td miw={150}>
                      <RequestStatusBadge status={r.status} size="sm" />
                    </Table.Td>
                    <Table.Td maw={280}>{expiryCell(r)}</Table.Td>
                    {application.canEdit && <Table.Td ta="center">{deleteButton(r)}</Table.Td>}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
      <ConfirmDialog
        opened={toDelete !== null}
        title={t('requests.confirmDeleteTitle')}
        confirmLabel={t('requests.delete')}
        onConfirm={confirmDelete}
        onClose={() => setToDelete(null)}
        loading={remove.isPending}
      >
        {t('requests.confirmDeleteText', { number: toDelete?.number ?? '', name: toDelete?.fullName ?? '' })}
      </ConfirmDialog>
    </Stack>
  );
}

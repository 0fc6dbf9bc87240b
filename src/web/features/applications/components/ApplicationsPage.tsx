import { ActionIcon, Anchor, Button, Card, Group, Paper, Stack, Table, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { type ApplicationListQuery, type ApplicationSummary, applicationListQuerySchema } from '../../../../shared/contracts/applications';
import { formatDate } from '../../../../shared/domain/dates';
import { isProblem } from '../../../app/api-client';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { IconTrash } from '../../../components/icons';
import { PageHeader } from '../../../components/PageHeader';
import { ErrorState, PageLoader } from '../../../components/PageState';
import { ApplicationStatusBadge } from '../../../components/StatusBadge';
import { useUrlFilter } from '../../../lib/url-filter';
import { useDeleteApplication } from '../api/delete-application';
import { useApplications } from '../api/get-applications';
import { ApplicationFilter } from './ApplicationFilter';

const FILTER_KEYS = ['status', 'organizationId', 'createdFrom', 'createdTo', 'number'] as const;

function useFilter(): [ApplicationListQuery, (filter: ApplicationListQuery) => void] {
  return useUrlFilter(applicationListQuerySchema, FILTER_KEYS) as [ApplicationListQuery, (filter: ApplicationListQuery) => void];
}

export function ApplicationsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [filter, setFilter] = useFilter();
  const applications = useApplications(filter);
  const remove = useDeleteApplication();
  const [toDelete, setToDelete] = useState<ApplicationSummary | null>(null);
  const isFiltered = Object.keys(filter).length > 0;

  const confirmDelete = () => {
    if (!toDelete) return;
    remove.mutate(toDelete.id, {
      onSuccess: () => {
        notifications.show({ color: 'green', message: t('applications.deleted', { number: toDelete.number }) });
        setToDelete(null);
      },
      onError: (error) => {
        notifications.show({
          color: 'red',
          title: t('applications.deleteFailed'),
          message: isProblem(error) ? (error.detail ?? error.title) : t('errors.unexpected'),
        });
        setToDelete(null);
      },
    });
  };

  const deleteButton = (a: ApplicationSummary) =>
    a.status === 'draft' ? (
      <Tooltip label={t('applications.delete')} withArrow>
        <ActionIcon
          variant="subtle"
          color="red"
          aria-label={t('applications.deleteNumber', { number: a.number })}
          onClick={() => setToDelete(a)}
        >
          <IconTrash size={18} />
        </ActionIcon>
      </Tooltip>
    ) : null;

  let body: React.ReactNode;
  if (applications.isPending) {
    body = <PageLoader />;
  } else if (applications.isError) {
    body = <ErrorState error={applications.error} onRetry={() => void applications.refetch()} />;
  } else if (applications.data.length === 0) {
    body = (
      <Paper withBorder p="xl" ta="center">
        <Stack align="center" gap="xs" py="lg">
          <Text fw={600} fz="lg">
            {isFiltered ? t('applications.emptyFiltered') : t('applications.empty')}
          </Text>
          <Text c="dimmed" size="sm" maw={460}>
            {isFiltered ? t('applications.emptyFilteredHint') : t('applications.emptyHint')}
          </Text>
        </Stack>
      </Paper>
    );
  } else {
    const rows = applications.data;
    body = (
      <>
        <Paper withBorder visibleFrom="sm" style={{ overflow: 'hidden' }}>
          <Table.ScrollContainer minWidth={760} type="native">
            <Table highlightOnHover striped="even" stripedColor="gray.0">
              <Table.Thead className="table-head">
                <Table.Tr>
                  <Table.Th>{t('applications.columns.number')}</Table.Th>
                  <Table.Th>{t('applications.columns.createdAt')}</Table.Th>
                  <Table.Th>{t('applications.columns.visitDate')}</Table.Th>
                  <Table.Th>{t('applications.columns.status')}</Table.Th>
                  <Table.Th>{t('applications.columns.organization')}</Table.Th>
                  <Table.Th ta="center" w={90}>
                    {t('applications.columns.delete')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/applications/${a.id}`} fw={600}>
                        {a.number}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{formatDate(a.createdAt)}</Table.Td>
                    <Table.Td>{formatDate(a.visitDate)}</Table.Td>
                    <Table.Td>
                      <ApplicationStatusBadge status={a.status} size="sm" />
                    </Table.Td>
                    <Table.Td maw={360}>
                      <Text size="sm" truncate="end" title={a.organization.name}>
                        {a.organization.name}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="center">{deleteButton(a)}</Table.Td>
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
                <Stack gap={4}>
                  <Anchor component={Link} to={`/applications/${a.id}`} fw={700}>
                    {t('applications.cardTitle', { number: a.number })}
                  </Anchor>
                  <Text size="sm" c="dimmed">
                    {a.organization.name}
                  </Text>
                </Stack>
                {deleteButton(a)}
              </Group>
              <Group mt="sm" gap="md">
                <ApplicationStatusBadge status={a.status} size="sm" />
                <Text size="xs" c="dimmed">
                  {t('applications.columns.createdAt')}: {formatDate(a.createdAt)}
                </Text>
                {a.visitDate && (
                  <Text size="xs" c="dimmed">
                    {t('applications.columns.visitDate')}: {formatDate(a.visitDate)}
                  </Text>
                )}
              </Group>
            </Card>
          ))}
        </Stack>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title={t('applications.title')}
        actions={
          <Button size="md" onClick={() => navigate('/applications/new')}>
            {t('applications.create')}
          </Button>
        }
      />
      <ApplicationFilter value={filter} onApply={setFilter} />
      {body}
      <ConfirmDialog
        opened={toDelete !== null}
        title={t('applications.confirmDeleteTitle')}
        confirmLabel={t('applications.delete')}
        onConfirm={confirmDelete}
        onClose={() => setToDelete(null)}
        loading={remove.isPending}
      >
        {t('applications.confirmDeleteText', { number: toDelete?.number ?? '' })}
      </ConfirmDialog>
    </>
  );
}

import { Alert, Badge, Button, Menu, Modal, MultiSelect, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AdminUser, createUserBodySchema, updateUserBodySchema } from '../../../../shared/contracts/admin';
import { formatDate, formatDateTime } from '../../../../shared/domain/dates';
import { isProblem } from '../../../app/api-client';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { IconAlert, IconChevronDown, IconPlus, IconSearch } from '../../../components/icons';
import { ModalActions } from '../../../components/ModalActions';
import { PageHeader } from '../../../components/PageHeader';
import { ErrorState, PageLoader } from '../../../components/PageState';
import { applyServerErrors, focusFirstError, schemaResolver } from '../../../lib/form-errors';
import { useAdminOrganizations } from '../api/organizations';
import { useCreateUser, useUpdateUser, useUserAction, useUsers } from '../api/users';

function UserState({ user }: { user: AdminUser }) {
  const { t } = useTranslation();
  if (user.isBlocked) {
    return (
      <Badge color="red" variant="light" radius="sm" tt="none" miw="max-content">
        {t('users.state.blocked')}
      </Badge>
    );
  }
  if (!user.hasPassword) {
    return (
      <Stack gap={2}>
        <Badge color="yellow" variant="light" radius="sm" tt="none" w="fit-content">
          {t('users.state.invited')}
        </Badge>
        {user.invitationPendingUntil ? (
          <Text size="xs" c="dimmed">
            {t('users.state.inviteUntil', { date: formatDateTime(user.invitationPendingUntil) })}
          </Text>
        ) : (
          <Text size="xs" c="red.8">
            {t('users.state.inviteExpired')}
          </Text>
        )}
      </Stack>
    );
  }
  return (
    <Badge color="green" variant="light" radius="sm" tt="none" miw="max-content">
      {t('users.state.active')}
    </Badge>
  );
}

type Pending = { user: AdminUser; action: 'invite' | 'block' | 'unblock' };

/** `Користувачі`: ВО accounts (and operators), their organizations, invitations and blocking. */
export function UsersPage() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [debouncedQ] = useDebouncedValue(q.trim(), 300);
  const [organizationId, setOrganizationId] = useState<string | null>(null);
  const users = useUsers({ q: debouncedQ || undefined, organizationId: organizationId ?? undefined });
  const organizations = useAdminOrganizations();
  const action = useUserAction();
  const [editing, setEditing] = useState<AdminUser | 'new' | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);

  const confirm = () => {
    if (!pending) return;
    const { user, action: kind } = pending;
    action.mutate(
      { id: user.id, action: kind },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t(`users.done.${kind}`, { name: user.fullName, email: user.email }) });
          setPending(null);
        },
        onError: (e) => {
          notifications.show({ color: 'red', message: isProblem(e) ? (e.detail ?? e.title) : t('errors.unexpected') });
          setPending(null);
        },
      },
    );
  };

  const actions = (u: AdminUser) => (
    <Menu position="bottom-end" withinPortal shadow="md">
      <Menu.Target>
        <Button
          size="xs"
          variant="default"
          rightSection={<IconChevronDown size={14} />}
          aria-label={t('users.actionsFor', { name: u.fullName })}
        >
          {t('users.actions')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {u.role === 'responsible_person' && <Menu.Item onClick={() => setEditing(u)}>{t('users.edit')}</Menu.Item>}
        {!u.isBlocked && <Menu.Item onClick={() => setPending({ user: u, action: 'invite' })}>{t('users.reinvite')}</Menu.Item>}
        {u.isBlocked ? (
          <Menu.Item onClick={() => setPending({ user: u, action: 'unblock' })}>{t('users.unblock')}</Menu.Item>
        ) : (
          <Menu.Item color="red" onClick={() => setPending({ user: u, action: 'block' })}>
            {t('users.block')}
          </Menu.Item>
        )}
      </Menu.Dropdown>
    </Menu>
  );

  let body: React.ReactNode;
  if (users.isPending) body = <PageLoader />;
  else if (users.isError) body = <ErrorState error={users.error} onRetry={() => void users.refetch()} />;
  else if (users.data.length === 0) {
    body = (
      <Paper withBorder p="xl" ta="center">
        <Text fw={600}>{t('users.empty')}</Text>
      </Paper>
    );
  } else {
    body = (
      <Paper withBorder style={{ overflow: 'hidden' }}>
        <Table.ScrollContainer minWidth={960} type="native">
          <Table striped="even" stripedColor="gray.0" aria-label={t('users.title')}>
            <Table.Thead className="table-head">
              <Table.Tr>
                <Table.Th>{t('users.columns.fullName')}</Table.Th>
                <Table.Th>{t('users.columns.contacts')}</Table.Th>
                <Table.Th>{t('users.columns.organizations')}</Table.Th>
                <Table.Th>{t('users.columns.state')}</Table.Th>
                <Table.Th>{t('users.columns.createdAt')}</Table.Th>
                <Table.Th ta="right">{t('users.columns.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.data.map((u) => (
                <Table.Tr key={u.id}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {u.fullName}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t(`users.role.${u.role}`)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {u.phone}
                    </Text>
                    <Text size="xs" c="dimmed" className="break-anywhere">
                      {u.email}
                    </Text>
                  </Table.Td>
                  <Table.Td maw={300}>
                    {u.organizations.map((o) => (
                      <Text size="xs" key={o.id} lineClamp={1} title={o.name}>
                        {o.name} ({o.edrpou})
                      </Text>
                    ))}
                  </Table.Td>
                  <Table.Td>
                    <UserState user={u} />
                  </Table.Td>
                  <Table.Td>{formatDate(u.createdAt)}</Table.Td>
                  <Table.Td ta="right">{actions(u)}</Table.Td>
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
        title={t('users.title')}
        actions={
          <Button leftSection={<IconPlus size={18} />} onClick={() => setEditing('new')}>
            {t('users.create')}
          </Button>
        }
      />
      <Paper withBorder p="md" mb="lg" role="search" aria-label={t('users.filterTitle')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t('users.search')}
            placeholder={t('users.searchPlaceholder')}
            leftSection={<IconSearch size={16} />}
            value={q}
            onChange={(e) => setQ(e.currentTarget.value)}
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
      {editing !== null && <UserModal user={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      <ConfirmDialog
        opened={pending !== null}
        title={pending ? t(`users.confirm.${pending.action}Title`) : ''}
        confirmLabel={pending ? t(`users.${pending.action === 'invite' ? 'reinvite' : pending.action}`) : ''}
        onConfirm={confirm}
        onClose={() => setPending(null)}
        loading={action.isPending}
        confirmColor={pending?.action === 'block' ? 'red' : 'brand'}
      >
        {pending ? t(`users.confirm.${pending.action}Text`, { name: pending.user.fullName, email: pending.user.email }) : ''}
      </ConfirmDialog>
    </>
  );
}

type UserFormValues = { phone: string; email: string; fullName: string; organizationIds: string[] };

function UserModal({ user, onClose }: { user: AdminUser | null; onClose: () => void }) {
  const { t } = useTranslation();
  const organizations = useAdminOrganizations();
  const create = useCreateUser();
  const update = useUpdateUser();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<UserFormValues>({
    mode: 'controlled',
    initialValues: {
      phone: user?.phone ?? '',
      email: user?.email ?? '',
      fullName: user?.fullName ?? '',
      organizationIds: user?.organizations.map((o) => o.id) ?? [],
    },
    validate: schemaResolver(user ? updateUserBodySchema : createUserBodySchema),
  });
  const submit = form.onSubmit((v) => {
    setFailure(null);
    const onError = (error: unknown) => {
      const rest = applyServerErrors(form, error);
      if (!isProblem(error)) setFailure(t('errors.unexpected'));
      else if (error.errors.length === 0 || rest.length > 0) setFailure(rest[0] ?? error.detail ?? error.title);
    };
    if (user) {
      update.mutate(
        { id: user.id, body: { email: v.email, fullName: v.fullName, organizationIds: v.organizationIds } },
        {
          onSuccess: (saved) => {
            notifications.show({ color: 'green', message: t('users.saved', { name: saved.fullName }) });
            onClose();
          },
          onError,
        },
      );
    } else {
      create.mutate(v, {
        onSuccess: (saved) => {
          notifications.show({ color: 'green', message: t('users.created', { name: saved.fullName, email: saved.email }) });
          onClose();
        },
        onError,
      });
    }
  }, focusFirstError);

  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      centered
      radius="lg"
      title={<Text fw={700}>{user ? t('users.editTitle') : t('users.createTitle')}</Text>}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {!user && <Text size="sm">{t('users.createText')}</Text>}
          <TextInput label={t('users.fullName')} withAsterisk data-autofocus {...form.getInputProps('fullName')} />
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
            <TextInput
              label={t('users.phone')}
              withAsterisk={!user}
              disabled={Boolean(user)}
              description={user ? t('users.phoneFixed') : undefined}
              type="tel"
              inputMode="tel"
              placeholder="+380XXXXXXXXX"
              {...form.getInputProps('phone')}
            />
            <TextInput label={t('users.email')} withAsterisk type="email" {...form.getInputProps('email')} />
          </SimpleGrid>
          <MultiSelect
            label={t('users.organizations')}
            withAsterisk
            searchable
            nothingFoundMessage={t('common.nothingFound')}
            data={(organizations.data ?? []).map((o) => ({ value: o.id, label: `${o.name} (${o.edrpou})` }))}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('organizationIds')}
          />
          {failure && (
            <Alert color="red" variant="light" icon={<IconAlert />} role="alert">
              {failure}
            </Alert>
          )}
          <ModalActions
            onCancel={onClose}
            loading={create.isPending || update.isPending}
            label={user ? t('common.save') : t('users.createSubmit')}
          />
        </Stack>
      </form>
    </Modal>
  );
}

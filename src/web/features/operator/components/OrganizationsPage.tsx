import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type AdminOrganization,
  createContractBodySchema,
  createOrganizationBodySchema,
  createServiceBodySchema,
  updateContractBodySchema,
  updateOrganizationBodySchema,
} from '../../../../shared/contracts/admin';
import type { Contract } from '../../../../shared/contracts/organizations';
import { formatDate } from '../../../../shared/domain/dates';
import { isProblem } from '../../../app/api-client';
import { IconAlert, IconEdit, IconPlus, IconSearch } from '../../../components/icons';
import { ModalActions } from '../../../components/ModalActions';
import { PageHeader } from '../../../components/PageHeader';
import { ErrorState, PageLoader } from '../../../components/PageState';
import { UaDateInput } from '../../../components/UaDateInput';
import { applyServerErrors, focusFirstError, schemaResolver } from '../../../lib/form-errors';
import {
  useAdminOrganizations,
  useCreateContract,
  useCreateOrganization,
  useUpdateContract,
  useUpdateOrganization,
} from '../api/organizations';
import { useCreateService, useServices } from '../api/services';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** A failure no field of the form owns, for an Alert above the buttons. */
function formFailure(error: unknown, rest: string[], t: Translate): string | null {
  if (!isProblem(error)) return t('errors.unexpected');
  if (error.errors.length > 0 && rest.length === 0) return null;
  return rest[0] ?? error.detail ?? error.title;
}

/** `Організації`: organizations with their contracts, and the provider's services. */
export function OrganizationsPage() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [debouncedQ] = useDebouncedValue(q.trim(), 300);
  const organizations = useAdminOrganizations(debouncedQ);
  const [editingOrganization, setEditingOrganization] = useState<AdminOrganization | 'new' | null>(null);
  const [editingContract, setEditingContract] = useState<{ organization: AdminOrganization; contract: Contract | null } | null>(null);

  let body: React.ReactNode;
  if (organizations.isPending) body = <PageLoader />;
  else if (organizations.isError) body = <ErrorState error={organizations.error} onRetry={() => void organizations.refetch()} />;
  else if (organizations.data.length === 0) {
    body = (
      <Paper withBorder p="xl" ta="center">
        <Text fw={600}>{t('organizations.empty')}</Text>
      </Paper>
    );
  } else {
    body = (
      <Stack gap="md">
        {organizations.data.map((o) => (
          <Card key={o.id} component="article" aria-label={o.name}>
            <Group justify="space-between" align="flex-start" gap="sm" mb="sm">
              <div style={{ minWidth: 0, flex: '1 1 280px' }}>
                <Text fw={700} fz="lg">
                  {o.name}
                </Text>
                <Text size="sm" c="dimmed">
                  {t('inbox.edrpou', { code: o.edrpou })} · {t('organizations.responsiblePersons', { count: o.responsiblePersonCount })}
                </Text>
              </div>
              <Group gap="xs">
                <Button variant="default" size="xs" leftSection={<IconEdit size={14} />} onClick={() => setEditingOrganization(o)}>
                  {t('organizations.rename')}
                </Button>
                <Button
                  variant="light"
                  size="xs"
                  leftSection={<IconPlus size={14} />}
                  onClick={() => setEditingContract({ organization: o, contract: null })}
                >
                  {t('organizations.addContract')}
                </Button>
              </Group>
            </Group>
            {o.contracts.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('organizations.noContracts')}
              </Text>
            ) : (
              <Table.ScrollContainer minWidth={760} type="native">
                <Table verticalSpacing="xs" aria-label={t('organizations.contractsOf', { name: o.name })}>
                  <Table.Thead className="table-head">
                    <Table.Tr>
                      <Table.Th>{t('organizations.contract.number')}</Table.Th>
                      <Table.Th>{t('organizations.contract.signedOn')}</Table.Th>
                      <Table.Th>{t('organizations.contract.validity')}</Table.Th>
                      <Table.Th>{t('organizations.contract.quantity')}</Table.Th>
                      <Table.Th>{t('organizations.contract.services')}</Table.Th>
                      <Table.Th>{t('organizations.contract.state')}</Table.Th>
                      <Table.Th w={60} />
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {o.contracts.map((c) => (
                      <Table.Tr key={c.id}>
                        <Table.Td fw={600}>№{c.number}</Table.Td>
                        <Table.Td>{formatDate(c.signedOn)}</Table.Td>
                        <Table.Td>
                          <Text size="sm" miw="max-content">
                            {formatDate(c.validFrom)} – {c.validTo ? formatDate(c.validTo) : t('organizations.contract.open')}
                          </Text>
                        </Table.Td>
                        <Table.Td>{t('review.quotaValue', { used: c.usedQuantity, total: c.quantity })}</Table.Td>
                        <Table.Td maw={280}>
                          <Text size="xs">{c.services.map((s) => s.name).join('; ')}</Text>
                        </Table.Td>
                        <Table.Td>
                          <Badge color={c.isActive ? 'green' : 'gray'} variant="light" radius="sm" tt="none" miw="max-content">
                            {c.isActive ? t('organizations.contract.active') : t('organizations.contract.inactive')}
                          </Badge>
                        </Table.Td>
                        <Table.Td>
                          <Tooltip label={t('organizations.editContract')} withArrow>
                            <ActionIcon
                              variant="subtle"
                              color="gray"
                              aria-label={t('organizations.editContractNamed', { number: c.number })}
                              onClick={() => setEditingContract({ organization: o, contract: c })}
                            >
                              <IconEdit size={16} />
                            </ActionIcon>
                          </Tooltip>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </Card>
        ))}
      </Stack>
    );
  }

  return (
    <>
      <PageHeader
        title={t('organizations.title')}
        actions={
          <Button leftSection={<IconPlus size={18} />} onClick={() => setEditingOrganization('new')}>
            {t('organizations.create')}
          </Button>
        }
      />
      <TextInput
        mb="lg"
        maw={420}
        label={t('organizations.search')}
        placeholder={t('organizations.searchPlaceholder')}
        leftSection={<IconSearch size={16} />}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
      />
      {body}
      <ServicesSection />
      {editingOrganization !== null && (
        <OrganizationModal
          organization={editingOrganization === 'new' ? null : editingOrganization}
          onClose={() => setEditingOrganization(null)}
        />
      )}
      {editingContract !== null && (
        <ContractModal
          organization={editingContract.organization}
          contract={editingContract.contract}
          onClose={() => setEditingContract(null)}
        />
      )}
    </>
  );
}

function OrganizationModal({ organization, onClose }: { organization: AdminOrganization | null; onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateOrganization();
  const update = useUpdateOrganization();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { name: organization?.name ?? '', edrpou: organization?.edrpou ?? '' },
    validate: schemaResolver(organization ? updateOrganizationBodySchema : createOrganizationBodySchema),
  });
  const onError = (error: unknown) => setFailure(formFailure(error, applyServerErrors(form, error), t));
  const submit = form.onSubmit((values) => {
    setFailure(null);
    if (organization) {
      update.mutate(
        { id: organization.id, body: { name: values.name } },
        {
          onSuccess: (saved) => {
            notifications.show({ color: 'green', message: t('organizations.saved', { name: saved.name }) });
            onClose();
          },
          onError,
        },
      );
    } else {
      create.mutate(values, {
        onSuccess: (saved) => {
          notifications.show({ color: 'green', message: t('organizations.created', { name: saved.name }) });
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
      title={<Text fw={700}>{organization ? t('organizations.renameTitle') : t('organizations.createTitle')}</Text>}
      centered
      radius="lg"
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput label={t('organizations.name')} withAsterisk data-autofocus {...form.getInputProps('name')} />
          <TextInput
            label={t('organizations.edrpou')}
            withAsterisk={!organization}
            disabled={Boolean(organization)}
            description={organization ? t('organizations.edrpouFixed') : undefined}
            inputMode="numeric"
            maxLength={8}
            {...form.getInputProps('edrpou')}
          />
          {failure && (
            <Alert color="red" variant="light" icon={<IconAlert />} role="alert">
              {failure}
            </Alert>
          )}
          <ModalActions onCancel={onClose} loading={create.isPending || update.isPending} label={t('common.save')} />
        </Stack>
      </form>
    </Modal>
  );
}

type ContractFormValues = {
  number: string;
  signedOn: string | null;
  quantity: number | string;
  validFrom: string | null;
  validTo: string | null;
  serviceIds: string[];
  isActive: boolean;
};

function ContractModal({
  organization,
  contract,
  onClose,
}: {
  organization: AdminOrganization;
  contract: Contract | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const services = useServices();
  const create = useCreateContract();
  const update = useUpdateContract();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<ContractFormValues>({
    mode: 'controlled',
    initialValues: {
      number: contract?.number ?? '',
      signedOn: contract?.signedOn ?? null,
      quantity: contract?.quantity ?? '',
      validFrom: contract?.validFrom ?? null,
      validTo: contract?.validTo ?? null,
      serviceIds: contract?.services.map((s) => s.id) ?? [],
      isActive: contract?.isActive ?? true,
    },
    validate: schemaResolver(contract ? updateContractBodySchema : createContractBodySchema),
  });
  const onError = (error: unknown) => setFailure(formFailure(error, applyServerErrors(form, error), t));
  const onSaved = (number: string) => {
    notifications.show({ color: 'green', message: t('organizations.contractSaved', { number }) });
    onClose();
  };
  const submit = form.onSubmit((v) => {
    setFailure(null);
    const body = {
      number: v.number,
      signedOn: v.signedOn ?? '',
      quantity: Number(v.quantity),
      validFrom: v.validFrom ?? '',
      validTo: v.validTo,
      serviceIds: v.serviceIds,
    };
    if (contract) {
      update.mutate({ id: contract.id, body: { ...body, isActive: v.isActive } }, { onSuccess: (c) => onSaved(c.number), onError });
    } else {
      create.mutate({ organizationId: organization.id, body }, { onSuccess: (c) => onSaved(c.number), onError });
    }
  }, focusFirstError);

  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      centered
      radius="lg"
      title={
        <div>
          <Text fw={700}>
            {contract ? t('organizations.editContractTitle', { number: contract.number }) : t('organizations.addContract')}
          </Text>
          <Text size="sm" c="dimmed">
            {organization.name}
          </Text>
        </div>
      }
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
            <TextInput label={t('organizations.contract.number')} withAsterisk data-autofocus {...form.getInputProps('number')} />
            <UaDateInput label={t('organizations.contract.signedOn')} withAsterisk {...form.getInputProps('signedOn')} />
            <UaDateInput label={t('organizations.contract.validFrom')} withAsterisk {...form.getInputProps('validFrom')} />
            <UaDateInput
              label={t('organizations.contract.validTo')}
              description={t('organizations.contract.validToHint')}
              {...form.getInputProps('validTo')}
            />
            <NumberInput
              label={t('organizations.contract.quantity')}
              description={contract ? t('organizations.contract.usedHint', { used: contract.usedQuantity }) : undefined}
              withAsterisk
              min={1}
              allowDecimal={false}
              allowNegative={false}
              thousandSeparator=" "
              {...form.getInputProps('quantity')}
            />
          </SimpleGrid>
          <MultiSelect
            label={t('organizations.contract.services')}
            withAsterisk
            placeholder={form.getValues().serviceIds.length ? undefined : t('organizations.contract.servicesPlaceholder')}
            data={(services.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
            nothingFoundMessage={t('common.nothingFound')}
            searchable
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('serviceIds')}
          />
          {contract && (
            <Checkbox
              label={t('organizations.contract.isActive')}
              description={t('organizations.contract.isActiveHint')}
              {...form.getInputProps('isActive', { type: 'checkbox' })}
            />
          )}
          {failure && (
            <Alert color="red" variant="light" icon={<IconAlert />} role="alert">
              {failure}
            </Alert>
          )}
          <ModalActions onCancel={onClose} loading={create.isPending || update.isPending} label={t('common.save')} />
        </Stack>
      </form>
    </Modal>
  );
}

/** The provider's services (what a contract sells) and their certificates' validity. */
function ServicesSection() {
  const { t } = useTranslation();
  const services = useServices();
  const create = useCreateService();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<{ name: string; validityMonths: number | string }>({
    mode: 'controlled',
    initialValues: { name: '', validityMonths: 12 },
    validate: schemaResolver(createServiceBodySchema),
  });
  const submit = form.onSubmit((v) => {
    setFailure(null);
    create.mutate(
      { name: v.name, validityMonths: Number(v.validityMonths) },
      {
        onSuccess: (s) => {
          notifications.show({ color: 'green', message: t('services.created', { name: s.name }) });
          form.reset();
        },
        onError: (error) => setFailure(formFailure(error, applyServerErrors(form, error), t)),
      },
    );
  });

  return (
    <Card component="section" aria-labelledby="services-title" mt="xl">
      <Title order={2} className="section-title" id="services-title">
        {t('services.title')}
      </Title>
      <Stack gap="md">
        {services.isError && <ErrorState error={services.error} onRetry={() => void services.refetch()} />}
        {(services.data ?? []).map((s) => (
          <Group key={s.id} justify="space-between" gap="sm" className="list-row">
            <Text size="sm">{s.name}</Text>
            <Text size="sm" c="dimmed">
              {t('services.validity', { count: s.validityMonths })}
            </Text>
          </Group>
        ))}
        <form onSubmit={submit} noValidate>
          <Group align="flex-start" gap="sm" wrap="wrap">
            <TextInput
              label={t('services.name')}
              placeholder={t('services.namePlaceholder')}
              style={{ flex: '1 1 280px' }}
              {...form.getInputProps('name')}
            />
            <NumberInput
              label={t('services.months')}
              min={1}
              max={60}
              allowDecimal={false}
              w={160}
              {...form.getInputProps('validityMonths')}
            />
            <Button type="submit" mt={25} variant="light" leftSection={<IconPlus size={16} />} loading={create.isPending}>
              {t('services.add')}
            </Button>
          </Group>
          {failure && (
            <Text size="sm" c="red.8" mt="xs" role="alert">
              {failure}
            </Text>
          )}
        </form>
      </Stack>
    </Card>
  );
}

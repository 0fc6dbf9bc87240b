import { Checkbox, Select, Stack } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { Organization } from '../../../../shared/contracts/organizations';
import { formatDate, kyivToday } from '../../../../shared/domain/dates';
import { UaDateInput } from '../../../components/UaDateInput';

export type ApplicationFormValues = {
  organizationId: string;
  contractId: string;
  visitRequired: boolean;
  visitDate: string | null;
  renewalDate: string | null;
};

export type ContractOption = { id: string; number: string; signedOn: string };

export function contractLabel(t: (key: string, options?: Record<string, unknown>) => string, c: ContractOption): string {
  return t('applications.contractOption', { number: c.number, date: formatDate(c.signedOn) });
}

/**
 * The application's own fields, as the guide lays them out: `Організація` (new applications
 * only), `Контракти*`, `Необхідний виїзд` and `Дата виїзду`.
 */
export function ApplicationFields({
  form,
  organizations,
  isNew,
  readOnly,
  currentContract,
}: {
  form: UseFormReturnType<ApplicationFormValues>;
  organizations: Organization[];
  isNew: boolean;
  readOnly: boolean;
  /** The application's saved contract, listed even if it is no longer active. */
  currentContract?: ContractOption;
}) {
  const { t } = useTranslation();
  const values = form.getValues();
  const organization = organizations.find((o) => o.id === values.organizationId);
  const contracts: ContractOption[] = (organization?.contracts ?? []).filter((c) => c.isActive);
  if (currentContract && !contracts.some((c) => c.id === currentContract.id)) contracts.unshift(currentContract);
  const today = kyivToday(new Date());

  return (
    <Stack gap="md">
      {isNew && (
        <Select
          label={t('application.organization')}
          description={t('application.organizationHint')}
          placeholder={t('application.organizationPlaceholder')}
          withAsterisk
          data={organizations.map((o) => ({ value: o.id, label: o.name }))}
          value={values.organizationId || null}
          error={form.errors.organizationId}
          onChange={(value) => {
            const next = organizations.find((o) => o.id === value);
            const active = (next?.contracts ?? []).filter((c) => c.isActive);
            form.setValues({ organizationId: value ?? '', contractId: active.length === 1 ? active[0].id : '' });
            form.clearFieldError('organizationId');
          }}
          searchable={organizations.length > 6}
          nothingFoundMessage={t('common.nothingFound')}
        />
      )}
      <Select
        label={t('application.contracts')}
        withAsterisk
        placeholder={values.organizationId ? t('application.contractPlaceholder') : t('application.contractPickOrganization')}
        data={contracts.map((c) => ({ value: c.id, label: contractLabel(t, c) }))}
        disabled={!values.organizationId}
        readOnly={readOnly}
        value={values.contractId || null}
        error={form.errors.contractId}
        onChange={(value) => {
          form.setFieldValue('contractId', value ?? '');
          form.clearFieldError('contractId');
        }}
      />
      <Checkbox
        label={t('application.visitRequired')}
        description={t('application.visitRequiredHint')}
        disabled={readOnly}
        {...form.getInputProps('visitRequired', { type: 'checkbox' })}
        onChange={(event) => {
          const checked = event.currentTarget.checked;
          form.setValues({ visitRequired: checked, ...(checked ? {} : { visitDate: null }) });
          form.clearFieldError('visitDate');
        }}
      />
      <UaDateInput
        label={t('application.visitDate')}
        withAsterisk={values.visitRequired}
        disabled={!values.visitRequired}
        readOnly={readOnly}
        minDate={today}
        maw={260}
        {...form.getInputProps('visitDate')}
      />
    </Stack>
  );
}

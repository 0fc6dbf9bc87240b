import {
  Alert,
  Badge,
  Box,
  Button,
  Card,
  Checkbox,
  Group,
  Loader,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Service } from '../../../../shared/contracts/organizations';
import {
  certificateRequestBodySchema,
  KEY_STORAGES,
  type KeyStorage,
  keyGrade,
  REGIONS,
  type RequestDetail,
} from '../../../../shared/contracts/requests';
import { formatDate } from '../../../../shared/domain/dates';
import { identityKind, normalizeIdentityCode } from '../../../../shared/domain/rnokpp';
import { isProblem } from '../../../app/api-client';
import { BackButton } from '../../../components/BackButton';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { IconAlert, IconCheck, IconDownload, IconInfo, IconPrinter, IconSend, IconShield, IconTrash } from '../../../components/icons';
import { Fact, PageHeader } from '../../../components/PageHeader';
import { RequestStatusBadge } from '../../../components/StatusBadge';
import { applyServerErrors, focusFirstError, schemaResolver } from '../../../lib/form-errors';
import { useCreateRequest } from '../api/create-request';
import { useDeleteRequest } from '../api/delete-request';
import { usePersonLookup } from '../api/lookup-person';
import { useSendForSigning } from '../api/send-for-signing';
import { useUpdateRequest } from '../api/update-request';
import { SigningPanel } from './SigningPanel';

export type CurrentCertificate = { serial: string; notAfter: string; status: string } | null;

/** What the request page needs to know about its application (given by the route). */
export type RequestContext = {
  applicationId: string;
  applicationNumber: string;
  organizationId: string;
  services: Service[];
  /** The application is a draft or back for rework. */
  applicationEditable: boolean;
  /** The person's current certificate, as the application page knows it. */
  currentCertificate?: CurrentCertificate;
};

type RequestFormValues = {
  identityCode: string;
  isReissue: boolean;
  lastName: string;
  firstAndMiddleName: string;
  phone: string;
  locality: string;
  region: string;
  otherDocument: string;
  department: string;
  position: string;
  email: string;
  serviceId: string;
  keyStorage: string;
  publishConsent: boolean;
};

function valuesOf(request: RequestDetail | undefined, services: Service[]): RequestFormValues {
  if (!request) {
    return {
      identityCode: '',
      isReissue: false,
      lastName: '',
      firstAndMiddleName: '',
      phone: '',
      locality: '',
      region: '',
      otherDocument: '',
      department: '',
      position: '',
      email: '',
      serviceId: services.length === 1 ? services[0].id : '',
      keyStorage: '',
      publishConsent: false,
    };
  }
  return {
    identityCode: request.identityCode,
    isReissue: request.isReissue,
    lastName: request.lastName,
    firstAndMiddleName: request.firstAndMiddleName,
    phone: request.phone,
    locality: request.locality,
    region: request.region,
    otherDocument: request.otherDocument ?? '',
    department: request.department,
    position: request.position,
    email: request.email,
    serviceId: request.serviceId,
    keyStorage: request.keyStorage,
    publishConsent: request.publishConsent,
  };
}

const FILLED_BY_LOOKUP = [
  'lastName',
  'firstAndMiddleName',
  'phone',
  'email',
  'locality',
  'region',
  'department',
  'position',
  'isReissue',
] as const;

function SectionTitle({ children }: { children: ReactNode }) {
  return (
    <Title order={2} className="section-title">
      {children}
    </Title>
  );
}

/**
 * `ЗАПИТ НА СЕРТИФІКАТ`: a new request (no `request`) or an existing one, with the lookup by
 * РНОКПП/passport that fills the form, and — once saved — printing, sending for signing and the
 * request's documents.
 */
export function RequestEditor({
  context,
  request,
  documents,
}: {
  context: RequestContext;
  request?: RequestDetail;
  documents?: (request: RequestDetail) => ReactNode;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateRequest(context.applicationId);
  const update = useUpdateRequest(request?.id ?? '');
  const send = useSendForSigning(request?.id ?? '');
  const remove = useDeleteRequest(context.applicationId);
  const [failure, setFailure] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);

  // A sent application is read-only; an issued certificate's request too. A signed request may
  // still be changed (it then has to be signed again), as the server allows.
  // In a sent application the server still lets the ВО correct a rejected request (and have it
  // signed again): its `canEdit` says so.
  const editable = context.applicationEditable ? request?.status !== 'issued' : Boolean(request?.canEdit);

  const form = useForm<RequestFormValues>({
    mode: 'controlled',
    initialValues: valuesOf(request, context.services),
    validate: schemaResolver(certificateRequestBodySchema),
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: the form object is stable.
  useEffect(() => {
    if (!request) return;
    const next = valuesOf(request, context.services);
    form.setInitialValues(next);
    if (!form.isDirty()) form.setValues(next);
  }, [request]);

  const values = form.getValues();

  // --- the registry lookup ----------------------------------------------------------------
  const code = normalizeIdentityCode(values.identityCode);
  const validCode = identityKind(code) ? code : '';
  // Nine digits are a valid ID-card number but also a РНОКПП one digit short: wait a little longer.
  const [debouncedCode] = useDebouncedValue(validCode, /^\d{9}$/.test(validCode) ? 1200 : 350);
  const savedCode = request ? normalizeIdentityCode(request.identityCode) : null;
  const lookupCode = editable && debouncedCode && debouncedCode === validCode && debouncedCode !== savedCode ? debouncedCode : null;
  const lookup = usePersonLookup(context.organizationId, lookupCode);
  const [filledFor, setFilledFor] = useState<string | null>(savedCode);

  // biome-ignore lint/correctness/useExhaustiveDependencies: fills once per looked-up code.
  useEffect(() => {
    if (!lookupCode || !lookup.data || filledFor === lookupCode) return;
    setFilledFor(lookupCode);
    const person = lookup.data.person;
    if (lookup.data.found && person) {
      form.setValues({
        lastName: person.lastName,
        firstAndMiddleName: person.firstAndMiddleName,
        phone: person.phone,
        email: person.email,
        locality: person.locality,
        region: person.region,
        department: person.department,
        position: person.position,
        isReissue: person.isReissueDefault,
      });
      for (const field of FILLED_BY_LOOKUP) form.clearFieldError(field);
    }
  }, [lookup.data, lookupCode]);

  const lookedUpPerson = lookupCode && lookup.data?.found ? lookup.data.person : null;
  const certificate: CurrentCertificate = lookupCode ? (lookedUpPerson?.currentCertificate ?? null) : (context.currentCertificate ?? null);

  // --- actions ----------------------------------------------------------------------------
  const onSave = form.onSubmit((raw) => {
    setFailure(null);
    const body = certificateRequestBodySchema.parse(raw);
    const onError = (error: unknown) => {
      const rest = applyServerErrors(form, error, { code: 'identityCode' });
      if (!isProblem(error) || error.errors.length === 0 || rest.length > 0) {
        setFailure(isProblem(error) ? (rest[0] ?? error.detail ?? error.title) : t('errors.unexpected'));
      }
    };
    if (!request) {
      create.mutate(body, {
        onSuccess: ({ id, number }) => {
          notifications.show({ color: 'green', message: t('request.created', { number }) });
          navigate(`/requests/${id}`, { replace: true });
        },
        onError,
      });
    } else {
      update.mutate(body, {
        onSuccess: (saved) => {
          form.resetDirty(valuesOf(saved, context.services));
          notifications.show({ color: 'green', message: t('request.saved', { number: saved.number }) });
        },
        onError,
      });
    }
  }, focusFirstError);

  const onSend = () => {
    setFailure(null);
    send.mutate(undefined, {
      onSuccess: (d) => notifications.show({ color: 'green', message: t('request.sentForSigning', { email: d.email }) }),
      onError: (e) => setFailure(isProblem(e) ? (e.detail ?? e.title) : t('errors.unexpected')),
    });
  };

  const onDelete = () => {
    if (!request) return;
    remove.mutate(request.id, {
      onSuccess: () => {
        notifications.show({
          color: 'green',
          message: t('requests.deleted', { number: request.number, name: `${request.lastName} ${request.firstAndMiddleName}` }),
        });
        navigate(`/applications/${context.applicationId}`, { replace: true });
      },
      onError: (e) => {
        setConfirmDelete(false);
        setFailure(isProblem(e) ? (e.detail ?? e.title) : t('errors.unexpected'));
      },
    });
  };

  const print = () => request && window.open(`/api/requests/${encodeURIComponent(request.id)}/statement.pdf`, '_blank', 'noopener');

  const back = <BackButton to={`/applications/${context.applicationId}`} />;

  const isDirty = form.isDirty();
  const status = request?.status ?? 'draft';
  const resignWarning = request && (status === 'awaiting_signature' || status === 'signed') && isDirty;
  const storage = values.keyStorage as KeyStorage | '';

  return (
    <Box maw={980} mx="auto">
      <PageHeader
        title={t('request.title')}
        documentTitle={request ? `${t('request.title')} ${context.applicationNumber}-${request.number}` : undefined}
        before={back}
      >
        <Text c="dimmed" size="sm">
          {request
            ? t('request.subtitle', { application: context.applicationNumber, number: request.number })
            : t('request.subtitleNew', { application: context.applicationNumber })}
        </Text>
      </PageHeader>

      <Stack gap="lg">
        <Card>
          <Group justify="space-between" align="center" gap="md" wrap="wrap">
            <Group gap="xl" wrap="wrap">
              <Fact label={t('request.status')}>
                <RequestStatusBadge status={status} size="lg" />
              </Fact>
              {request && (
                <Fact label={t('request.createdAt')}>
                  <Text size="sm">{formatDate(request.createdAt)}</Text>
                </Fact>
              )}
            </Group>
            {request && (
              <Group gap="sm" wrap="wrap" className="page-actions">
                <Button variant="default" leftSection={<IconPrinter size={18} />} onClick={print}>
                  {t('request.print')}
                </Button>
                {editable && status === 'draft' && (
                  <Tooltip label={t('request.saveFirst')} disabled={!isDirty} withArrow>
                    <Button leftSection={<IconSend size={18} />} onClick={onSend} loading={send.isPending} disabled={isDirty}>
                      {t('request.sendForSigning')}
                    </Button>
                  </Tooltip>
                )}
              </Group>
            )}
          </Group>
          {request?.status === 'rejected' && (
            <Alert
              color="red"
              variant="filled"
              icon={<IconAlert />}
              title={t('request.rejectedTitle', { reason: request.rejectionReason ?? t('request.rejectedNoReason') })}
              mt="md"
              role="alert"
              className="rejection-alert"
            >
              {editable ? t('request.rejectedHint') : t('request.rejectedWait')}
            </Alert>
          )}
          {request?.issuedCertificate && <IssuedCertificate certificate={request.issuedCertificate} />}
          {request && (request.status === 'awaiting_signature' || request.status === 'signed' || request.status === 'issued') && (
            <Stack mt="md">
              <SigningPanel request={request} canResend={editable && request.status === 'awaiting_signature'} />
            </Stack>
          )}
        </Card>

        {!editable && !context.applicationEditable && (
          <Alert color="gray" variant="light" icon={<IconInfo />}>
            {t('request.readOnly')}
          </Alert>
        )}

        <form onSubmit={onSave} noValidate>
          <fieldset disabled={!editable} className={editable ? 'plain-fieldset' : 'plain-fieldset readonly-form'}>
            <Stack gap="lg">
              <Card component="section">
                <SectionTitle>{t('request.personalTitle')}</SectionTitle>
                <Stack gap="md">
                  <TextInput
                    label={t('request.identityCode')}
                    withAsterisk
                    autoComplete="off"
                    autoFocus={!request}
                    maw={560}
                    rightSection={lookup.isFetching ? <Loader size="xs" /> : null}
                    {...form.getInputProps('identityCode')}
                  />
                  {lookupCode && lookup.isFetching && (
                    <Text size="sm" c="dimmed" role="status">
                      {t('request.lookupSearching')}
                    </Text>
                  )}
                  {lookupCode && !lookup.isFetching && lookup.data && (
                    <Alert
                      color={lookup.data.found ? 'green' : 'gray'}
                      variant="light"
                      icon={lookup.data.found ? <IconCheck /> : <IconInfo />}
                      role="status"
                      py="sm"
                    >
                      {lookedUpPerson ? (
                        <Text size="sm" fw={600}>
                          {t('request.lookupFound', { name: lookedUpPerson.fullName })}
                        </Text>
                      ) : (
                        <Text size="sm">{t('request.lookupNotFound')}</Text>
                      )}
                      {lookup.data.warnings.map((w) => (
                        <Text size="sm" c="orange.9" key={w}>
                          {w}
                        </Text>
                      ))}
                    </Alert>
                  )}
                  {lookupCode && lookup.isError && (
                    <Alert color="yellow" variant="light" icon={<IconAlert />} py="sm">
                      {isProblem(lookup.error) ? (lookup.error.detail ?? lookup.error.title) : t('errors.unexpected')}
                    </Alert>
                  )}
                  {certificate && <CertificateLine certificate={certificate} />}
                  <Checkbox
                    label={
                      <>
                        {t('request.isReissue')}{' '}
                        <Text span c="red" aria-hidden="true" className="required-mark">
                          *
                        </Text>
                      </>
                    }
                    description={t('request.isReissueHint')}
                    {...form.getInputProps('isReissue', { type: 'checkbox' })}
                  />
                  <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="md">
                    <TextInput label={t('request.lastName')} withAsterisk autoComplete="family-name" {...form.getInputProps('lastName')} />
                    <TextInput
                      label={t('request.firstAndMiddleName')}
                      withAsterisk
                      autoComplete="given-name"
                      {...form.getInputProps('firstAndMiddleName')}
                    />
                    <TextInput
                      label={t('request.phone')}
                      withAsterisk
                      type="tel"
                      inputMode="tel"
                      placeholder="+380XXXXXXXXX"
                      {...form.getInputProps('phone')}
                    />
                    <TextInput label={t('request.locality')} withAsterisk {...form.getInputProps('locality')} />
                    <Select
                      label={t('request.region')}
                      withAsterisk
                      searchable
                      placeholder={t('request.regionPlaceholder')}
                      data={[...REGIONS]}
                      nothingFoundMessage={t('common.nothingFound')}
                      readOnly={!editable}
                      {...form.getInputProps('region')}
                      value={values.region || null}
                      onChange={(v) => form.setFieldValue('region', v ?? '')}
                    />
                    <TextInput
                      label={t('request.otherDocument')}
                      placeholder={t('request.otherDocumentPlaceholder')}
                      {...form.getInputProps('otherDocument')}
                    />
                  </SimpleGrid>
                </Stack>
              </Card>

              <Card component="section">
                <SectionTitle>{t('request.employeeTitle')}</SectionTitle>
                <Stack gap="md">
                  <TextInput
                    label={t('request.department')}
                    withAsterisk
                    description={t('request.departmentNote')}
                    {...form.getInputProps('department')}
                  />
                  <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="md">
                    <TextInput label={t('request.position')} withAsterisk {...form.getInputProps('position')} />
                    <TextInput label={t('request.email')} withAsterisk type="email" autoComplete="email" {...form.getInputProps('email')} />
                  </SimpleGrid>
                </Stack>
              </Card>

              <Card component="section">
                <SectionTitle>{t('request.certificateTitle')}</SectionTitle>
                <Stack gap="lg">
                  <Select
                    label={t('request.service')}
                    withAsterisk
                    placeholder={t('request.servicePlaceholder')}
                    data={context.services.map((s) => ({ value: s.id, label: s.name }))}
                    readOnly={!editable}
                    maw={520}
                    {...form.getInputProps('serviceId')}
                    value={values.serviceId || null}
                    onChange={(v) => form.setFieldValue('serviceId', v ?? '')}
                  />
                  <Radio.Group label={t('request.keyStorage')} withAsterisk {...form.getInputProps('keyStorage')}>
                    <Stack gap="sm" mt="xs">
                      {KEY_STORAGES.map((k) => (
                        <div key={k} className="storage-option" data-checked={storage === k || undefined}>
                          <Radio
                            value={k}
                            label={t(`request.storage.${k}`)}
                            description={
                              <Badge
                                component="span"
                                color={keyGrade[k] === 'КЕП' ? 'green' : 'orange'}
                                variant="light"
                                radius="sm"
                                tt="none"
                                mt={4}
                              >
                                {keyGrade[k] === 'КЕП' ? t('request.gradeQualified') : t('request.gradeAdvanced')}
                              </Badge>
                            }
                          />
                        </div>
                      ))}
                    </Stack>
                  </Radio.Group>
                  {storage === 'file' && (
                    <Alert color="orange" variant="light" icon={<IconAlert />} py="sm">
                      {t('request.fileKeyWarning')}
                    </Alert>
                  )}
                  <Checkbox label={t('request.publishConsent')} {...form.getInputProps('publishConsent', { type: 'checkbox' })} />
                </Stack>
              </Card>

              {failure && (
                <Alert color="red" variant="light" icon={<IconAlert />} role="alert">
                  {failure}
                </Alert>
              )}
              {resignWarning && (
                <Alert color="yellow" variant="light" icon={<IconAlert />} role="status">
                  {t('request.resignWarning')}
                </Alert>
              )}
              {editable && (
                <Group justify="flex-end">
                  <Button type="submit" size="md" loading={create.isPending || update.isPending}>
                    {t('common.save')}
                  </Button>
                </Group>
              )}
            </Stack>
          </fieldset>
        </form>

        {request && documents && (
          <Card component="section">
            <SectionTitle>{t('request.documentsTitle')}</SectionTitle>
            {documents(request)}
          </Card>
        )}

        {request && editable && request.status !== 'issued' && (
          <Group justify="flex-start">
            <Button variant="subtle" color="red" leftSection={<IconTrash size={16} />} onClick={() => setConfirmDelete(true)}>
              {t('request.delete')}
            </Button>
          </Group>
        )}
      </Stack>

      <ConfirmDialog
        opened={confirmDelete}
        title={t('requests.confirmDeleteTitle')}
        confirmLabel={t('requests.delete')}
        onConfirm={onDelete}
        onClose={() => setConfirmDelete(false)}
        loading={remove.isPending}
      >
        {t('requests.confirmDeleteText', {
          number: request?.number ?? '',
          name: request ? `${request.lastName} ${request.firstAndMiddleName}` : '',
        })}
      </ConfirmDialog>
    </Box>
  );
}

/** `Сертифікат сформовано`: the new certificate's number and term, and its file to download. */
function IssuedCertificate({ certificate }: { certificate: NonNullable<RequestDetail['issuedCertificate']> }) {
  const { t } = useTranslation();
  const valid = certificate.status === 'valid';
  return (
    <Alert
      color={valid ? 'teal' : 'red'}
      variant="light"
      icon={<IconShield />}
      title={t('request.issuedTitle')}
      mt="md"
      aria-label={t('request.issuedTitle')}
    >
      <Group justify="space-between" align="flex-end" gap="md" wrap="wrap">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Text size="sm">
            {t('request.issuedSerial')}{' '}
            <Text span ff="monospace" fz={13} className="break-anywhere">
              {certificate.serial}
            </Text>
          </Text>
          <Text size="sm" fw={600}>
            {t('request.issuedValidity', { from: formatDate(certificate.notBefore), to: formatDate(certificate.notAfter) })}
          </Text>
          {!valid && (
            <Badge color="red" variant="light" radius="sm" tt="none" w="fit-content">
              {t(`certificateBadge.${certificate.status}`, { defaultValue: certificate.status })}
            </Badge>
          )}
        </Stack>
        <Button component="a" href={certificate.downloadUrl} download leftSection={<IconDownload size={18} />} color="teal">
          {t('request.issuedDownload')}
        </Button>
      </Group>
    </Alert>
  );
}

function CertificateLine({ certificate }: { certificate: NonNullable<CurrentCertificate> }) {
  const { t } = useTranslation();
  const valid = certificate.status === 'valid';
  return (
    <Group gap="xs" className="certificate-line">
      <IconShield size={18} color={valid ? 'var(--mantine-color-green-7)' : 'var(--mantine-color-red-7)'} />
      <Text size="sm" fw={600}>
        {t('request.certificateValidTo', { date: formatDate(certificate.notAfter) })}
      </Text>
      {!valid && (
        <Badge color="red" variant="light" radius="sm" tt="none">
          {t(`certificateStatus.${certificate.status}`, { defaultValue: certificate.status })}
        </Badge>
      )}
    </Group>
  );
}

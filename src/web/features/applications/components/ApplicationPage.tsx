import { Alert, Button, Card, Grid, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApplicationDetail, updateApplicationBodySchema } from '../../../../shared/contracts/applications';
import type { Organization } from '../../../../shared/contracts/organizations';
import { formatDate, formatDateTime, isWorkingDay, kyivToday } from '../../../../shared/domain/dates';
import { earliestRenewalDate } from '../../../../shared/domain/renewal';
import { isProblem } from '../../../app/api-client';
import { BackButton } from '../../../components/BackButton';
import { IconAlert, IconCheck, IconInfo, IconPrinter, IconSend } from '../../../components/icons';
import { Fact, PageHeader } from '../../../components/PageHeader';
import { ErrorState, NotFoundState, PageLoader } from '../../../components/PageState';
import { ApplicationStatusBadge } from '../../../components/StatusBadge';
import { UaDateInput } from '../../../components/UaDateInput';
import { applyServerErrors, focusFirstError, schemaResolver, withEmptyMessages } from '../../../lib/form-errors';
import { renewalNotice } from '../../../lib/renewal';
import { useApplication } from '../api/get-application';
import { useOrganizations } from '../api/get-organizations';
import { useSubmitApplication } from '../api/submit-application';
import { useUpdateApplication } from '../api/update-application';
import { ApplicationFields, type ApplicationFormValues, contractLabel } from './ApplicationFields';

export type ApplicationSections = {
  /** `ЗАВАНТАЖЕНІ ДОКУМЕНТИ` (the documents feature). */
  documents: (detail: ApplicationDetail) => ReactNode;
  /** `ЗАПИТИ НА СЕРТИФІКАТ` (the requests feature), given the renewal date being chosen. */
  requests: (detail: ApplicationDetail, renewalDate: string | null) => ReactNode;
};

export function ApplicationPage({ id, sections }: { id: string; sections: ApplicationSections }) {
  const { t } = useTranslation();
  const application = useApplication(id);
  const organizations = useOrganizations();
  if (application.isPending || (organizations.isPending && !organizations.isError)) return <PageLoader />;
  if (application.isError) {
    // Someone else's application and a deleted one look the same: not found.
    if (isProblem(application.error, 404) || isProblem(application.error, 400)) {
      return <NotFoundState title={t('application.notFoundTitle')} text={t('application.notFoundText')} />;
    }
    return <ErrorState error={application.error} onRetry={() => void application.refetch()} />;
  }
  return (
    <ApplicationView key={application.data.id} detail={application.data} organizations={organizations.data ?? []} sections={sections} />
  );
}

function valuesOf(detail: ApplicationDetail): ApplicationFormValues {
  return {
    organizationId: detail.organization.id,
    contractId: detail.contract.id,
    visitRequired: detail.visitRequired,
    visitDate: detail.visitDate,
    renewalDate: detail.renewalDate,
  };
}

function SectionTitle({ children, id }: { children: ReactNode; id?: string }) {
  return (
    <Title order={2} className="section-title" id={id}>
      {children}
    </Title>
  );
}

function ApplicationView({
  detail,
  organizations,
  sections,
}: {
  detail: ApplicationDetail;
  organizations: Organization[];
  sections: ApplicationSections;
}) {
  const { t } = useTranslation();
  const update = useUpdateApplication(detail.id);
  const submit = useSubmitApplication(detail.id);
  const [failure, setFailure] = useState<string | null>(null);
  const [reasons, setReasons] = useState<string[]>([]);
  const readOnly = !detail.canEdit;
  const today = kyivToday(new Date());

  const form = useForm<ApplicationFormValues>({
    mode: 'controlled',
    initialValues: valuesOf(detail),
    validate: withEmptyMessages(schemaResolver(updateApplicationBodySchema), { contractId: () => t('application.pickContract') }),
  });

  // Fresh data from the server (after a save, an upload, a new request) replaces the form's
  // values unless the person is in the middle of changing them.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the form object is stable.
  useEffect(() => {
    const next = valuesOf(detail);
    form.setInitialValues(next);
    if (!form.isDirty()) form.setValues(next);
  }, [detail]);

  const values = form.getValues();

  const bodyOf = (v: ApplicationFormValues) => ({
    contractId: v.contractId,
    visitRequired: v.visitRequired,
    visitDate: v.visitRequired ? v.visitDate : null,
    renewalDate: v.renewalDate,
  });

  const onSave = form.onSubmit((v) => {
    setFailure(null);
    update.mutate(bodyOf(v), {
      onSuccess: (saved) => {
        form.resetDirty(valuesOf(saved));
        notifications.show({ color: 'green', message: t('application.saved', { number: saved.number }) });
      },
      onError: (error) => {
        const rest = applyServerErrors(form, error);
        if (!isProblem(error) || error.errors.length === 0 || rest.length > 0) {
          setFailure(isProblem(error) ? (rest[0] ?? error.detail ?? error.title) : t('errors.unexpected'));
        }
      },
    });
  }, focusFirstError);

  const onSend = async () => {
    setFailure(null);
    setReasons([]);
    const v = form.getValues();
    if (!v.renewalDate) {
      form.setFieldError('renewalDate', t('application.renewalDateRequired'));
      return;
    }
    if (form.validate().hasErrors) return;
    try {
      // Unsaved changes to the application itself go first, so what is sent is what is shown.
      const changedOtherThanDate = (['contractId', 'visitRequired', 'visitDate'] as const).some((f) => form.isDirty(f));
      if (changedOtherThanDate) await update.mutateAsync(bodyOf(v));
      const sent = await submit.mutateAsync({ renewalDate: v.renewalDate });
      form.resetDirty(valuesOf(sent));
      notifications.show({ color: 'green', message: t('application.sent', { number: sent.number }) });
    } catch (error) {
      if (isProblem(error) && error.code === 'SUBMIT_REFUSED') {
        setReasons(error.reasons.length > 0 ? error.reasons : [error.detail ?? error.title]);
        return;
      }
      const rest = applyServerErrors(form, error);
      if (!isProblem(error) || error.errors.length === 0 || rest.length > 0) {
        setFailure(isProblem(error) ? (rest[0] ?? error.detail ?? error.title) : t('errors.unexpected'));
      }
    }
  };

  const print = () => window.open(`/api/applications/${encodeURIComponent(detail.id)}/pdf`, '_blank', 'noopener');

  const back = <BackButton to={'/applications'} />;

  const warnings = detail.requests
    .map((r) => ({ request: r, notice: renewalNotice(r, values.renewalDate, detail.renewalDate) }))
    .filter((x) => x.notice && x.notice.level !== 'ok' && x.notice.message);

  return (
    <>
      <PageHeader
        title={t('application.title')}
        documentTitle={`${t('application.title')} ${detail.number}`}
        before={back}
        actions={
          <Button variant="default" leftSection={<IconPrinter size={18} />} onClick={print}>
            {t('application.print')}
          </Button>
        }
      />

      {detail.status === 'sent' && (
        <Alert color="brand" variant="light" icon={<IconCheck />} title={t('applicationStatus.sent')} mb="lg">
          {t('application.sentNotice', { date: formatDateTime(detail.sentAt), renewal: formatDate(detail.renewalDate) })}
        </Alert>
      )}
      {detail.status === 'rework' && (
        <Alert color="orange" variant="light" icon={<IconAlert />} title={t('application.reworkTitle')} mb="lg" role="alert">
          {detail.reworkComment && (
            <Text size="sm" fw={600} mb={6} className="break-anywhere">
              {t('application.reworkComment', { comment: detail.reworkComment })}
            </Text>
          )}
          <Text size="sm">{t('application.reworkNotice')}</Text>
        </Alert>
      )}

      <Stack gap="lg">
        <Grid gap="lg" align="stretch">
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Card h="100%">
              <form onSubmit={onSave} noValidate>
                <Stack gap="lg">
                  <Fact label={t('application.organization')}>
                    <Text fw={600}>{detail.organization.name}</Text>
                  </Fact>
                  <SimpleGrid cols={{ base: 2, xs: 3 }} spacing="md">
                    <Fact label={t('application.number')}>
                      <Text fw={700} fz="lg" data-testid="application-number">
                        {detail.number}
                      </Text>
                    </Fact>
                    <Fact label={t('application.status')}>
                      <ApplicationStatusBadge status={detail.status} />
                    </Fact>
                    <Fact label={t('application.createdAt')}>
                      <Text>{formatDate(detail.createdAt)}</Text>
                    </Fact>
                  </SimpleGrid>
                  {readOnly ? (
                    <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
                      <Fact label={t('application.contract')}>
                        <Text size="sm">{contractLabel(t, detail.contract)}</Text>
                      </Fact>
                      <Fact label={t('application.visitRequired')}>
                        <Text size="sm">
                          {detail.visitRequired
                            ? t('application.visitOn', { date: formatDate(detail.visitDate) })
                            : t('application.visitNo')}
                        </Text>
                      </Fact>
                      <Fact label={t('application.renewalDate')}>
                        <Text size="sm" fw={600}>
                          {formatDate(detail.renewalDate)}
                        </Text>
                      </Fact>
                      <Fact label={t('application.sentAt')}>
                        <Text size="sm">{formatDateTime(detail.sentAt)}</Text>
                      </Fact>
                    </SimpleGrid>
                  ) : (
                    <ApplicationFields
                      form={form}
                      organizations={organizations}
                      isNew={false}
                      readOnly={readOnly}
                      currentContract={{ id: detail.contract.id, number: detail.contract.number, signedOn: detail.contract.signedOn }}
                    />
                  )}
                  {failure && (
                    <Alert color="red" variant="light" icon={<IconAlert />} role="alert">
                      {failure}
                    </Alert>
                  )}
                  {!readOnly && (
                    <Group justify="flex-end">
                      <Button type="submit" loading={update.isPending && !submit.isPending}>
                        {t('common.save')}
                      </Button>
                    </Group>
                  )}
                </Stack>
              </form>
            </Card>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Card h="100%" component="section" aria-labelledby="documents-title">
              <SectionTitle id="documents-title">{t('application.documentsTitle')}</SectionTitle>
              {sections.documents(detail)}
            </Card>
          </Grid.Col>
        </Grid>

        <Card component="section" aria-labelledby="requests-title">
          <SectionTitle id="requests-title">{t('application.requestsTitle')}</SectionTitle>
          {sections.requests(detail, values.renewalDate)}
        </Card>

        {!readOnly && (
          <Card component="section" aria-labelledby="send-title" className="send-card">
            <SectionTitle id="send-title">{t('application.sendTitle')}</SectionTitle>
            <Stack gap="md">
              <Alert color="yellow" variant="light" icon={<IconInfo />}>
                {t('application.renewalNote')}
              </Alert>
              <Group align="flex-start" gap="lg" wrap="wrap">
                <UaDateInput
                  label={t('application.renewalDate')}
                  description={t('application.renewalDateHint', { date: formatDate(earliestRenewalDate(today)) })}
                  withAsterisk
                  minDate={earliestRenewalDate(today)}
                  excludeDate={(date) => !isWorkingDay(date)}
                  w={{ base: '100%', xs: 300 }}
                  {...form.getInputProps('renewalDate')}
                />
              </Group>
              {warnings.length > 0 && (
                <Alert
                  color={warnings.some((w) => w.notice?.level === 'error') ? 'red' : 'yellow'}
                  variant="light"
                  icon={<IconAlert />}
                  title={t('application.expiryWarningsTitle')}
                >
                  <List size="sm" spacing={4}>
                    {warnings.map(({ request, notice }) => (
                      <List.Item key={request.id}>
                        <b>{request.fullName}</b>: {notice?.message}
                      </List.Item>
                    ))}
                  </List>
                </Alert>
              )}
              {reasons.length > 0 && (
                <Alert color="red" variant="light" icon={<IconAlert />} title={t('application.refusedTitle')} role="alert">
                  <Text size="sm" mb="xs">
                    {t('application.refusedText')}
                  </Text>
                  <List size="sm" spacing={4} withPadding>
                    {reasons.map((reason) => (
                      <List.Item key={reason}>{reason}</List.Item>
                    ))}
                  </List>
                </Alert>
              )}
              <Group justify="flex-end">
                <Button size="md" leftSection={<IconSend size={18} />} onClick={() => void onSend()} loading={submit.isPending}>
                  {t('application.send')}
                </Button>
              </Group>
            </Stack>
          </Card>
        )}
      </Stack>
    </>
  );
}

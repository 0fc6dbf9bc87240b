import { Alert, Button, Card, Grid, Group, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { createApplicationBodySchema } from '../../../../shared/contracts/applications';
import { isProblem } from '../../../app/api-client';
import { BackButton } from '../../../components/BackButton';
import { IconAlert } from '../../../components/icons';
import { Fact, PageHeader } from '../../../components/PageHeader';
import { ErrorState, PageLoader } from '../../../components/PageState';
import { ApplicationStatusBadge } from '../../../components/StatusBadge';
import { applyServerErrors, focusFirstError, schemaResolver, withEmptyMessages } from '../../../lib/form-errors';
import { useCreateApplication } from '../api/create-application';
import { useOrganizations } from '../api/get-organizations';
import { ApplicationFields, type ApplicationFormValues } from './ApplicationFields';

export function NewApplicationPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const organizations = useOrganizations();
  const create = useCreateApplication();
  const [failure, setFailure] = useState<string | null>(null);

  const form = useForm<ApplicationFormValues>({
    mode: 'controlled',
    initialValues: { organizationId: '', contractId: '', visitRequired: false, visitDate: null, renewalDate: null },
    validate: withEmptyMessages(schemaResolver(createApplicationBodySchema), {
      organizationId: () => t('application.pickOrganization'),
      contractId: () => t('application.pickContract'),
    }),
  });

  // One organization with one contract (the usual case): nothing to choose, so it is chosen.
  const items = organizations.data;
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once the list arrives.
  useEffect(() => {
    if (items?.length === 1 && !form.getValues().organizationId) {
      const active = items[0].contracts.filter((c) => c.isActive);
      form.setValues({ organizationId: items[0].id, contractId: active.length === 1 ? active[0].id : '' });
    }
  }, [items]);

  const submit = form.onSubmit((values) => {
    setFailure(null);
    create.mutate(
      {
        organizationId: values.organizationId,
        contractId: values.contractId,
        visitRequired: values.visitRequired,
        visitDate: values.visitRequired ? values.visitDate : null,
      },
      {
        onSuccess: ({ id, number }) => {
          notifications.show({ color: 'green', message: t('application.created', { number }) });
          navigate(`/applications/${id}`, { replace: true });
        },
        onError: (error) => {
          const rest = applyServerErrors(form, error);
          if (!isProblem(error) || error.errors.length === 0 || rest.length > 0) {
            setFailure(isProblem(error) ? (rest[0] ?? error.detail ?? error.title) : t('errors.unexpected'));
          }
        },
      },
    );
  }, focusFirstError);

  const back = <BackButton to={'/applications'} />;

  if (organizations.isPending) return <PageLoader />;
  if (organizations.isError) return <ErrorState error={organizations.error} onRetry={() => void organizations.refetch()} />;

  return (
    <>
      <PageHeader title={t('application.title')} before={back} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Card>
            <form onSubmit={submit} noValidate>
              <Stack gap="lg">
                <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md" className="facts">
                  <Fact label={t('application.number')}>
                    <Text c="dimmed" size="sm">
                      {t('application.numberAfterSave')}
                    </Text>
                  </Fact>
                  <Fact label={t('application.status')}>
                    <ApplicationStatusBadge status="draft" />
                  </Fact>
                </SimpleGrid>
                {organizations.data.length === 0 ? (
                  <Alert color="yellow" variant="light" icon={<IconAlert />}>
                    {t('application.noOrganizations')}
                  </Alert>
                ) : (
                  <ApplicationFields form={form} organizations={organizations.data} isNew readOnly={false} />
                )}
                {failure && (
                  <Alert color="red" variant="light" icon={<IconAlert />} role="alert">
                    {failure}
                  </Alert>
                )}
                <Group justify="flex-end" gap="sm" className="form-actions">
                  <Button type="submit" loading={create.isPending} disabled={organizations.data.length === 0}>
                    {t('common.save')}
                  </Button>
                </Group>
              </Stack>
            </form>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }} visibleFrom="md">
          <Paper p="lg" bg="brand.0" radius="lg">
            <Title order={2} className="section-title" style={{ borderColor: 'var(--mantine-color-brand-1)' }}>
              {t('application.stepsTitle')}
            </Title>
            <List type="ordered" spacing="sm" size="sm">
              {(t('application.steps', { returnObjects: true }) as string[]).map((step) => (
                <List.Item key={step}>{step}</List.Item>
              ))}
            </List>
          </Paper>
        </Grid.Col>
      </Grid>
    </>
  );
}

import { Alert, Button, Card, Group, NumberInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { settingsSchema } from '../../../../shared/contracts/review';
import { isProblem } from '../../../app/api-client';
import { IconAlert, IconInfo } from '../../../components/icons';
import { PageHeader } from '../../../components/PageHeader';
import { ErrorState, PageLoader } from '../../../components/PageState';
import { applyServerErrors, schemaResolver } from '../../../lib/form-errors';
import { useSettings, useUpdateSettings } from '../api/settings';

/** `Налаштування`: the policy on remote re-issues in a row. */
export function SettingsPage() {
  const { t } = useTranslation();
  const settings = useSettings();
  const update = useUpdateSettings();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<{ remoteReissueLimit: number | string }>({
    mode: 'controlled',
    initialValues: { remoteReissueLimit: '' },
    validate: schemaResolver(settingsSchema),
    transformValues: (v) => ({ remoteReissueLimit: v.remoteReissueLimit === '' ? '' : Number(v.remoteReissueLimit) }),
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: the form object is stable.
  useEffect(() => {
    if (!settings.data) return;
    form.setInitialValues(settings.data);
    form.setValues(settings.data);
  }, [settings.data]);

  if (settings.isPending) return <PageLoader />;
  if (settings.isError) return <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />;

  const submit = form.onSubmit((v) => {
    setFailure(null);
    update.mutate(
      { remoteReissueLimit: Number(v.remoteReissueLimit) },
      {
        onSuccess: (saved) => {
          form.resetDirty(saved);
          notifications.show({ color: 'green', message: t('settings.saved') });
        },
        onError: (e) => {
          const rest = applyServerErrors(form, e);
          if (!isProblem(e) || e.errors.length === 0 || rest.length > 0) {
            setFailure(isProblem(e) ? (rest[0] ?? e.detail ?? e.title) : t('errors.unexpected'));
          }
        },
      },
    );
  });

  return (
    <>
      <PageHeader title={t('settings.title')} />
      <Card maw={720}>
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <NumberInput
              label={t('settings.remoteReissueLimit')}
              description={t('settings.remoteReissueLimitHint')}
              min={0}
              max={5}
              allowDecimal={false}
              allowNegative={false}
              w={{ base: '100%', xs: 320 }}
              {...form.getInputProps('remoteReissueLimit')}
            />
            <Alert color="brand" variant="light" icon={<IconInfo />}>
              <Text size="sm">{t('settings.remoteReissueNote')}</Text>
            </Alert>
            {failure && (
              <Alert color="red" variant="light" icon={<IconAlert />} role="alert">
                {failure}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button type="submit" loading={update.isPending} disabled={!form.isDirty()}>
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
    </>
  );
}

import { Alert, Box, Button, Container, Group, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { type AcceptInvitationBody, acceptInvitationBodySchema } from '../../../../shared/contracts/auth';
import { formatDateTime } from '../../../../shared/domain/dates';
import { formatPhone } from '../../../../shared/domain/phone';
import { isProblem } from '../../../app/api-client';
import { BrandMark } from '../../../components/BrandMark';
import { IconAlert, IconCheck } from '../../../components/icons';
import { LanguageSwitch } from '../../../components/LanguageSwitch';
import { PageLoader } from '../../../components/PageState';
import { applyServerErrors, focusFirstError, schemaResolver } from '../../../lib/form-errors';
import { useAcceptInvitation } from '../api/accept-invitation';
import { useInvitation } from '../api/get-invitation';

export function InvitationPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const invitation = useInvitation(token);
  const accept = useAcceptInvitation(token);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<AcceptInvitationBody>({
    mode: 'controlled',
    initialValues: { password: '', passwordConfirmation: '' },
    validate: schemaResolver(acceptInvitationBodySchema),
  });

  const submit = form.onSubmit((values) => {
    setFailure(null);
    accept.mutate(values, {
      onError: (error) => {
        const rest = applyServerErrors(form, error);
        if (!isProblem(error) || error.errors.length === 0 || rest.length > 0)
          setFailure(isProblem(error) ? (error.detail ?? error.title) : t('errors.unexpected'));
      },
    });
  }, focusFirstError);

  let content: React.ReactNode;
  if (invitation.isPending) {
    content = <PageLoader />;
  } else if (invitation.isError) {
    content = (
      <Alert color="red" variant="light" icon={<IconAlert />} title={t('invitation.invalidTitle')}>
        {t('invitation.invalidText')}
      </Alert>
    );
  } else if (accept.isSuccess) {
    content = (
      <Stack gap="md">
        <Alert color="green" variant="light" icon={<IconCheck />} title={t('invitation.doneTitle')}>
          {t('invitation.doneText')}
        </Alert>
        <Button component={Link} to="/login" fullWidth>
          {t('invitation.toLogin')}
        </Button>
      </Stack>
    );
  } else {
    content = (
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm">{t('invitation.for', { name: invitation.data.fullName, phone: formatPhone(invitation.data.phone) })}</Text>
          <Text size="xs" c="dimmed">
            {t('invitation.expires', { date: formatDateTime(invitation.data.expiresAt) })}
          </Text>
          {failure && (
            <Alert color="red" variant="light" icon={<IconAlert />} role="alert">
              {failure}
            </Alert>
          )}
          <PasswordInput
            label={t('invitation.password')}
            description={t('invitation.passwordHint')}
            withAsterisk
            autoComplete="new-password"
            {...form.getInputProps('password')}
          />
          <PasswordInput
            label={t('invitation.passwordConfirmation')}
            withAsterisk
            autoComplete="new-password"
            {...form.getInputProps('passwordConfirmation')}
          />
          <Button type="submit" fullWidth loading={accept.isPending}>
            {t('invitation.submit')}
          </Button>
        </Stack>
      </form>
    );
  }

  return (
    <Box className="login-backdrop">
      <Container size={460} py={{ base: 32, sm: 72 }}>
        <Group justify="space-between" mb="xl" wrap="nowrap">
          <BrandMark />
          <LanguageSwitch />
        </Group>
        <Paper withBorder shadow="sm" p={{ base: 'lg', sm: 32 }}>
          <Stack gap="md">
            <Title order={1} fz={21} ta="center">
              {t('invitation.title')}
            </Title>
            {content}
          </Stack>
        </Paper>
      </Container>
    </Box>
  );
}

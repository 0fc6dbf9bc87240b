import { Alert, Anchor, Box, Button, Container, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { type LoginBody, loginBodySchema } from '../../../../shared/contracts/auth';
import { isProblem } from '../../../app/api-client';
import { BrandMark } from '../../../components/BrandMark';
import { IconAlert } from '../../../components/icons';
import { LanguageSwitch } from '../../../components/LanguageSwitch';
import { applyServerErrors, focusFirstError, schemaResolver } from '../../../lib/form-errors';
import { useSession } from '../api/get-session';
import { useLogin } from '../api/login';

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const session = useSession();
  const login = useLogin();
  const [failure, setFailure] = useState<string | null>(null);
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  const form = useForm<LoginBody>({
    mode: 'controlled',
    initialValues: { phone: '', password: '' },
    validate: schemaResolver(loginBodySchema),
  });

  if (session.data) return <Navigate to={from} replace />;

  const submit = form.onSubmit((values) => {
    setFailure(null);
    login.mutate(values, {
      onSuccess: () => navigate(from, { replace: true }),
      onError: (error) => {
        const rest = applyServerErrors(form, error);
        if (isProblem(error) && (error.errors.length === 0 || rest.length > 0)) {
          setFailure(error.status === 0 ? t('errors.network') : error.code === 'INVALID_CREDENTIALS' ? t('login.invalid') : error.title);
        } else if (!isProblem(error)) {
          setFailure(t('errors.unexpected'));
        }
      },
    });
  }, focusFirstError);

  return (
    <Box className="login-backdrop">
      <Container size={460} py={{ base: 32, sm: 72 }}>
        <Group justify="space-between" mb="xl" wrap="nowrap">
          <BrandMark />
          <LanguageSwitch />
        </Group>
        <Paper withBorder shadow="sm" p={{ base: 'lg', sm: 32 }}>
          <form onSubmit={submit} noValidate>
            <Stack gap="md">
              <Title order={1} fz={{ base: 19, sm: 21 }} ta="center" lh={1.3}>
                {t('login.title')}
              </Title>
              <Text c="dimmed" size="sm" ta="center">
                {t('login.hint')}
              </Text>
              {failure && (
                <Alert color="red" variant="light" icon={<IconAlert />} role="alert">
                  {failure}
                </Alert>
              )}
              <TextInput
                label={t('login.phone')}
                placeholder="+380XXXXXXXXX"
                withAsterisk
                type="tel"
                inputMode="tel"
                autoComplete="username"
                size="md"
                {...form.getInputProps('phone')}
              />
              <PasswordInput
                label={t('login.password')}
                withAsterisk
                autoComplete="current-password"
                size="md"
                {...form.getInputProps('password')}
              />
              <Button type="submit" size="md" fullWidth loading={login.isPending} mt="xs">
                {t('login.submit')}
              </Button>
            </Stack>
          </form>
        </Paper>
        <Text c="dimmed" size="xs" ta="center" mt="lg">
          {t('login.footer')}
        </Text>
        <Group justify="center" gap="lg" mt="sm" component="nav" aria-label={t('login.publicLinks')}>
          <Anchor component={Link} to="/certificates" size="sm">
            {t('login.certificatesLink')}
          </Anchor>
          <Anchor component={Link} to="/ca" size="sm">
            {t('login.caLink')}
          </Anchor>
        </Group>
      </Container>
    </Box>
  );
}

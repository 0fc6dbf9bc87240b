import { Alert, Button, Center, Loader, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isProblem } from '../app/api-client';
import { IconAlert } from './icons';

export function PageLoader() {
  const { t } = useTranslation();
  return (
    <Center py={80} role="status" aria-live="polite">
      <Stack align="center" gap="xs">
        <Loader />
        <Text c="dimmed" size="sm">
          {t('common.loading')}
        </Text>
      </Stack>
    </Center>
  );
}

/** The Ukrainian "not found" page: for unknown addresses and for things the user may not see. */
export function NotFoundState({ title, text, backTo = '/' }: { title?: string; text?: string; backTo?: string }) {
  const { t } = useTranslation();
  return (
    <Center py={64}>
      <Stack align="center" gap="md" maw={520} ta="center">
        <Text fz={64} fw={800} c="brand.2" lh={1} aria-hidden="true">
          404
        </Text>
        <Title order={1} fz={26}>
          {title ?? t('notFound.title')}
        </Title>
        <Text c="dimmed">{text ?? t('notFound.text')}</Text>
        <Button component={Link} to={backTo} variant="light">
          {t('notFound.back')}
        </Button>
      </Stack>
    </Center>
  );
}

/** A failed load: the server's Ukrainian title, and a retry. */
export function ErrorState({ error, onRetry, children }: { error: unknown; onRetry?: () => void; children?: ReactNode }) {
  const { t } = useTranslation();
  const message = isProblem(error) ? (error.status === 0 ? t('errors.network') : (error.detail ?? error.title)) : t('errors.unexpected');
  return (
    <Alert color="red" variant="light" icon={<IconAlert />} title={t('errors.loadFailed')} my="lg">
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{message}</Text>
        {children}
        {onRetry && (
          <Button size="xs" variant="white" color="red" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

import { Button, Center, Code, Stack, Text, Title } from '@mantine/core';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { NotFoundState } from './PageState';

function CrashMessage({ error }: { error: unknown }) {
  const { t } = useTranslation();
  return (
    <Center py={64} px="md">
      <Stack align="center" gap="md" maw={560} ta="center">
        <Title order={1} fz={24}>
          {t('crash.title')}
        </Title>
        <Text c="dimmed">{t('crash.text')}</Text>
        {import.meta.env.DEV && error instanceof Error && (
          <Code block ta="left" w="100%">
            {error.message}
          </Code>
        )}
        <Button onClick={() => window.location.reload()}>{t('crash.reload')}</Button>
      </Stack>
    </Center>
  );
}

/** A route's errorElement: an unknown address is a 404, anything else a calm crash page. */
export function RouteErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundState />;
  return <CrashMessage error={error} />;
}

/** The last line: a render error anywhere outside the router still shows a Ukrainian page. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error(error, info.componentStack);
  }

  render() {
    if (this.state.error) return <CrashMessage error={this.state.error} />;
    return this.props.children;
  }
}

import { MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications } from '@mantine/notifications';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import 'dayjs/locale/uk';
import 'dayjs/locale/en';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../lib/query-keys';
import { isProblem, setUnauthenticatedHandler } from './api-client';
import { theme } from './theme';

function onError(error: unknown) {
  // The session ended (expired, logged out in another tab): the login page takes over.
  if (isProblem(error, 401)) queryClient.setQueryData(queryKeys.session, null);
}

export const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({ onError }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: true,
      retry: (count, error) => !(isProblem(error) && error.status >= 400 && error.status < 500) && count < 2,
    },
  },
});
setUnauthenticatedHandler(() => queryClient.setQueryData(queryKeys.session, null));

function LocalizedDates({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  return (
    <DatesProvider settings={{ locale: i18n.language === 'en' ? 'en' : 'uk', firstDayOfWeek: 1, weekendDays: [0, 6] }}>
      {children}
    </DatesProvider>
  );
}

export function Providers({ children }: { children: ReactNode }) {
  return (
    <QueryClientProvider client={queryClient}>
      <MantineProvider theme={theme} defaultColorScheme="light">
        <LocalizedDates>
          <Notifications position="bottom-right" limit={3} />
          {children}
        </LocalizedDates>
      </MantineProvider>
    </QueryClientProvider>
  );
}

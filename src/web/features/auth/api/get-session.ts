import { queryOptions, useQuery } from '@tanstack/react-query';
import type { SessionResponse } from '../../../../shared/contracts/auth';
import { apiFetch, isProblem, setCsrfToken } from '../../../app/api-client';
import { queryKeys } from '../../../lib/query-keys';

/** The signed-in user, or null when there is no session (401 is an answer here, not an error). */
export async function getSession(): Promise<SessionResponse | null> {
  try {
    const session = await apiFetch<SessionResponse>('/auth/session');
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (isProblem(error, 401)) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export const sessionQueryOptions = () =>
  queryOptions({ queryKey: queryKeys.session, queryFn: getSession, staleTime: 5 * 60_000, retry: 1 });

export function useSession() {
  return useQuery(sessionQueryOptions());
}

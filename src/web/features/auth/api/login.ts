import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { LoginBody, SessionResponse } from '../../../../shared/contracts/auth';
import { apiFetch, setCsrfToken } from '../../../app/api-client';
import { queryKeys } from '../../../lib/query-keys';

export async function login(body: LoginBody): Promise<SessionResponse> {
  const session = await apiFetch<SessionResponse>('/auth/login', { method: 'POST', body });
  setCsrfToken(session.csrfToken);
  return session;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (session) => {
      // Another user's cached data must never show: start from a clean cache.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== queryKeys.session[0] });
      queryClient.setQueryData(queryKeys.session, session);
    },
  });
}

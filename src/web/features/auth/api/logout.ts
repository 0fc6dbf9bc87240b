import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch, setCsrfToken } from '../../../app/api-client';
import { queryKeys } from '../../../lib/query-keys';

export async function logout(): Promise<void> {
  await apiFetch('/auth/logout', { method: 'POST' });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSettled: () => {
      setCsrfToken(null);
      queryClient.clear();
      queryClient.setQueryData(queryKeys.session, null);
    },
  });
}

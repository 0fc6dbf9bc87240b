import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../app/api-client';
import { queryKeys } from '../../../lib/query-keys';

export function deleteApplication(id: string): Promise<{ ok: true }> {
  return apiFetch(`/applications/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export function useDeleteApplication() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteApplication,
    onSuccess: (_result, id) => {
      queryClient.removeQueries({ queryKey: queryKeys.applications.detail(id) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.applications.all });
      void queryClient.invalidateQueries({ queryKey: queryKeys.organizations });
    },
  });
}

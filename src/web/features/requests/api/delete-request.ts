import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../app/api-client';
import { queryKeys } from '../../../lib/query-keys';

export function deleteRequest(id: string): Promise<{ ok: true }> {
  return apiFetch(`/requests/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export function useDeleteRequest(applicationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteRequest,
    onSuccess: (_result, id) => {
      queryClient.removeQueries({ queryKey: queryKeys.requests.detail(id) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.applications.detail(applicationId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.applications.all, refetchType: 'none' });
      void queryClient.invalidateQueries({ queryKey: queryKeys.organizations });
    },
  });
}

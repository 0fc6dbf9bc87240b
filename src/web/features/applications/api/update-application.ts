import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApplicationDetail, UpdateApplicationBody } from '../../../../shared/contracts/applications';
import { apiFetch } from '../../../app/api-client';
import { queryKeys } from '../../../lib/query-keys';

export function updateApplication(id: string, body: UpdateApplicationBody): Promise<ApplicationDetail> {
  return apiFetch(`/applications/${encodeURIComponent(id)}`, { method: 'PUT', body });
}

export function useUpdateApplication(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateApplicationBody) => updateApplication(id, body),
    onSuccess: (detail) => {
      queryClient.setQueryData(queryKeys.applications.detail(id), detail);
      void queryClient.invalidateQueries({ queryKey: queryKeys.applications.all, refetchType: 'none' });
      void queryClient.invalidateQueries({ queryKey: queryKeys.organizations });
    },
  });
}

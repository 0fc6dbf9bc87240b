import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CertificateRequestBody } from '../../../../shared/contracts/requests';
import { apiFetch } from '../../../app/api-client';
import { queryKeys } from '../../../lib/query-keys';

export function createRequest(applicationId: string, body: CertificateRequestBody): Promise<{ id: string; number: number }> {
  return apiFetch(`/applications/${encodeURIComponent(applicationId)}/requests`, { method: 'POST', body });
}

export function useCreateRequest(applicationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CertificateRequestBody) => createRequest(applicationId, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.applications.detail(applicationId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.applications.all, refetchType: 'none' });
      void queryClient.invalidateQueries({ queryKey: queryKeys.organizations });
    },
  });
}

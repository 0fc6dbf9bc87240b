import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CertificateRequestBody, RequestDetail } from '../../../../shared/contracts/requests';
import { apiFetch } from '../../../app/api-client';
import { queryKeys } from '../../../lib/query-keys';

export function updateRequest(id: string, body: CertificateRequestBody): Promise<RequestDetail> {
  return apiFetch(`/requests/${encodeURIComponent(id)}`, { method: 'PUT', body });
}

export function useUpdateRequest(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CertificateRequestBody) => updateRequest(id, body),
    onSuccess: (detail) => {
      queryClient.setQueryData(queryKeys.requests.detail(id), detail);
      void queryClient.invalidateQueries({ queryKey: queryKeys.applications.detail(detail.applicationId) });
    },
  });
}

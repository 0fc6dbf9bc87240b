import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { RequestDetail } from '../../../../shared/contracts/requests';
import { apiFetch } from '../../../app/api-client';
import { queryKeys } from '../../../lib/query-keys';

/** `ВІДПРАВИТИ ЗАЯВКУ НА ПІДПИС`, and `Надіслати нове посилання` (a fresh link replaces the old). */
export function sendForSigning(id: string): Promise<RequestDetail> {
  return apiFetch(`/requests/${encodeURIComponent(id)}/send-for-signing`, { method: 'POST' });
}

export function useSendForSigning(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => sendForSigning(id),
    onSuccess: (detail) => {
      queryClient.setQueryData(queryKeys.requests.detail(id), detail);
      void queryClient.invalidateQueries({ queryKey: queryKeys.applications.detail(detail.applicationId) });
    },
  });
}

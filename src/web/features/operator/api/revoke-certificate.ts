import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { RevokeCertificateBody } from '../../../../shared/contracts/review';
import { apiFetch } from '../../../app/api-client';
import { queryKeys } from '../../../lib/query-keys';
import type { RegistryCertificate } from './get-certificates';

export function revokeCertificate(id: string, body: RevokeCertificateBody): Promise<RegistryCertificate> {
  return apiFetch(`/operator/certificates/${encodeURIComponent(id)}/revoke`, { method: 'POST', body });
}

export function useRevokeCertificate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reasonCode }: { id: string; reasonCode: number }) => revokeCertificate(id, { reasonCode }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.operator.certificatesAll });
      void queryClient.invalidateQueries({ queryKey: ['operator', 'review'] });
    },
  });
}

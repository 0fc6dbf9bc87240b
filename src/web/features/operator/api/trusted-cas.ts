import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { TrustedCa, trustedCaImportResultSchema } from '../../../../shared/contracts/trust';
import { apiFetch } from '../../../app/api-client';
import { queryKeys } from '../../../lib/query-keys';

export type TrustedCaImportResult = z.infer<typeof trustedCaImportResultSchema>;

/** The CA certificates signatures are checked against: the provider's own and imported ones. */
export function getTrustedCas(): Promise<TrustedCa[]> {
  return apiFetch<TrustedCa[]>('/trusted-cas');
}

export const trustedCasQueryOptions = () => queryOptions({ queryKey: queryKeys.trustedCas, queryFn: getTrustedCas });

export function useTrustedCas() {
  return useQuery(trustedCasQueryOptions());
}

export function useImportTrustedCas() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const formData = new FormData();
      formData.append('file', file);
      return apiFetch<TrustedCaImportResult>('/trusted-cas', { method: 'POST', formData });
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.trustedCas }),
  });
}

export function useRemoveTrustedCa() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<{ ok: true }>(`/trusted-cas/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.trustedCas }),
  });
}

import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { publicSearchResultSchema } from '../../../../shared/contracts/review';
import { apiFetch } from '../../../app/api-client';
import { queryKeys } from '../../../lib/query-keys';

export type PublicSearchResult = z.infer<typeof publicSearchResultSchema>;

/** The public directory of published certificates (no login; at least 3 characters). */
export function searchCertificates(q: string): Promise<PublicSearchResult> {
  return apiFetch<PublicSearchResult>('/public/certificates', { query: { q } });
}

export const publicCertificatesQueryOptions = (q: string) =>
  queryOptions({ queryKey: queryKeys.publicCertificates(q), queryFn: () => searchCertificates(q), staleTime: 60_000 });

export function usePublicCertificates(q: string) {
  return useQuery({ ...publicCertificatesQueryOptions(q), enabled: q.length >= 3 });
}

/** The certificate's file: DER (`.cer`) or PEM. */
export function publicCertificateUrl(serial: string, format: 'cer' | 'pem'): string {
  return `/api/public/certificates/${encodeURIComponent(serial)}.${format}`;
}

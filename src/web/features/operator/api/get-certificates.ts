import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { registryCertificateSchema } from '../../../../shared/contracts/review';
import { apiFetch } from '../../../app/api-client';
import { queryKeys } from '../../../lib/query-keys';

export type RegistryCertificate = z.infer<typeof registryCertificateSchema>;
export type CertificateFilter = { q?: string; organizationId?: string; status?: string };

/** The register of issued certificates, for the operator. */
export async function getCertificates(filter: CertificateFilter): Promise<RegistryCertificate[]> {
  const { items } = await apiFetch<{ items: RegistryCertificate[] }>('/operator/certificates', { query: filter });
  return items;
}

export const certificatesQueryOptions = (filter: CertificateFilter) =>
  queryOptions({
    queryKey: queryKeys.operator.certificates(filter),
    queryFn: () => getCertificates(filter),
    placeholderData: keepPreviousData,
  });

export function useCertificates(filter: CertificateFilter) {
  return useQuery(certificatesQueryOptions(filter));
}

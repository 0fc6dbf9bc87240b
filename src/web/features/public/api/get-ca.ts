import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../app/api-client';

/**
 * What `GET /api/public/ca` tells about the provider's CA (no shared contract for it yet: the
 * shape the server sends today). The page links the files even when this fails.
 */
export type CaCertificateInfo = {
  name: string;
  subject: string;
  serial: string;
  notBefore: string;
  notAfter: string;
  sha256: string;
  files: { der: string; pem: string };
};
export type CaInfo = {
  certificates: CaCertificateInfo[];
  crl: { thisUpdate: string; nextUpdate: string | null; revokedCount: number; files: { der: string; pem: string } };
};

export function getCaInfo(): Promise<CaInfo> {
  return apiFetch<CaInfo>('/public/ca');
}

export const caInfoQueryOptions = () => queryOptions({ queryKey: ['public', 'ca'] as const, queryFn: getCaInfo, staleTime: 60_000 });

export function useCaInfo() {
  return useQuery(caInfoQueryOptions());
}

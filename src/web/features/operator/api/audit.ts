import { infiniteQueryOptions, useInfiniteQuery, useMutation } from '@tanstack/react-query';
import type { AuditChainCheckResult, AuditCsvQuery, AuditPage } from '../../../../shared/contracts/audit';
import { apiFetch, apiUrl } from '../../../app/api-client';
import { queryKeys } from '../../../lib/query-keys';

/** The audit log, newest first, one page of 50 at a time (keyset: `before` the last id seen). */
export function getAuditPage(filter: AuditCsvQuery, before?: string): Promise<AuditPage> {
  return apiFetch<AuditPage>('/audit', { query: { ...filter, before, limit: 50 } });
}

export const auditQueryOptions = (filter: AuditCsvQuery) =>
  infiniteQueryOptions({
    queryKey: queryKeys.audit.page(filter),
    queryFn: ({ pageParam }) => getAuditPage(filter, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });

export function useAudit(filter: AuditCsvQuery) {
  return useInfiniteQuery(auditQueryOptions(filter));
}

/** The same filters as a CSV download: a plain link, the session cookie goes along. */
export function auditCsvUrl(filter: AuditCsvQuery): string {
  return apiUrl('/audit.csv', filter);
}

/** Recomputes the hash chain from the first entry. */
export function useVerifyAudit() {
  return useMutation({ mutationKey: queryKeys.audit.verify, mutationFn: () => apiFetch<AuditChainCheckResult>('/audit/verify') });
}

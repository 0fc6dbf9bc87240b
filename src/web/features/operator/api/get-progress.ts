import { queryOptions, useQuery } from '@tanstack/react-query';
import type { RenewalProgress } from '../../../../shared/contracts/review';
import { apiFetch } from '../../../app/api-client';
import { queryKeys } from '../../../lib/query-keys';

export function getProgress(id: string): Promise<RenewalProgress> {
  return apiFetch<RenewalProgress>(`/operator/applications/${encodeURIComponent(id)}/progress`);
}

/** The renewal's progress, asked every 2 s while it runs and not at all otherwise. */
export const progressQueryOptions = (id: string) =>
  queryOptions({
    queryKey: queryKeys.operator.progress(id),
    queryFn: () => getProgress(id),
    refetchInterval: (query) => (query.state.data?.state === 'running' ? 2000 : false),
  });

export function useProgress(id: string, enabled: boolean) {
  return useQuery({ ...progressQueryOptions(id), enabled });
}

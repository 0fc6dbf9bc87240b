import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ApplicationDetail } from '../../../../shared/contracts/applications';
import { apiFetch, isProblem } from '../../../app/api-client';
import { queryKeys } from '../../../lib/query-keys';

export function getApplication(id: string): Promise<ApplicationDetail> {
  return apiFetch<ApplicationDetail>(`/applications/${encodeURIComponent(id)}`);
}

export const applicationQueryOptions = (id: string) =>
  queryOptions({
    queryKey: queryKeys.applications.detail(id),
    queryFn: () => getApplication(id),
    // A 404 (someone else's or deleted application) will not change on a retry.
    retry: (count, error) => !isProblem(error, 404) && !isProblem(error, 400) && count < 2,
  });

export function useApplication(id: string | undefined) {
  return useQuery({ ...applicationQueryOptions(id ?? ''), enabled: Boolean(id) });
}

import { queryOptions, useQuery } from '@tanstack/react-query';
import type { RequestDetail } from '../../../../shared/contracts/requests';
import { apiFetch, isProblem } from '../../../app/api-client';
import { queryKeys } from '../../../lib/query-keys';

export function getRequest(id: string): Promise<RequestDetail> {
  return apiFetch<RequestDetail>(`/requests/${encodeURIComponent(id)}`);
}

export const requestQueryOptions = (id: string) =>
  queryOptions({
    queryKey: queryKeys.requests.detail(id),
    queryFn: () => getRequest(id),
    retry: (count, error) => !isProblem(error, 404) && !isProblem(error, 400) && count < 2,
  });

export function useRequest(id: string) {
  return useQuery(requestQueryOptions(id));
}

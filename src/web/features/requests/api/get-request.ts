import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
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
    // While the employee signs, the page asks again every few seconds, so `Підписано` (or the
    // last refused attempt) appears without a reload.
    refetchInterval: (query) => (query.state.data?.status === 'awaiting_signature' ? SIGNING_POLL_MS : false),
  });

const SIGNING_POLL_MS = 5_000;

export function useRequest(id: string) {
  const queryClient = useQueryClient();
  const query = useQuery(requestQueryOptions(id));
  // The signature arrived: the application's list of requests (their statuses) is stale too.
  const status = query.data?.status;
  const applicationId = query.data?.applicationId;
  const previous = useRef(status);
  useEffect(() => {
    if (previous.current === 'awaiting_signature' && status && status !== 'awaiting_signature' && applicationId) {
      void queryClient.invalidateQueries({ queryKey: queryKeys.applications.detail(applicationId) });
    }
    previous.current = status;
  }, [status, applicationId, queryClient]);
  return query;
}

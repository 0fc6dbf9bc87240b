import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { ApplicationListQuery, ApplicationSummary } from '../../../../shared/contracts/applications';
import { apiFetch } from '../../../app/api-client';
import { queryKeys } from '../../../lib/query-keys';

export async function getApplications(filter: ApplicationListQuery): Promise<ApplicationSummary[]> {
  const { items } = await apiFetch<{ items: ApplicationSummary[] }>('/applications', { query: filter });
  return items;
}

export const applicationsQueryOptions = (filter: ApplicationListQuery) =>
  queryOptions({
    queryKey: queryKeys.applications.list(filter),
    queryFn: () => getApplications(filter),
    placeholderData: keepPreviousData,
  });

export function useApplications(filter: ApplicationListQuery) {
  return useQuery(applicationsQueryOptions(filter));
}

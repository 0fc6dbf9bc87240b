import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Organization } from '../../../../shared/contracts/organizations';
import { apiFetch } from '../../../app/api-client';
import { queryKeys } from '../../../lib/query-keys';

/** The ВО's own organizations with their active contracts and services. */
export async function getOrganizations(): Promise<Organization[]> {
  const { items } = await apiFetch<{ items: Organization[] }>('/organizations');
  return items;
}

export const organizationsQueryOptions = () =>
  queryOptions({ queryKey: queryKeys.organizations, queryFn: getOrganizations, staleTime: 5 * 60_000 });

export function useOrganizations() {
  return useQuery(organizationsQueryOptions());
}

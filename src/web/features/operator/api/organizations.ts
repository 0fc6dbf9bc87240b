import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AdminContract,
  AdminOrganization,
  CreateContractBody,
  CreateOrganizationBody,
  UpdateContractBody,
  UpdateOrganizationBody,
} from '../../../../shared/contracts/admin';
import { apiFetch } from '../../../app/api-client';
import { queryKeys } from '../../../lib/query-keys';

/** Organizations with every contract (`/api/admin/organizations`), searched by name or ЄДРПОУ. */
export async function getAdminOrganizations(q: string): Promise<AdminOrganization[]> {
  const { items } = await apiFetch<{ items: AdminOrganization[] }>('/admin/organizations', { query: { q } });
  return items;
}

export const adminOrganizationsQueryOptions = (q = '') =>
  queryOptions({
    queryKey: queryKeys.admin.organizations(q),
    queryFn: () => getAdminOrganizations(q),
    placeholderData: keepPreviousData,
  });

export function useAdminOrganizations(q = '') {
  return useQuery(adminOrganizationsQueryOptions(q));
}

function useInvalidateOrganizations() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.admin.organizationsAll });
    // The ВО's own list of organizations and contracts (if this tab ever shows it).
    void queryClient.invalidateQueries({ queryKey: queryKeys.organizations });
  };
}

export function useCreateOrganization() {
  const invalidate = useInvalidateOrganizations();
  return useMutation({
    mutationFn: (body: CreateOrganizationBody) => apiFetch<AdminOrganization>('/admin/organizations', { method: 'POST', body }),
    onSuccess: invalidate,
  });
}

export function useUpdateOrganization() {
  const invalidate = useInvalidateOrganizations();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateOrganizationBody }) =>
      apiFetch<AdminOrganization>(`/admin/organizations/${encodeURIComponent(id)}`, { method: 'PUT', body }),
    onSuccess: invalidate,
  });
}

export function useCreateContract() {
  const invalidate = useInvalidateOrganizations();
  return useMutation({
    mutationFn: ({ organizationId, body }: { organizationId: string; body: CreateContractBody }) =>
      apiFetch<AdminContract>(`/admin/organizations/${encodeURIComponent(organizationId)}/contracts`, { method: 'POST', body }),
    onSuccess: invalidate,
  });
}

export function useUpdateContract() {
  const invalidate = useInvalidateOrganizations();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateContractBody }) =>
      apiFetch<AdminContract>(`/admin/contracts/${encodeURIComponent(id)}`, { method: 'PUT', body }),
    onSuccess: invalidate,
  });
}

import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateServiceBody } from '../../../../shared/contracts/admin';
import type { Service } from '../../../../shared/contracts/organizations';
import { apiFetch } from '../../../app/api-client';
import { queryKeys } from '../../../lib/query-keys';

/** The provider's services and their certificates' validity (`/api/admin/services`). */
export async function getServices(): Promise<Service[]> {
  const { items } = await apiFetch<{ items: Service[] }>('/admin/services');
  return items;
}

export const servicesQueryOptions = () => queryOptions({ queryKey: queryKeys.admin.services, queryFn: getServices, staleTime: 5 * 60_000 });

export function useServices() {
  return useQuery(servicesQueryOptions());
}

export function useCreateService() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateServiceBody) => apiFetch<Service>('/admin/services', { method: 'POST', body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.admin.services }),
  });
}

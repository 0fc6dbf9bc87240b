import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AdminUser, CreateUserBody, UpdateUserBody } from '../../../../shared/contracts/admin';
import { apiFetch } from '../../../app/api-client';
import { queryKeys } from '../../../lib/query-keys';

export type UserFilter = { q?: string; organizationId?: string };

/** Accounts (`/api/admin/users`): searched by name, phone or e-mail, filtered by organization. */
export async function getUsers(filter: UserFilter): Promise<AdminUser[]> {
  const { items } = await apiFetch<{ items: AdminUser[] }>('/admin/users', { query: filter });
  return items;
}

export const usersQueryOptions = (filter: UserFilter) =>
  queryOptions({ queryKey: queryKeys.admin.users(filter), queryFn: () => getUsers(filter), placeholderData: keepPreviousData });

export function useUsers(filter: UserFilter) {
  return useQuery(usersQueryOptions(filter));
}

function useUserMutation<V>(mutationFn: (variables: V) => Promise<AdminUser>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.admin.usersAll });
      void queryClient.invalidateQueries({ queryKey: queryKeys.admin.organizationsAll });
    },
  });
}

export function useCreateUser() {
  return useUserMutation((body: CreateUserBody) => apiFetch<AdminUser>('/admin/users', { method: 'POST', body }));
}

export function useUpdateUser() {
  return useUserMutation(({ id, body }: { id: string; body: UpdateUserBody }) =>
    apiFetch<AdminUser>(`/admin/users/${encodeURIComponent(id)}`, { method: 'PUT', body }),
  );
}

/** `invite` sends a new invitation (earlier links stop working); `block` ends the person's sessions. */
export function useUserAction() {
  return useUserMutation(({ id, action }: { id: string; action: 'invite' | 'block' | 'unblock' }) =>
    apiFetch<AdminUser>(`/admin/users/${encodeURIComponent(id)}/${action}`, { method: 'POST' }),
  );
}

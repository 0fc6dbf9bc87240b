import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Settings } from '../../../../shared/contracts/review';
import { apiFetch } from '../../../app/api-client';
import { queryKeys } from '../../../lib/query-keys';

export function getSettings(): Promise<Settings> {
  return apiFetch<Settings>('/operator/settings');
}

export function updateSettings(body: Settings): Promise<Settings> {
  return apiFetch<Settings>('/operator/settings', { method: 'PUT', body });
}

export const settingsQueryOptions = () => queryOptions({ queryKey: queryKeys.operator.settings, queryFn: getSettings });

export function useSettings() {
  return useQuery(settingsQueryOptions());
}

export function useUpdateSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateSettings,
    onSuccess: (saved) => queryClient.setQueryData(queryKeys.operator.settings, saved),
  });
}

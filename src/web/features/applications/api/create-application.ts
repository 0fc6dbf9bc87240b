import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateApplicationBody } from '../../../../shared/contracts/applications';
import { apiFetch } from '../../../app/api-client';
import { queryKeys } from '../../../lib/query-keys';

export function createApplication(body: CreateApplicationBody): Promise<{ id: string; number: string }> {
  return apiFetch('/applications', { method: 'POST', body });
}

export function useCreateApplication() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createApplication,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.applications.all });
      void queryClient.invalidateQueries({ queryKey: queryKeys.organizations });
    },
  });
}

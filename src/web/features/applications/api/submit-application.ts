import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApplicationDetail, SubmitApplicationBody } from '../../../../shared/contracts/applications';
import { apiFetch } from '../../../app/api-client';
import { queryKeys } from '../../../lib/query-keys';

/** `ВІДПРАВИТИ`: a refusal is a 422 SUBMIT_REFUSED whose `reasons` list everything to fix. */
export function submitApplication(id: string, body: SubmitApplicationBody): Promise<ApplicationDetail> {
  return apiFetch(`/applications/${encodeURIComponent(id)}/submit`, { method: 'POST', body });
}

export function useSubmitApplication(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SubmitApplicationBody) => submitApplication(id, body),
    onSuccess: (detail) => {
      queryClient.setQueryData(queryKeys.applications.detail(id), detail);
      void queryClient.invalidateQueries({ queryKey: queryKeys.applications.all, refetchType: 'none' });
      void queryClient.invalidateQueries({ queryKey: queryKeys.requests.all });
    },
  });
}

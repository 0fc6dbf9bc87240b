import { useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  AcceptApplicationBody,
  ApplicationReview,
  RejectRequestBody,
  ReturnApplicationBody,
} from '../../../../shared/contracts/review';
import { apiFetch } from '../../../app/api-client';
import { queryKeys } from '../../../lib/query-keys';

/**
 * The operator's decisions on an application (`/api/operator/…`). Each answers with the whole
 * review, which replaces the cached one; the inbox is refreshed when next shown.
 */

export function rejectRequest(requestId: string, body: RejectRequestBody): Promise<ApplicationReview> {
  return apiFetch(`/operator/requests/${encodeURIComponent(requestId)}/reject`, { method: 'POST', body });
}

export function returnApplication(id: string, body: ReturnApplicationBody): Promise<ApplicationReview> {
  return apiFetch(`/operator/applications/${encodeURIComponent(id)}/return`, { method: 'POST', body });
}

/** A refusal is a 422 whose `reasons` list what blocks the acceptance. */
export function acceptApplication(id: string, body: AcceptApplicationBody): Promise<ApplicationReview> {
  return apiFetch(`/operator/applications/${encodeURIComponent(id)}/accept`, { method: 'POST', body });
}

export function runRenewal(id: string): Promise<ApplicationReview> {
  return apiFetch(`/operator/applications/${encodeURIComponent(id)}/run`, { method: 'POST' });
}

function useReviewMutation<V>(id: string, mutationFn: (variables: V) => Promise<ApplicationReview>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (review) => {
      queryClient.setQueryData(queryKeys.operator.review(id), review);
      queryClient.setQueryData(queryKeys.operator.progress(id), review.progress);
      void queryClient.invalidateQueries({ queryKey: queryKeys.operator.inboxAll, refetchType: 'none' });
      void queryClient.invalidateQueries({ queryKey: queryKeys.operator.certificatesAll, refetchType: 'none' });
    },
  });
}

export function useRejectRequest(applicationId: string) {
  return useReviewMutation(applicationId, ({ requestId, reason }: { requestId: string; reason: string }) =>
    rejectRequest(requestId, { reason }),
  );
}

export function useReturnApplication(id: string) {
  return useReviewMutation(id, (body: ReturnApplicationBody) => returnApplication(id, body));
}

export function useAcceptApplication(id: string) {
  return useReviewMutation(id, (body: AcceptApplicationBody) => acceptApplication(id, body));
}

export function useRunRenewal(id: string) {
  return useReviewMutation(id, () => runRenewal(id));
}

import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ApplicationReview } from '../../../../shared/contracts/review';
import { apiFetch, isProblem } from '../../../app/api-client';
import { queryKeys } from '../../../lib/query-keys';

/** One application as the operator reviews it: every request with its signature report and warnings. */
export function getReview(id: string): Promise<ApplicationReview> {
  return apiFetch<ApplicationReview>(`/operator/applications/${encodeURIComponent(id)}`);
}

export const reviewQueryOptions = (id: string) =>
  queryOptions({
    queryKey: queryKeys.operator.review(id),
    queryFn: () => getReview(id),
    retry: (count, error) => !isProblem(error, 404) && !isProblem(error, 400) && count < 2,
  });

export function useReview(id: string) {
  return useQuery(reviewQueryOptions(id));
}

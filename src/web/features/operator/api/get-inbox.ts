import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { Inbox, InboxQuery } from '../../../../shared/contracts/review';
import { apiFetch } from '../../../app/api-client';
import { queryKeys } from '../../../lib/query-keys';

/** The operator's inbox: sent applications with their request counts, and counts per status. */
export function getInbox(filter: InboxQuery): Promise<Inbox> {
  return apiFetch<Inbox>('/operator/inbox', { query: filter });
}

export const inboxQueryOptions = (filter: InboxQuery) =>
  queryOptions({ queryKey: queryKeys.operator.inbox(filter), queryFn: () => getInbox(filter), placeholderData: keepPreviousData });

export function useInbox(filter: InboxQuery) {
  return useQuery(inboxQueryOptions(filter));
}

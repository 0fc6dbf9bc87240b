import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { invitationInfoSchema } from '../../../../shared/contracts/auth';
import { apiFetch } from '../../../app/api-client';
import { queryKeys } from '../../../lib/query-keys';

export type InvitationInfo = z.infer<typeof invitationInfoSchema>;

export function getInvitation(token: string): Promise<InvitationInfo> {
  return apiFetch<InvitationInfo>(`/auth/invitations/${encodeURIComponent(token)}`);
}

export const invitationQueryOptions = (token: string) =>
  queryOptions({ queryKey: queryKeys.invitation(token), queryFn: () => getInvitation(token), retry: false });

export function useInvitation(token: string) {
  return useQuery(invitationQueryOptions(token));
}

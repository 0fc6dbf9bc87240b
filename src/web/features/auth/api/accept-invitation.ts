import { useMutation } from '@tanstack/react-query';
import type { AcceptInvitationBody } from '../../../../shared/contracts/auth';
import { apiFetch } from '../../../app/api-client';

export function acceptInvitation(token: string, body: AcceptInvitationBody): Promise<{ ok: true }> {
  return apiFetch(`/auth/invitations/${encodeURIComponent(token)}`, { method: 'POST', body });
}

export function useAcceptInvitation(token: string) {
  return useMutation({ mutationFn: (body: AcceptInvitationBody) => acceptInvitation(token, body) });
}

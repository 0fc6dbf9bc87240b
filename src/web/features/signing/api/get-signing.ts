import { queryOptions, useQuery } from '@tanstack/react-query';
import type { SigningView } from '../../../../shared/contracts/signing';
import { apiFetch, apiFetchBytes, apiUrl, isProblem } from '../../../app/api-client';
import { queryKeys } from '../../../lib/query-keys';

/** `GET /api/signing/:token`: what the employee signs; 404 for a wrong or replaced link. */
export function getSigning(token: string): Promise<SigningView> {
  return apiFetch<SigningView>(`/signing/${encodeURIComponent(token)}`);
}

export const signingQueryOptions = (token: string) =>
  queryOptions({
    queryKey: queryKeys.signing(token),
    queryFn: () => getSigning(token),
    retry: (count, error) => !(isProblem(error) && error.status >= 400 && error.status < 500) && count < 2,
  });

export function useSigning(token: string) {
  return useQuery(signingQueryOptions(token));
}

/** The statement PDF as the browser shows it (`download` asks it to save the file instead). */
export function statementUrl(token: string): string {
  return apiUrl(`/signing/${encodeURIComponent(token)}/statement.pdf`);
}

/** The exact bytes of the statement: what a detached signature is made over. */
export function getStatementBytes(token: string): Promise<Uint8Array> {
  return apiFetchBytes(`/signing/${encodeURIComponent(token)}/statement.pdf`);
}

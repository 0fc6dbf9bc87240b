import { queryOptions, useQuery } from '@tanstack/react-query';
import type { PersonLookupResponse } from '../../../../shared/contracts/requests';
import { apiFetch } from '../../../app/api-client';
import { queryKeys } from '../../../lib/query-keys';

export function lookupPerson(organizationId: string, code: string): Promise<PersonLookupResponse> {
  return apiFetch<PersonLookupResponse>('/people/lookup', { query: { organizationId, code } });
}

export const personLookupQueryOptions = (organizationId: string, code: string) =>
  queryOptions({
    queryKey: queryKeys.people.lookup(organizationId, code),
    queryFn: () => lookupPerson(organizationId, code),
    // The registry does not change while the form is open; the lookup is rate-limited.
    staleTime: 10 * 60_000,
    retry: false,
  });

export function usePersonLookup(organizationId: string, code: string | null) {
  return useQuery({ ...personLookupQueryOptions(organizationId, code ?? ''), enabled: Boolean(code) });
}

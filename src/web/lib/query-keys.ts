import type { ApplicationListQuery } from '../../shared/contracts/applications';

/**
 * Every query key of the app, in one place: features build their query options from these, and
 * a mutation in one feature can invalidate another's data without importing that feature.
 */
export const queryKeys = {
  session: ['session'] as const,
  organizations: ['organizations'] as const,
  applications: {
    all: ['applications'] as const,
    list: (filter: ApplicationListQuery) => ['applications', 'list', filter] as const,
    detail: (id: string) => ['applications', 'detail', id] as const,
  },
  requests: {
    all: ['requests'] as const,
    detail: (id: string) => ['requests', 'detail', id] as const,
  },
  people: {
    lookup: (organizationId: string, code: string) => ['people', 'lookup', organizationId, code] as const,
  },
  invitation: (token: string) => ['invitation', token] as const,
  signing: (token: string) => ['signing', token] as const,
};

import type { ApplicationListQuery } from '../../shared/contracts/applications';
import type { AuditCsvQuery } from '../../shared/contracts/audit';
import type { InboxQuery } from '../../shared/contracts/review';

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
  operator: {
    inbox: (filter: InboxQuery) => ['operator', 'inbox', filter] as const,
    inboxAll: ['operator', 'inbox'] as const,
    review: (id: string) => ['operator', 'review', id] as const,
    progress: (id: string) => ['operator', 'progress', id] as const,
    certificates: (filter: Record<string, string | undefined>) => ['operator', 'certificates', filter] as const,
    certificatesAll: ['operator', 'certificates'] as const,
    settings: ['operator', 'settings'] as const,
  },
  admin: {
    organizations: (q: string) => ['admin', 'organizations', q] as const,
    organizationsAll: ['admin', 'organizations'] as const,
    services: ['admin', 'services'] as const,
    users: (filter: Record<string, string | undefined>) => ['admin', 'users', filter] as const,
    usersAll: ['admin', 'users'] as const,
  },
  trustedCas: ['trusted-cas'] as const,
  audit: {
    page: (filter: AuditCsvQuery) => ['audit', 'page', filter] as const,
    verify: ['audit', 'verify'] as const,
  },
  publicCertificates: (q: string) => ['public', 'certificates', q] as const,
  invitation: (token: string) => ['invitation', token] as const,
  signing: (token: string) => ['signing', token] as const,
};

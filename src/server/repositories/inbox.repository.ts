import type { InboxQuery } from '../../shared/contracts/review';
import { kyivInstant } from '../../shared/domain/dates';
import type { Executor } from '../db/database';

/** The operator's inbox: sent (not draft) applications with their request counts, and counts per status. */
export async function listInbox(db: Executor, query: InboxQuery) {
  const base = () => {
    let q = db
      .selectFrom('application')
      .innerJoin('organization', 'organization.id', 'application.organization_id')
      .where('application.status', '!=', 'draft');
    if (query.organizationId) q = q.where('application.organization_id', '=', query.organizationId);
    if (query.sentFrom) q = q.where('application.sent_at', '>=', kyivInstant(query.sentFrom));
    if (query.sentTo) q = q.where('application.sent_at', '<', new Date(kyivInstant(query.sentTo).getTime() + 86_400_000));
    return q;
  };
  let items = base()
    .select(['application.id', 'application.number', 'application.status', 'application.sent_at', 'application.renewal_date'])
    .select(['organization.id as organization_id', 'organization.name as organization_name', 'organization.edrpou'])
    .select((eb) => [
      eb
        .selectFrom('certificate_request')
        .whereRef('certificate_request.application_id', '=', 'application.id')
        .select(eb.fn.countAll<string>().as('n'))
        .as('request_count'),
      eb
        .selectFrom('certificate_request')
        .whereRef('certificate_request.application_id', '=', 'application.id')
        .where('certificate_request.status', '=', 'signed')
        .select(eb.fn.countAll<string>().as('n'))
        .as('signed_count'),
      eb
        .selectFrom('certificate_request')
        .whereRef('certificate_request.application_id', '=', 'application.id')
        .where('certificate_request.status', '=', 'rejected')
        .select(eb.fn.countAll<string>().as('n'))
        .as('rejected_count'),
      eb
        .selectFrom('certificate_request')
        .whereRef('certificate_request.application_id', '=', 'application.id')
        .where('certificate_request.status', '=', 'issued')
        .select(eb.fn.countAll<string>().as('n'))
        .as('issued_count'),
    ]);
  if (query.status) items = items.where('application.status', '=', query.status);
  const [rows, counts] = await Promise.all([
    items.orderBy('application.sent_at', 'desc').limit(500).execute(),
    base()
      .select(['application.status', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy('application.status')
      .execute(),
  ]);
  return { rows, counts };
}

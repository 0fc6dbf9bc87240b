import { sql } from 'kysely';
import type { ApplicationListQuery } from '../../shared/contracts/applications';
import type { Executor } from '../db/database';

/**
 * Takes the next number of the period. The upsert locks the counter row until the transaction
 * ends, so concurrent creators queue up, and a rolled-back creation returns its number:
 * numbering stays gap-free.
 */
export async function nextApplicationSequence(db: Executor, period: string): Promise<number> {
  const row = await db
    .insertInto('application_counter')
    .values({ period, last_value: 1 })
    .onConflict((oc) => oc.column('period').doUpdateSet({ last_value: sql`application_counter.last_value + 1` }))
    .returning('last_value')
    .executeTakeFirstOrThrow();
  return row.last_value;
}

export async function insertApplication(
  db: Executor,
  values: {
    number: string;
    organizationId: string;
    contractId: string;
    createdBy: string;
    visitRequired: boolean;
    visitDate: string | null;
    now: Date;
  },
) {
  return db
    .insertInto('application')
    .values({
      number: values.number,
      organization_id: values.organizationId,
      contract_id: values.contractId,
      created_by: values.createdBy,
      visit_required: values.visitRequired,
      visit_date: values.visitDate,
      created_at: values.now,
      updated_at: values.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findApplicationById(db: Executor, id: string) {
  return db.selectFrom('application').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Locks the application row for the rest of the transaction (checks that must not race). */
export async function lockApplication(db: Executor, id: string) {
  return db.selectFrom('application').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function listApplications(db: Executor, filter: ApplicationListQuery & { organizationIds: string[] | null }) {
  let query = db
    .selectFrom('application')
    .innerJoin('organization', 'organization.id', 'application.organization_id')
    .select([
      'application.id',
      'application.number',
      'application.status',
      'application.created_at',
      'application.visit_date',
      'application.renewal_date',
      'application.organization_id',
      'organization.name as organization_name',
      (eb) =>
        eb
          .selectFrom('certificate_request')
          .select(sql<string>`count(*)`.as('n'))
          .whereRef('certificate_request.application_id', '=', 'application.id')
          .as('request_count'),
    ])
    .orderBy('application.created_at', 'desc')
    .limit(500);
  if (filter.organizationIds) {
    if (filter.organizationIds.length === 0) return [];
    query = query.where('application.organization_id', 'in', filter.organizationIds);
  }
  if (filter.organizationId) query = query.where('application.organization_id', '=', filter.organizationId);
  if (filter.status) query = query.where('application.status', '=', filter.status);
  if (filter.number) query = query.where('application.number', 'like', `%${filter.number.replace(/[%_\\]/g, '')}%`);
  // Calendar days in Kyiv time: the filter means what the ВО sees in the list.
  if (filter.createdFrom)
    query = query.where(sql<string>`(application.created_at at time zone 'Europe/Kyiv')::date`, '>=', filter.createdFrom);
  if (filter.createdTo) query = query.where(sql<string>`(application.created_at at time zone 'Europe/Kyiv')::date`, '<=', filter.createdTo);
  return query.execute();
}

/**
 * Status changes are guarded: the row changes only if it is still in one of `from`. Zero rows
 * means someone else changed it first, and the caller answers 409.
 */
export async function transitionApplication(
  db: Executor,
  id: string,
  from: string[],
  set: {
    status: string;
    renewal_date?: string | null;
    sent_at?: Date | null;
    rework_comment?: string | null;
    accepted_at?: Date | null;
    accepted_by?: string | null;
    returned_at?: Date | null;
    completed_at?: Date | null;
    updated_at: Date;
  },
): Promise<boolean> {
  const result = await db.updateTable('application').set(set).where('id', '=', id).where('status', 'in', from).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function updateApplicationFields(
  db: Executor,
  id: string,
  from: string[],
  values: { contract_id: string; visit_required: boolean; visit_date: string | null; renewal_date: string | null; updated_at: Date },
): Promise<boolean> {
  const result = await db.updateTable('application').set(values).where('id', '=', id).where('status', 'in', from).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteDraftApplication(db: Executor, id: string): Promise<boolean> {
  const result = await db.deleteFrom('application').where('id', '=', id).where('status', '=', 'draft').executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

import { sql } from 'kysely';
import type { Executor } from '../db/database';

/**
 * The operator's back office: queries over every organization and account (no access filter —
 * the routes that use them are operator-only).
 */

/** `%`, `_` and `\` typed into a search box are matched literally. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

// --- Organizations -----------------------------------------------------------------------------

/** All organizations, by name; `q` matches the name (any case) or part of the ЄДРПОУ. */
export async function searchOrganizations(db: Executor, q: string | undefined) {
  let query = db.selectFrom('organization').selectAll().orderBy('name').orderBy('edrpou');
  if (q) query = query.where((eb) => eb.or([eb('name', 'ilike', likePattern(q)), eb('edrpou', 'like', likePattern(q))]));
  return query.execute();
}

export async function lockOrganization(db: Executor, id: string) {
  return db.selectFrom('organization').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateOrganizationName(db: Executor, id: string, name: string) {
  return db.updateTable('organization').set({ name }).where('id', '=', id).returningAll().executeTakeFirst();
}

/** Responsible persons linked to each organization. */
export async function countResponsiblePersons(db: Executor, organizationIds: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (organizationIds.length === 0) return counts;
  const rows = await db
    .selectFrom('user_organization')
    .innerJoin('app_user', 'app_user.id', 'user_organization.user_id')
    .select(['user_organization.organization_id', sql<string>`count(*)`.as('n')])
    .where('user_organization.organization_id', 'in', organizationIds)
    .where('app_user.role', '=', 'responsible_person')
    .groupBy('user_organization.organization_id')
    .execute();
  for (const row of rows) counts.set(row.organization_id, Number(row.n));
  return counts;
}

// --- Contracts ---------------------------------------------------------------------------------

/** Every contract of the organizations, in force or not, newest first. */
export async function listContractsOf(db: Executor, organizationIds: string[]) {
  if (organizationIds.length === 0) return [];
  return db
    .selectFrom('contract')
    .selectAll()
    .where('organization_id', 'in', organizationIds)
    .orderBy('signed_on', 'desc')
    .orderBy('number')
    .execute();
}

export async function findContractByNumber(db: Executor, organizationId: string, number: string) {
  return db
    .selectFrom('contract')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('number', '=', number)
    .executeTakeFirst();
}

export async function updateContractRow(
  db: Executor,
  id: string,
  values: { number: string; signedOn: string; quantity: number; validFrom: string; validTo: string | null; isActive: boolean },
) {
  return db
    .updateTable('contract')
    .set({
      number: values.number,
      signed_on: values.signedOn,
      quantity: values.quantity,
      valid_from: values.validFrom,
      valid_to: values.validTo,
      is_active: values.isActive,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Replaces the contract's services with `serviceIds`. */
export async function setContractServices(db: Executor, contractId: string, serviceIds: string[]) {
  await db.deleteFrom('contract_service').where('contract_id', '=', contractId).execute();
  if (serviceIds.length > 0) {
    await db
      .insertInto('contract_service')
      .values(serviceIds.map((service_id) => ({ contract_id: contractId, service_id })))
      .execute();
  }
}

/** Services chosen by requests counted against the contract (applications not withdrawn). */
export async function listServicesInUse(db: Executor, contractId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('certificate_request')
    .innerJoin('application', 'application.id', 'certificate_request.application_id')
    .select('certificate_request.service_id')
    .distinct()
    .where('application.contract_id', '=', contractId)
    .where('application.status', '!=', 'cancelled')
    .execute();
  return rows.map((r) => r.service_id);
}

// --- Services ----------------------------------------------------------------------------------

export async function listAllServices(db: Executor) {
  return db.selectFrom('service').selectAll().orderBy('validity_months').orderBy('name').execute();
}

export async function findServiceByName(db: Executor, name: string) {
  return db.selectFrom('service').select('id').where('name', '=', name).executeTakeFirst();
}

export async function listServicesByIds(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('service').selectAll().where('id', 'in', ids).execute();
}

export async function insertService(db: Executor, values: { name: string; validityMonths: number }) {
  return db
    .insertInto('service')
    .values({ name: values.name, validity_months: values.validityMonths })
    .returningAll()
    .executeTakeFirstOrThrow();
}

// --- Accounts ----------------------------------------------------------------------------------

/**
 * Accounts, by name. `q` matches the name or e-mail (any case) or the phone; `phone` (the query
 * normalized, when it is one) matches the login exactly.
 */
export async function searchUsers(db: Executor, filter: { organizationId?: string; q?: string; phone?: string | null }) {
  let query = db.selectFrom('app_user').selectAll().orderBy('full_name').orderBy('phone');
  if (filter.organizationId) {
    const organizationId = filter.organizationId;
    query = query.where('id', 'in', (eb) =>
      eb.selectFrom('user_organization').select('user_id').where('organization_id', '=', organizationId),
    );
  }
  const q = filter.q;
  if (q) {
    const phone = filter.phone;
    query = query.where((eb) =>
      eb.or([
        eb('full_name', 'ilike', likePattern(q)),
        eb('email', 'ilike', likePattern(q)),
        eb('phone', 'like', likePattern(q)),
        ...(phone ? [eb('phone', '=', phone)] : []),
      ]),
    );
  }
  return query.execute();
}

export async function lockUser(db: Executor, id: string) {
  return db.selectFrom('app_user').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateUserProfile(db: Executor, id: string, values: { email: string; fullName: string }) {
  return db
    .updateTable('app_user')
    .set({ email: values.email, full_name: values.fullName })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Guarded: flips `is_blocked` only from the opposite value; false when it already was `blocked`. */
export async function setUserBlocked(db: Executor, id: string, blocked: boolean): Promise<boolean> {
  const result = await db
    .updateTable('app_user')
    .set({ is_blocked: blocked })
    .where('id', '=', id)
    .where('is_blocked', '=', !blocked)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Ends every session of the user; returns how many there were. */
export async function deleteUserSessions(db: Executor, userId: string): Promise<number> {
  const result = await db.deleteFrom('session').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Makes the organization links exactly `organizationIds`. */
export async function setUserOrganizations(db: Executor, userId: string, organizationIds: string[]) {
  let remove = db.deleteFrom('user_organization').where('user_id', '=', userId);
  if (organizationIds.length > 0) remove = remove.where('organization_id', 'not in', organizationIds);
  await remove.execute();
  if (organizationIds.length > 0) {
    await db
      .insertInto('user_organization')
      .values(organizationIds.map((organization_id) => ({ user_id: userId, organization_id })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

export async function listOrganizationsOfUsers(db: Executor, userIds: string[]) {
  if (userIds.length === 0) return [];
  return db
    .selectFrom('user_organization')
    .innerJoin('organization', 'organization.id', 'user_organization.organization_id')
    .select(['user_organization.user_id', 'organization.id', 'organization.name', 'organization.edrpou'])
    .where('user_organization.user_id', 'in', userIds)
    .orderBy('organization.name')
    .execute();
}

/** The latest expiry of each user's unused, unexpired invitations. */
export async function listPendingInvitations(db: Executor, userIds: string[], now: Date): Promise<Map<string, Date>> {
  const pending = new Map<string, Date>();
  if (userIds.length === 0) return pending;
  const rows = await db
    .selectFrom('invitation')
    .select(['user_id', (eb) => eb.fn.max('expires_at').as('expires_at')])
    .where('user_id', 'in', userIds)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .groupBy('user_id')
    .execute();
  for (const row of rows) pending.set(row.user_id, new Date(row.expires_at));
  return pending;
}

/**
 * Voids the user's unused invitations by ending their validity now, so only the newest link
 * works. Their rows stay (when each was sent and until when it was valid).
 */
export async function expireUnusedInvitations(db: Executor, userId: string, now: Date): Promise<number> {
  const result = await db
    .updateTable('invitation')
    .set({ expires_at: now })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

import { sql } from 'kysely';
import type { Executor } from '../db/database';
import type { NewCertificateRequest } from '../db/schema';

export async function nextRequestNumber(db: Executor, applicationId: string): Promise<number> {
  const row = await db
    .selectFrom('certificate_request')
    .select(sql<number>`coalesce(max(number), 0) + 1`.as('next'))
    .where('application_id', '=', applicationId)
    .executeTakeFirstOrThrow();
  return Number(row.next);
}

export async function insertRequest(db: Executor, values: NewCertificateRequest) {
  return db.insertInto('certificate_request').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function findRequestById(db: Executor, id: string) {
  return db.selectFrom('certificate_request').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findRequestBySigningId(db: Executor, signingId: string) {
  return db.selectFrom('certificate_request').selectAll().where('signing_id', '=', signingId).executeTakeFirst();
}

export async function listRequestsOfApplication(db: Executor, applicationId: string) {
  return db.selectFrom('certificate_request').selectAll().where('application_id', '=', applicationId).orderBy('number').execute();
}

export async function findRequestByIdentity(db: Executor, applicationId: string, identityCode: string) {
  return db
    .selectFrom('certificate_request')
    .select(['id', 'number'])
    .where('application_id', '=', applicationId)
    .where('identity_code', '=', identityCode)
    .executeTakeFirst();
}

type RequestUpdate = Partial<Omit<NewCertificateRequest, 'id' | 'application_id' | 'number' | 'created_at'>> & { updated_at: Date };

/** Guarded update: changes the row only while its status is one of `from`. */
export async function updateRequestGuarded(db: Executor, id: string, from: string[], values: RequestUpdate): Promise<boolean> {
  const result = await db
    .updateTable('certificate_request')
    .set(values)
    .where('id', '=', id)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteRequestGuarded(db: Executor, id: string, from: string[]): Promise<boolean> {
  const result = await db.deleteFrom('certificate_request').where('id', '=', id).where('status', 'in', from).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/**
 * Records the employee's signature: only a request that waits for it moves to `signed`.
 * (Issue 3 calls this after verifying the CAdES signature; tests call it directly.)
 */
export async function markRequestSigned(db: Executor, id: string, at: Date): Promise<boolean> {
  return updateRequestGuarded(db, id, ['awaiting_signature'], { status: 'signed', signed_at: at, updated_at: at });
}

/** The request row, locked for the rest of the transaction (the renewal issues for it once). */
export async function lockRequest(db: Executor, id: string) {
  return db.selectFrom('certificate_request').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

import { sql } from 'kysely';
import { AUDIT_CHAIN_LOCK_KEY, type AuditChainRow, auditEntryHash } from '../audit/chain';
import type { Executor } from '../db/database';

/**
 * Audit events: a typed catalogue, so a typo is a compile error. UPPER_SNAKE as everywhere.
 */
export type AuditEvent =
  | 'USER_LOGGED_IN'
  | 'USER_LOGIN_FAILED'
  | 'USER_LOGGED_OUT'
  | 'USER_CREATED'
  | 'USER_INVITED'
  | 'USER_PASSWORD_SET'
  | 'ORGANIZATION_CREATED'
  | 'CONTRACT_CREATED'
  | 'APPLICATION_CREATED'
  | 'APPLICATION_UPDATED'
  | 'APPLICATION_DELETED'
  | 'APPLICATION_SENT'
  | 'APPLICATION_SEND_REFUSED'
  | 'REQUEST_CREATED'
  | 'REQUEST_UPDATED'
  | 'REQUEST_DELETED'
  | 'REQUEST_SENT_FOR_SIGNING'
  | 'REQUEST_SIGNED'
  | 'SIGNATURE_REFUSED'
  | 'REQUEST_REJECTED'
  | 'APPLICATION_RETURNED'
  | 'APPLICATION_ACCEPTED'
  | 'RENEWAL_STARTED'
  | 'APPLICATION_COMPLETED'
  | 'CERTIFICATE_ISSUED'
  | 'CERTIFICATE_REVOKED'
  | 'SETTINGS_UPDATED'
  | 'TRUSTED_CA_IMPORTED'
  | 'TRUSTED_CA_REMOVED'
  | 'PERSON_LOOKED_UP'
  | 'DOCUMENT_UPLOADED'
  | 'DOCUMENT_DELETED'
  | 'ORGANIZATION_UPDATED'
  | 'CONTRACT_UPDATED'
  | 'SERVICE_CREATED'
  | 'USER_BLOCKED'
  | 'USER_UNBLOCKED'
  | 'USER_UPDATED';

export type AuditEntry = {
  event: AuditEvent;
  entityType:
    | 'user'
    | 'organization'
    | 'contract'
    | 'application'
    | 'certificate_request'
    | 'document'
    | 'person'
    | 'session'
    | 'trusted_ca'
    | 'service'
    | 'certificate'
    | 'setting';
  entityId: string | null;
  organizationId?: string | null;
  actor?: { userId: string | null; role?: string | null; ip?: string | null } | null;
  details?: Record<string, unknown>;
};

/**
 * Append-only: there is deliberately no update or delete here (the database refuses them too).
 *
 * Each entry is chained to the one before it (`audit/chain.ts`). Appends are serialized by a
 * transaction-scoped advisory lock held until the caller's transaction ends, so ids, `at` and
 * the chain all follow commit order even with many writers; the last hash is read only after
 * the lock is held (a later statement, so a fresh READ COMMITTED snapshot sees the previous
 * holder's commit). Given `db` rather than a transaction, the append runs in its own.
 *
 * Callers: append at the end of the transaction (the lock makes other auditing transactions
 * wait until commit), and stay on READ COMMITTED — under REPEATABLE READ the last hash could be
 * stale, and the unique index on `prev_hash` would then refuse the insert rather than fork.
 */
export async function appendAudit(db: Executor, entry: AuditEntry): Promise<void> {
  if (!db.isTransaction) {
    await db.transaction().execute((trx) => appendAudit(trx, entry));
    return;
  }
  // What jsonb will hand back: JSON's own rules (undefined dropped, Dates as ISO strings…).
  const details = JSON.parse(JSON.stringify(entry.details ?? {})) as Record<string, unknown>;
  await sql`select pg_advisory_xact_lock(${sql.lit(AUDIT_CHAIN_LOCK_KEY)})`.execute(db);
  const last = await db.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  const fields = {
    prevHash: last?.hash ?? null,
    // Taken under the lock, so `at` rises with id (as far as the clock does).
    at: new Date(),
    actorUserId: entry.actor?.userId?.toLowerCase() ?? null,
    actorRole: entry.actor?.role ?? null,
    ip: entry.actor?.ip ?? null,
    event: entry.event,
    entityType: entry.entityType,
    entityId: entry.entityId,
    organizationId: entry.organizationId?.toLowerCase() ?? null,
    details,
  };
  const hash = auditEntryHash(fields);
  const stored = await db
    .insertInto('audit_log')
    .values({
      at: fields.at,
      event: fields.event,
      entity_type: fields.entityType,
      entity_id: fields.entityId,
      organization_id: fields.organizationId,
      actor_user_id: fields.actorUserId,
      actor_role: fields.actorRole,
      ip: fields.ip,
      details: JSON.stringify(details),
      prev_hash: fields.prevHash,
      hash,
    })
    .returning(AUDIT_CHAIN_COLUMNS)
    .executeTakeFirstOrThrow();
  // An entry that would not verify later (a value the database stores differently from what
  // was hashed) is refused now, with its transaction, instead of raising a false alarm forever.
  if (auditEntryHash(toChainRow(stored)) !== hash) throw new Error('audit entry does not hash the same after storing');
}

const AUDIT_CHAIN_COLUMNS = [
  'id',
  'at',
  'actor_user_id',
  'actor_role',
  'ip',
  'event',
  'entity_type',
  'entity_id',
  'organization_id',
  'details',
  'prev_hash',
  'hash',
] as const;

type AuditChainColumns = {
  id: string;
  at: Date;
  actor_user_id: string | null;
  actor_role: string | null;
  ip: string | null;
  event: string;
  entity_type: string;
  entity_id: string | null;
  organization_id: string | null;
  details: Record<string, unknown>;
  prev_hash: string | null;
  hash: string | null;
};

function toChainRow(row: AuditChainColumns): AuditChainRow {
  return {
    id: row.id,
    prevHash: row.prev_hash,
    hash: row.hash,
    at: row.at,
    actorUserId: row.actor_user_id,
    actorRole: row.actor_role,
    ip: row.ip,
    event: row.event,
    entityType: row.entity_type,
    entityId: row.entity_id,
    organizationId: row.organization_id,
    details: row.details,
  };
}

/** Entries after `afterId` in id order, as the chain check reads them. */
export async function listAuditChainRows(db: Executor, afterId: string, limit: number): Promise<AuditChainRow[]> {
  const rows = await db.selectFrom('audit_log').select(AUDIT_CHAIN_COLUMNS).where('id', '>', afterId).orderBy('id').limit(limit).execute();
  return rows.map(toChainRow);
}

/** What the operator can search the log by; `atFrom` is inclusive, `atUntil` exclusive. */
export type AuditFilter = {
  event?: string;
  entityType?: string;
  entityId?: string;
  actorUserId?: string;
  organizationId?: string;
  atFrom?: Date;
  atUntil?: Date;
};

function auditQuery(db: Executor, filter: AuditFilter) {
  let query = db.selectFrom('audit_log');
  if (filter.event) query = query.where('audit_log.event', '=', filter.event);
  if (filter.entityType) query = query.where('audit_log.entity_type', '=', filter.entityType);
  if (filter.entityId) query = query.where('audit_log.entity_id', '=', filter.entityId);
  if (filter.actorUserId) query = query.where('audit_log.actor_user_id', '=', filter.actorUserId);
  if (filter.organizationId) query = query.where('audit_log.organization_id', '=', filter.organizationId);
  if (filter.atFrom) query = query.where('audit_log.at', '>=', filter.atFrom);
  if (filter.atUntil) query = query.where('audit_log.at', '<', filter.atUntil);
  return query;
}

/**
 * A page of the log, newest first, with the actor's name. Keyset pagination: pass the last id
 * of a page as `beforeId` for the next one (stable while new entries arrive).
 */
export async function findAuditEntries(db: Executor, filter: AuditFilter, page: { beforeId?: string; limit: number }) {
  let query = auditQuery(db, filter)
    .leftJoin('app_user', 'app_user.id', 'audit_log.actor_user_id')
    .selectAll('audit_log')
    .select('app_user.full_name as actor_name');
  if (page.beforeId) query = query.where('audit_log.id', '<', page.beforeId);
  return query.orderBy('audit_log.id', 'desc').limit(page.limit).execute();
}
export type AuditEntryRow = Awaited<ReturnType<typeof findAuditEntries>>[number];

/** How many entries match, counting no further than `cap` (an export's limit + 1 is enough). */
export async function countAuditEntries(db: Executor, filter: AuditFilter, cap: number): Promise<number> {
  const row = await db
    .selectFrom(auditQuery(db, filter).select('audit_log.id').limit(cap).as('matching'))
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

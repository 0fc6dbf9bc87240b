import { createHash } from 'node:crypto';

/**
 * Key of the transaction-scoped advisory lock (`pg_advisory_xact_lock`) that serializes appends
 * to the chain. Any fixed number works as long as nothing else in the database uses it.
 */
export const AUDIT_CHAIN_LOCK_KEY = 7_031_944_001;

/**
 * The audit log's hash chain: each entry's `hash` covers its own fields and the previous entry's
 * hash, so changing, inserting or deleting a row anywhere but the very end breaks every hash
 * after it. Pure functions: no database, no clock.
 *
 * Format v1, fixed forever once rows exist (a change needs a new version and a migration):
 * SHA-256, lower-case hex, over the UTF-8 bytes of the canonical JSON of the array
 * `[prev_hash, at, actor_user_id, actor_role, ip, event, entity_type, entity_id, organization_id, details]`,
 * where `at` is ISO 8601 UTC with milliseconds and absent values are `null`.
 */

/** The fields of one `audit_log` row that the hash covers, as the database returns them. */
export type AuditChainFields = {
  prevHash: string | null;
  at: Date;
  actorUserId: string | null;
  actorRole: string | null;
  ip: string | null;
  event: string;
  entityType: string;
  entityId: string | null;
  organizationId: string | null;
  details: unknown;
};

/**
 * JSON with object keys sorted (by UTF-16 code units, as RFC 8785 JCS does) and no whitespace.
 * Numbers and strings are written as `JSON.stringify` writes them, which is also what JCS asks
 * for. `undefined` members are dropped and non-finite numbers become `null`, as in JSON, so a
 * value hashes the same before and after a trip through a `jsonb` column.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'null';
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  if (typeof value === 'object') {
    const withJson = value as { toJSON?: () => unknown };
    if (typeof withJson.toJSON === 'function') return canonicalJson(withJson.toJSON());
    const object = value as Record<string, unknown>;
    const members = Object.keys(object)
      .filter((key) => object[key] !== undefined && typeof object[key] !== 'function')
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(object[key])}`);
    return `{${members.join(',')}}`;
  }
  // Functions and symbols have no JSON form.
  return 'null';
}

/** The exact string that is hashed for one entry. */
export function auditChainInput(fields: AuditChainFields): string {
  if (Number.isNaN(fields.at.getTime())) throw new RangeError('audit entry without a valid time');
  return canonicalJson([
    fields.prevHash,
    fields.at.toISOString(),
    // uuid columns come back lower-case whatever case was written.
    fields.actorUserId?.toLowerCase() ?? null,
    fields.actorRole,
    fields.ip,
    fields.event,
    fields.entityType,
    fields.entityId,
    fields.organizationId?.toLowerCase() ?? null,
    fields.details ?? {},
  ]);
}

/** SHA-256 (hex) of the entry, chained to `fields.prevHash`. */
export function auditEntryHash(fields: AuditChainFields): string {
  return createHash('sha256').update(auditChainInput(fields), 'utf8').digest('hex');
}

export type AuditChainRow = AuditChainFields & { id: string; hash: string | null };

export type AuditChainCheck = {
  ok: boolean;
  /** Entries found intact, from the first one (all of them when `ok`). */
  checked: number;
  /** The first entry whose hash or link to its predecessor is wrong; null when `ok`. */
  firstBrokenId: string | null;
  /** The last intact entry: note its hash elsewhere to detect a later cut of the log's tail. */
  lastId: string | null;
  lastHash: string | null;
};

/**
 * Walks the chain in id order, one batch at a time (`rows` in ascending id order, continuing
 * from `state`). Returns false at the first broken entry, having recorded it in `state`.
 */
export function checkAuditChainBatch(state: AuditChainCheck, rows: AuditChainRow[]): boolean {
  for (const row of rows) {
    const isLinked = row.prevHash === state.lastHash;
    if (!isLinked || row.hash === null || row.hash !== auditEntryHash(row)) {
      state.ok = false;
      state.firstBrokenId = row.id;
      return false;
    }
    state.checked += 1;
    state.lastId = row.id;
    state.lastHash = row.hash;
  }
  return true;
}

export function emptyAuditChainCheck(): AuditChainCheck {
  return { ok: true, checked: 0, firstBrokenId: null, lastId: null, lastHash: null };
}

import { type Kysely, sql } from 'kysely';
import { AUDIT_CHAIN_LOCK_KEY, auditEntryHash } from '../../audit/chain';

/**
 * A tamper-evident audit log: every row carries the SHA-256 of its fields and of the previous
 * row's hash (`src/server/audit/chain.ts`). Rows written before this migration are chained here,
 * in id order, so the chain is valid from the first entry.
 *
 * `hash` stays nullable so an INSERT that bypasses `appendAudit` is not refused but shows up as
 * a broken link in `verify-audit`. The unique index on `prev_hash` is the database's own
 * guarantee that the chain never forks (two entries claiming the same predecessor).
 */
const BATCH = 1000;

type Row = {
  id: string;
  at: Date;
  actor_user_id: string | null;
  actor_role: string | null;
  ip: string | null;
  event: string;
  entity_type: string;
  entity_id: string | null;
  organization_id: string | null;
  details: unknown;
};

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table audit_log add column prev_hash text`.execute(db);
  await sql`alter table audit_log add column hash text`.execute(db);

  await sql`select pg_advisory_xact_lock(${sql.lit(AUDIT_CHAIN_LOCK_KEY)})`.execute(db);
  const existing = await sql<{ n: string }>`select count(*) as n from audit_log`.execute(db);
  if (Number(existing.rows[0]?.n ?? 0) > 0) {
    // The one sanctioned rewrite of old rows: inside this migration's transaction, trigger off.
    await sql`alter table audit_log disable trigger audit_log_append_only`.execute(db);
    // The hash covers `at` to the millisecond (what a JavaScript Date holds); old rows were
    // stamped by now() in microseconds, so they are cut to what is hashed.
    await sql`update audit_log set at = date_trunc('milliseconds', at)`.execute(db);
    let prevHash: string | null = null;
    let afterId = '0';
    for (;;) {
      const { rows } = await sql<Row>`
        select id, at, actor_user_id, actor_role, ip, event, entity_type, entity_id, organization_id, details
        from audit_log where id > ${afterId} order by id limit ${BATCH}`.execute(db);
      if (rows.length === 0) break;
      const ids: string[] = [];
      const prevHashes: Array<string | null> = [];
      const hashes: string[] = [];
      for (const row of rows) {
        const hash = auditEntryHash({
          prevHash,
          at: row.at,
          actorUserId: row.actor_user_id,
          actorRole: row.actor_role,
          ip: row.ip,
          event: row.event,
          entityType: row.entity_type,
          entityId: row.entity_id,
          organizationId: row.organization_id,
          details: row.details,
        });
        ids.push(row.id);
        prevHashes.push(prevHash);
        hashes.push(hash);
        prevHash = hash;
      }
      await sql`
        update audit_log set prev_hash = v.prev_hash, hash = v.hash
        from unnest(${ids}::bigint[], ${prevHashes}::text[], ${hashes}::text[]) as v(id, prev_hash, hash)
        where audit_log.id = v.id`.execute(db);
      afterId = rows[rows.length - 1].id;
    }
    await sql`alter table audit_log enable trigger audit_log_append_only`.execute(db);
  }
  await sql`create unique index audit_log_prev_hash_key on audit_log(prev_hash)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('irreversible');
}

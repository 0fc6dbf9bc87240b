import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { type Db, migrateToLatest, openDatabase } from './database';

let db: Db;
before(async () => {
  ({ db } = await openDatabase({ pgliteDataDir: 'memory://' }));
  await migrateToLatest(db);
});
after(async () => db.destroy());

test('a rolled-back transaction does not touch a concurrent committed one', async () => {
  const results = await Promise.allSettled([
    db.transaction().execute(async (trx) => {
      await trx.insertInto('organization').values({ name: 'A', edrpou: '10000001' }).execute();
      await new Promise((resolve) => setTimeout(resolve, 20));
      await trx.insertInto('organization').values({ name: 'A2', edrpou: '10000002' }).execute();
    }),
    db.transaction().execute(async (trx) => {
      await trx.insertInto('organization').values({ name: 'B', edrpou: '10000003' }).execute();
      throw new Error('roll back B');
    }),
  ]);
  assert.equal(results[0].status, 'fulfilled');
  assert.equal(results[1].status, 'rejected');
  const rows = await db.selectFrom('organization').select('edrpou').where('edrpou', 'like', '1000000%').orderBy('edrpou').execute();
  assert.deepEqual(
    rows.map((r) => r.edrpou),
    ['10000001', '10000002'],
  );
});

test('dates come back as YYYY-MM-DD strings and counts as strings, as with pg', async () => {
  const row = await sql<{ d: string; n: string }>`select date '2026-12-07' as d, count(*) as n from organization`.execute(db);
  assert.equal(row.rows[0]?.d, '2026-12-07');
  assert.equal(typeof row.rows[0]?.n, 'string');
});

test('updates report the affected row count (guarded status changes rely on it)', async () => {
  const result = await db.updateTable('organization').set({ name: 'A!' }).where('edrpou', '=', '10000001').executeTakeFirst();
  assert.equal(Number(result.numUpdatedRows), 1);
  const none = await db.updateTable('organization').set({ name: 'x' }).where('edrpou', '=', 'nope').executeTakeFirst();
  assert.equal(Number(none.numUpdatedRows), 0);
});

test('the audit log refuses UPDATE and DELETE', async () => {
  await db
    .insertInto('audit_log')
    .values({
      event: 'USER_LOGGED_IN',
      entity_type: 'user',
      entity_id: null,
      organization_id: null,
      actor_user_id: null,
      actor_role: null,
      ip: null,
      details: '{}',
    })
    .execute();
  await assert.rejects(sql`update audit_log set event = 'X'`.execute(db), /append-only/);
  await assert.rejects(sql`delete from audit_log`.execute(db), /append-only/);
});

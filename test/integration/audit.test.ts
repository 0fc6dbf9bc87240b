import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { Migrator, sql } from 'kysely';
import { verifyAuditChain } from '../../src/server/audit/verify';
import { type Db, type Executor, migrateToLatest, openDatabase } from '../../src/server/db/database';
import { migrations } from '../../src/server/db/migrations';
import { appendAudit } from '../../src/server/repositories/audit.repository';
import { addDays, kyivToday } from '../../src/shared/domain/dates';
import { call, createTestApp, login, OPERATOR, type Session, type TestApp, VO1 } from '../support/app';
import { type Demo, demoData, fieldProblem, newOrganization, problem } from '../support/factories';

let test: TestApp;
let demo: Demo;
let operator: Session;
let vo1: Session;

before(async () => {
  test = await createTestApp();
  demo = await demoData(test);
  operator = await login(test.app, OPERATOR);
  vo1 = await login(test.app, VO1);
});
after(() => test.close());

type Page = { items: Array<Record<string, unknown> & { id: string; at: string }>; nextBefore: string | null };

async function page(query: string): Promise<Page> {
  const response = await call(test.app, operator, 'GET', `/api/audit${query}`);
  assert.equal(response.statusCode, 200, response.body);
  return response.json() as Page;
}

async function verify(session: Session = operator) {
  const response = await call(test.app, session, 'GET', '/api/audit/verify');
  assert.equal(response.statusCode, 200, response.body);
  return response.json() as { ok: boolean; checked: number; firstBrokenId: string | null; lastId: string | null; lastHash: string | null };
}

async function chainRows(db: Executor = test.ctx.db) {
  return db.selectFrom('audit_log').select(['id', 'prev_hash', 'hash', 'at']).orderBy('id').execute();
}

/** Changes one row behind the application's back, as a superuser could: trigger off for that one statement. */
async function tamper(db: Db, id: string, details: Record<string, unknown>) {
  await db.transaction().execute(async (trx) => {
    await sql`alter table audit_log disable trigger audit_log_append_only`.execute(trx);
    await sql`update audit_log set details = ${JSON.stringify(details)}::jsonb where id = ${id}`.execute(trx);
    await sql`alter table audit_log enable trigger audit_log_append_only`.execute(trx);
  });
}

/**
 * Kysely's Migrator looks for its own tables in every schema; on a PostgreSQL server where this
 * file's test app already has a schema, a fresh one must name its schema to get its own.
 */
function migratorFor(db: Db, schema?: string) {
  return new Migrator({ db, provider: { getMigrations: async () => migrations }, migrationTableSchema: schema });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A minimal RFC 4180 reader with `;` as the separator. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let isQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (isQuoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') isQuoted = false;
      else field += c;
    } else if (c === '"') isQuoted = true;
    else if (c === ';') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

describe('audit log: hash chain', () => {
  it('chains every entry to the one before it, from the first', async () => {
    const rows = await chainRows();
    assert.ok(rows.length >= 2, 'the logins wrote entries');
    assert.equal(rows[0].prev_hash, null);
    for (let i = 0; i < rows.length; i++) {
      assert.match(rows[i].hash ?? '', /^[0-9a-f]{64}$/);
      if (i > 0) assert.equal(rows[i].prev_hash, rows[i - 1].hash, `entry ${rows[i].id}`);
    }
    const check = await verify();
    assert.deepEqual(check, { ok: true, checked: rows.length, firstBrokenId: null, lastId: rows.at(-1)?.id, lastHash: rows.at(-1)?.hash });
  });

  it('stays one chain with 20 look-ups and 10 new applications at once (own and callers’ transactions)', async () => {
    const before = (await chainRows()).length;
    const responses = await Promise.all([
      ...Array.from({ length: 20 }, () =>
        call(test.app, vo1, 'GET', `/api/people/lookup?organizationId=${demo.hospital.id}&code=3111923464`),
      ),
      ...Array.from({ length: 10 }, () =>
        call(test.app, vo1, 'POST', '/api/applications', { organizationId: demo.hospital.id, contractId: demo.hospital.contractId }),
      ),
    ]);
    for (const response of responses) assert.ok(response.statusCode === 200 || response.statusCode === 201, response.body);
    const rows = await chainRows();
    assert.equal(rows.length, before + 30);
    assert.equal(new Set(rows.map((r) => r.prev_hash)).size, rows.length, 'no two entries claim the same predecessor');
    const check = await verify();
    assert.equal(check.ok, true, JSON.stringify(check));
    assert.equal(check.checked, rows.length);
  });

  it('keeps the chain whole when a transaction that wrote an entry rolls back (the id is skipped)', async () => {
    await assert.rejects(
      test.ctx.db.transaction().execute(async (trx) => {
        await appendAudit(trx, { event: 'USER_LOGGED_OUT', entityType: 'session', entityId: 'rolled-back' });
        throw new Error('roll back');
      }),
      /roll back/,
    );
    await appendAudit(test.ctx.db, { event: 'USER_LOGGED_OUT', entityType: 'session', entityId: 'kept' });
    const rows = await chainRows();
    assert.equal((await page('?entityId=rolled-back')).items.length, 0);
    assert.equal(rows.at(-1)?.prev_hash, rows.at(-2)?.hash);
    assert.equal((await verify()).ok, true);
  });

  it('refuses UPDATE and DELETE still', async () => {
    await assert.rejects(sql`update audit_log set hash = 'x'`.execute(test.ctx.db), /append-only/);
    await assert.rejects(sql`delete from audit_log`.execute(test.ctx.db), /append-only/);
  });

  it('the migration chains entries written before it, in id order', async () => {
    const databaseUrl = process.env.DATABASE_URL || undefined;
    const schema = `test_${randomBytes(6).toString('hex')}`;
    const { db } = databaseUrl ? await openDatabase({ databaseUrl, schema }) : await openDatabase({ pgliteDataDir: 'memory://' });
    try {
      const names = Object.keys(migrations);
      const previous = names[names.indexOf('0004_audit_chain') - 1];
      const partial = await migratorFor(db, databaseUrl ? schema : undefined).migrateTo(previous);
      assert.equal(partial.error, undefined);
      for (const [event, details] of [
        ['ORGANIZATION_CREATED', '{"via":"cli","b":1,"a":[1,2]}'],
        ['USER_CREATED', '{}'],
        ['USER_INVITED', '{"via":"cli"}'],
      ]) {
        // As 0001 wrote them: `at` from now(), in microseconds.
        await sql`insert into audit_log (event, entity_type, entity_id, details) values (${event}, 'user', ${event}, ${details}::jsonb)`.execute(
          db,
        );
      }
      await migrateToLatest(db);
      assert.deepEqual(await verifyAuditChain(db), {
        ok: true,
        checked: 3,
        firstBrokenId: null,
        lastId: '3',
        lastHash: (await chainRows(db))[2].hash,
      });
      await appendAudit(db, { event: 'USER_LOGGED_IN', entityType: 'user', entityId: null });
      assert.equal((await verifyAuditChain(db)).checked, 4);
    } finally {
      if (databaseUrl) await sql.raw(`drop schema if exists "${schema}" cascade`).execute(db);
      await db.destroy();
    }
  });
});

describe('audit log: reading it (operator)', () => {
  let organizationId: string;
  const entityId = `audit-test-${randomBytes(4).toString('hex')}`;
  const written: Array<{ id: string; at: string }> = [];

  before(async () => {
    organizationId = (await newOrganization(test)).id;
    for (let i = 0; i < 5; i++) {
      await appendAudit(test.ctx.db, {
        event: i % 2 === 0 ? 'APPLICATION_UPDATED' : 'APPLICATION_SENT',
        entityType: 'application',
        entityId,
        organizationId,
        actor: { userId: demo.users.operator, role: 'operator', ip: '192.0.2.7' },
        details: { step: i },
      });
      // Distinct milliseconds, so the period filters below have exact edges.
      await sleep(3);
    }
    const rows = await test.ctx.db.selectFrom('audit_log').select(['id', 'at']).where('entity_id', '=', entityId).orderBy('id').execute();
    for (const row of rows) written.push({ id: row.id, at: row.at.toISOString() });
  });

  it('lists entries newest first, with the actor’s name, and pages by id', async () => {
    const first = await page(`?entityId=${entityId}&limit=2`);
    assert.deepEqual(
      first.items.map((i) => i.id),
      [written[4].id, written[3].id],
    );
    assert.equal(first.nextBefore, written[3].id);
    const item = first.items[0];
    assert.deepEqual(
      { ...item, hash: typeof item.hash },
      {
        id: written[4].id,
        at: written[4].at,
        event: 'APPLICATION_UPDATED',
        entityType: 'application',
        entityId,
        organizationId,
        actorUserId: demo.users.operator,
        actorName: 'Оператор КНЕДП',
        actorRole: 'operator',
        ip: '192.0.2.7',
        details: { step: 4 },
        hash: 'string',
      },
    );
    // An entry written between two page loads does not shift the next page.
    await appendAudit(test.ctx.db, { event: 'APPLICATION_UPDATED', entityType: 'application', entityId, organizationId });
    const second = await page(`?entityId=${entityId}&limit=2&before=${first.nextBefore}`);
    assert.deepEqual(
      second.items.map((i) => i.id),
      [written[2].id, written[1].id],
    );
    const last = await page(`?entityId=${entityId}&limit=2&before=${second.nextBefore}`);
    assert.deepEqual(
      last.items.map((i) => i.id),
      [written[0].id],
    );
    assert.equal(last.nextBefore, null);
  });

  it('filters by event, entity type, actor, organization and period', async () => {
    const ids = async (query: string) => (await page(`${query}&limit=200`)).items.map((i) => i.id);
    const within = `?organizationId=${organizationId}`;
    assert.deepEqual(await ids(`${within}&event=APPLICATION_SENT`), [written[3].id, written[1].id]);
    assert.equal((await ids(`${within}&entityType=application`)).length, 6);
    assert.deepEqual(await ids(`${within}&entityType=user`), []);
    assert.deepEqual(await ids(`${within}&actorUserId=${demo.users.operator}`), written.map((w) => w.id).reverse());
    assert.deepEqual(await ids(`${within}&actorUserId=${demo.users.vo1}`), []);
    const sentByVo = await page(`?actorUserId=${demo.users.vo1}&event=PERSON_LOOKED_UP&limit=200`);
    assert.equal(sentByVo.items.length, 20);
    assert.ok(sentByVo.items.every((i) => i.actorName === 'Петренко Марія Іванівна' && i.organizationId === demo.hospital.id));

    // Instants: both bounds inclusive, to the millisecond.
    const period = `${within}&from=${encodeURIComponent(written[1].at)}&to=${encodeURIComponent(written[3].at)}`;
    assert.deepEqual(await ids(period), [written[3].id, written[2].id, written[1].id]);
    // Calendar days are Kyiv days.
    const today = kyivToday(new Date(written[0].at));
    assert.equal((await ids(`${within}&from=${today}&to=${today}`)).length, 6);
    assert.deepEqual(await ids(`${within}&to=${addDays(today, -1)}`), []);
    assert.deepEqual(await ids(`${within}&from=${addDays(today, 1)}`), []);
  });

  it('names the field of a bad filter (400)', async () => {
    for (const [query, field] of [
      ['?limit=201', 'limit'],
      ['?limit=0', 'limit'],
      ['?before=abc', 'before'],
      ['?actorUserId=nope', 'actorUserId'],
      ['?organizationId=1', 'organizationId'],
      ['?from=2026-02-30', 'from'],
      ['?to=yesterday', 'to'],
      ['?event=user_logged_in', 'event'],
      ['?from=2026-12-08&to=2026-12-07', 'to'],
    ]) {
      fieldProblem(await call(test.app, operator, 'GET', `/api/audit${query}`), field);
    }
    fieldProblem(await call(test.app, operator, 'GET', '/api/audit.csv?from=2026-12-08&to=2026-12-07'), 'to');
  });

  it('exports CSV for Ukrainian Excel: BOM, “;”, RFC 4180 quoting, ISO time', async () => {
    const awkward = 'Лікарня; "Центр"\nкорпус 2';
    await appendAudit(test.ctx.db, {
      event: 'DOCUMENT_UPLOADED',
      entityType: 'document',
      entityId: awkward,
      organizationId,
      actor: { userId: demo.users.operator, role: 'operator', ip: null },
      details: { fileName: 'a;b "c".pdf' },
    });
    await appendAudit(test.ctx.db, { event: 'DOCUMENT_UPLOADED', entityType: 'document', entityId: '=HYPERLINK("x")', organizationId });

    const response = await call(test.app, operator, 'GET', `/api/audit.csv?organizationId=${organizationId}`);
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.headers['content-type'], 'text/csv; charset=utf-8');
    assert.equal(response.headers['content-disposition'], 'attachment; filename="audit-2026-12-07.csv"');
    assert.equal(response.headers['x-audit-truncated'], 'false');
    const bytes = response.rawPayload;
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    assert.ok(text.includes('"Лікарня; ""Центр""\nкорпус 2"'), text);
    assert.ok(text.endsWith('\r\n'));

    const [header, ...rows] = parseCsv(text);
    assert.deepEqual(header, [
      '№',
      'Час (UTC, ISO 8601)',
      'Подія',
      'Тип об’єкта',
      'Ідентифікатор об’єкта',
      'Організація',
      'Користувач',
      'ПІБ користувача',
      'Роль',
      'IP-адреса',
      'Деталі (JSON)',
      'Хеш',
    ]);
    assert.equal(rows.length, 8);
    assert.ok(rows.every((row) => row.length === header.length));
    const [formula, quoted, ...older] = rows;
    assert.equal(formula[4], '\'=HYPERLINK("x")', 'a would-be formula stays text');
    assert.equal(quoted[4], awkward);
    assert.equal(quoted[7], 'Оператор КНЕДП');
    assert.deepEqual(JSON.parse(quoted[10]), { fileName: 'a;b "c".pdf' });
    assert.match(quoted[1], /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    assert.match(quoted[11], /^[0-9a-f]{64}$/);
    assert.deepEqual(
      older.slice(-5).map((row) => row[0]),
      written.map((w) => w.id).reverse(),
    );

    const filtered = parseCsv(
      (await call(test.app, operator, 'GET', `/api/audit.csv?entityId=${entityId}&event=APPLICATION_SENT`)).body.slice(1),
    );
    assert.deepEqual(
      filtered.slice(1).map((row) => row[0]),
      [written[3].id, written[1].id],
    );
  });

  it('is not there for a ВО (404) nor without a session (401)', async () => {
    for (const url of ['/api/audit', '/api/audit.csv', '/api/audit/verify']) {
      problem(await call(test.app, vo1, 'GET', url), 404, 'NOT_FOUND');
      problem(await call(test.app, null, 'GET', url), 401, 'UNAUTHENTICATED');
    }
  });

  it('is described in the OpenAPI document', async () => {
    const response = await test.app.inject({ method: 'GET', url: '/api/docs/json' });
    assert.equal(response.statusCode, 200);
    const paths = Object.keys(response.json().paths);
    for (const p of ['/api/audit', '/api/audit.csv', '/api/audit/verify']) assert.ok(paths.includes(p), p);
  });
});

describe('audit log: tampering', () => {
  it('a row changed directly in the database is found by /api/audit/verify', async () => {
    const rows = await chainRows();
    const target = rows[Math.floor(rows.length / 2)];
    assert.equal((await verify()).ok, true);
    await tamper(test.ctx.db, target.id, { phone: '+380000000000' });
    const check = await verify();
    assert.deepEqual(
      { ok: check.ok, checked: check.checked, firstBrokenId: check.firstBrokenId },
      { ok: false, checked: rows.indexOf(target), firstBrokenId: target.id },
    );
    assert.equal(check.lastId, rows[rows.indexOf(target) - 1].id);
    // The log keeps working; the break stays visible.
    await appendAudit(test.ctx.db, { event: 'USER_LOGGED_OUT', entityType: 'session', entityId: null });
    assert.equal((await verify()).firstBrokenId, target.id);
  });
});

describe('audit log: npm run admin -- verify-audit', () => {
  const run = promisify(execFile);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kep-audit-cli-'));
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const schema = `test_${randomBytes(6).toString('hex')}`;

  /** The CLI on its own database: a PGlite directory, or its own schema on the PostgreSQL server. */
  async function admin(...args: string[]) {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PUBLIC_URL: 'http://cabinet.test' };
    if (databaseUrl) {
      const url = new URL(databaseUrl);
      url.searchParams.set('options', `-c search_path=${schema}`);
      env.DATABASE_URL = url.toString();
    } else delete env.DATABASE_URL;
    try {
      const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/server/cli/admin.ts', ...args], { env });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }
  function openCliDatabase() {
    return databaseUrl ? openDatabase({ databaseUrl, schema }) : openDatabase({ pgliteDataDir: path.join(dataDir, 'pgdata') });
  }

  before(async () => {
    // The CLI migrates at start; on PostgreSQL its schema is migrated here first (see migratorFor).
    if (databaseUrl) {
      const { db } = await openCliDatabase();
      const result = await migratorFor(db, schema).migrateToLatest();
      await db.destroy();
      assert.equal(result.error, undefined);
    }
  });
  after(async () => {
    if (databaseUrl) {
      const { db } = await openCliDatabase();
      await sql.raw(`drop schema if exists "${schema}" cascade`).execute(db);
      await db.destroy();
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('says the log is whole (exit 0), then finds the changed entry (exit 1)', { timeout: 120_000 }, async () => {
    const created = await admin('create-organization', '--name', 'КНП «Лікарня №9»', '--edrpou', '43005049');
    assert.equal(created.code, 0, created.stderr);
    const user = await admin(
      'create-user',
      '--phone',
      '0671234500',
      '--email',
      'vo9@example.com',
      '--name',
      'Іваненко Іван Іванович',
      '--edrpou',
      '43005049',
    );
    assert.equal(user.code, 0, user.stderr);

    const whole = await admin('verify-audit');
    assert.equal(whole.code, 0, whole.stderr);
    assert.match(whole.stdout, /Журнал дій цілий: перевірено записів — 3\./);
    assert.match(whole.stdout, /Останній запис №3, хеш [0-9a-f]{64}/);

    const { db } = await openCliDatabase();
    try {
      const second = (await chainRows(db))[1];
      await tamper(db, second.id, { via: 'web' });
    } finally {
      await db.destroy();
    }
    const broken = await admin('verify-audit');
    assert.equal(broken.code, 1, broken.stdout);
    assert.match(broken.stderr, /Журнал дій ПОШКОДЖЕНО: запис №2 /);
    assert.match(broken.stderr, /Цілих записів до нього — 1\./);
  });
});

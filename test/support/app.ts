import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../../src/server/app';
import { openAuthority } from '../../src/server/ca';
import { registerProviderCas } from '../../src/server/ca/trust-store';
import { loadConfig } from '../../src/server/config';
import type { AppContext } from '../../src/server/context';
import { type Db, migrateToLatest, openDatabase } from '../../src/server/db/database';
import { seedDemoData } from '../../src/server/demo/seed';
import { FileStore } from '../../src/server/storage/file-store';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MIGRATIONS_DIR = path.join(ROOT, 'src/server/db/migrations');

/** A Monday morning in Kyiv: tests run on a fixed clock. */
export const TEST_NOW = new Date('2026-12-07T08:00:00Z');

/**
 * A freshly migrated, empty PGlite data directory as a tarball. A new PGlite database costs
 * 2–4 s; restoring this snapshot about 0.5 s. It is made once per migration set and cached in the
 * temp directory (test files run as parallel processes: write to a temporary name, then rename).
 */
let snapshot: Promise<Blob> | null = null;
function migratedSnapshot(): Promise<Blob> {
  snapshot ??= (async () => {
    const key = createHash('sha256');
    for (const file of readdirSync(MIGRATIONS_DIR).sort()) key.update(file).update(readFileSync(path.join(MIGRATIONS_DIR, file)));
    key.update(readFileSync(path.join(ROOT, 'node_modules/@electric-sql/pglite/package.json')));
    const cached = path.join(tmpdir(), `kep-pglite-migrated-${key.digest('hex').slice(0, 16)}.tar`);
    if (existsSync(cached)) return new Blob([readFileSync(cached)]);
    const { db, pglite } = await openDatabase({ pgliteDataDir: 'memory://' });
    await migrateToLatest(db);
    const dump = await (pglite as PGlite).dumpDataDir('none');
    await db.destroy();
    const bytes = Buffer.from(await dump.arrayBuffer());
    const temporary = `${cached}.${process.pid}.tmp`;
    writeFileSync(temporary, bytes);
    renameSync(temporary, cached);
    return new Blob([bytes]);
  })();
  return snapshot;
}

export type TestApp = {
  app: FastifyInstance;
  ctx: AppContext;
  clock: { now: Date };
  dataDir: string;
  close(): Promise<void>;
};

/**
 * The real app on a real database: PGlite in memory by default, or its own schema on the
 * PostgreSQL server named by DATABASE_URL, so the same suite runs on both.
 */
export async function createTestApp(options: { seed?: boolean; env?: Record<string, string>; now?: Date } = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kep-test-'));
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const databaseUrl = process.env.DATABASE_URL || undefined;
  let db: Db;
  if (databaseUrl) {
    ({ db } = await openDatabase({ databaseUrl, schema, poolSize: 25 }));
    await migrateToLatest(db);
  } else {
    ({ db } = await openDatabase({ pgliteDataDir: 'memory://', pgliteLoadDataDir: await migratedSnapshot() }));
    // A no-op on the snapshot; it migrates only if the snapshot is somehow behind.
    await migrateToLatest(db);
  }
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    SECRET_KEY: randomBytes(32).toString('hex'),
    PUBLIC_URL: 'http://cabinet.test',
    ...options.env,
  });
  const clock = { now: options.now ?? TEST_NOW };
  const ca = await openAuthority(config, clock.now);
  await registerProviderCas(db, ca);
  const ctx: AppContext = {
    db,
    config: { ...config, databaseUrl },
    files: new FileStore(path.join(dataDir, 'files')),
    ca,
    now: () => clock.now,
  };
  if (options.seed !== false) await seedDemoData(ctx);
  const app = await buildApp({ ctx });
  return {
    app,
    ctx,
    clock,
    dataDir,
    async close() {
      await app.close();
      if (databaseUrl) await sql.raw(`drop schema if exists "${schema}" cascade`).execute(db);
      await db.destroy();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type Session = { cookie: string; csrfToken: string; userId: string };

export const VO1 = { phone: '+380501234567', password: 'demo12345' };
export const VO2 = { phone: '+380631234567', password: 'demo12345' };
export const OPERATOR = { phone: '+380441234567', password: 'operator12345' };

export async function login(app: FastifyInstance, who: { phone: string; password: string }): Promise<Session> {
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: who });
  if (response.statusCode !== 200) throw new Error(`login failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'kep_session');
  if (!cookie) throw new Error('no session cookie');
  const body = response.json() as { csrfToken: string; user: { id: string } };
  return { cookie: `kep_session=${cookie.value}`, csrfToken: body.csrfToken, userId: body.user.id };
}

/** A signed-in JSON call with the session's CSRF token. */
export function call(
  app: FastifyInstance,
  session: Session | null,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  payload?: unknown,
): Promise<LightMyRequestResponse> {
  return app.inject({
    method,
    url,
    headers: session ? { cookie: session.cookie, 'x-csrf-token': session.csrfToken } : {},
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
}

/** A multipart upload of `bytes` as field `file`. */
export function upload(
  app: FastifyInstance,
  session: Session,
  url: string,
  bytes: Buffer,
  fileName = 'scan.pdf',
  contentType = 'application/pdf',
) {
  const boundary = `----kep${randomBytes(8).toString('hex')}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return app.inject({
    method: 'POST',
    url,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: body,
  });
}

export const PDF_BYTES = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

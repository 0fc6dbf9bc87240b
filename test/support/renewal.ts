import path from 'node:path';
import { openAuthority } from '../../src/server/ca';
import { registerProviderCas } from '../../src/server/ca/trust-store';
import { loadConfig } from '../../src/server/config';
import type { AppContext } from '../../src/server/context';
import { migrateToLatest, openDatabase } from '../../src/server/db/database';
import { runDueJobs } from '../../src/server/jobs/job-runner';
import { FileStore } from '../../src/server/storage/file-store';
import type { TestApp } from './app';

/** Runs every due job in this process until none is left (as the runner's loop does). */
export async function runJobsUntilIdle(test: TestApp, workerId = 'test-runner'): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await runDueJobs(test.ctx, workerId);
    total += n;
    if (n === 0) return total;
  }
}

/**
 * A context on a database another process can open too: PGlite in `<dir>/pgdata` (one process
 * at a time), or a schema of the PostgreSQL server named by DATABASE_URL (any number at once).
 * The renewal's crash and concurrency tests share it with child processes.
 */
export async function openSharedContext(dir: string, schema: string | null, now: () => Date = () => new Date()): Promise<AppContext> {
  const databaseUrl = schema ? process.env.DATABASE_URL : undefined;
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dir,
    SECRET_KEY: 'renewal-test-secret-0123456789-abcdef',
    MASTER_KEY: 'renewal-test-master-0123456789-abcdef',
    PUBLIC_URL: 'http://cabinet.test',
    JOB_LEASE_SECONDS: '1',
    DEMO_DATA: '0',
  });
  const { db } = databaseUrl
    ? await openDatabase({ databaseUrl, schema: schema ?? undefined, poolSize: 5 })
    : await openDatabase({ pgliteDataDir: path.join(dir, 'pgdata') });
  await migrateToLatest(db);
  const ca = await openAuthority(config, now());
  await registerProviderCas(db, ca);
  return { db, config: { ...config, databaseUrl }, files: new FileStore(path.join(dir, 'files')), ca, now };
}

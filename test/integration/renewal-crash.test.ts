import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openPrivateKey } from '../../src/server/ca/key-vault';
import type { AppContext } from '../../src/server/context';
import { seedDemoData } from '../../src/server/demo/seed';
import { ISSUE_CERTIFICATE } from '../../src/server/jobs/job-runner';
import { enqueueJob } from '../../src/server/repositories/job.repository';
import { x509 } from '../../src/shared/crypto/engine';
import type { TestApp } from '../support/app';
import { demoData, newApplication, newContract, newRequest } from '../support/factories';
import { openSharedContext } from '../support/renewal';

const REQUESTS = 200;
const WORKER = path.resolve(import.meta.dirname, '../support/renewal-worker.ts');
const onPostgres = Boolean(process.env.DATABASE_URL);

/** Starts a runner process; `onProgress` sees the running count of processed jobs. */
function startWorker(dir: string, schema: string | null, onProgress?: (processed: number, child: ChildProcess) => void) {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, dir, schema ?? '-', '5'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: process.env,
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    const last = /processed (\d+)\n$/.exec(output);
    if (last && onProgress) onProgress(Number(last[1]), child);
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, output })),
  );
  return { child, exited };
}

/** An accepted application of 200 signed requests (cloud keys) whose jobs are due now. */
async function acceptedApplication(ctx: AppContext) {
  const test = { ctx } as TestApp;
  await seedDemoData(ctx);
  const demo = await demoData(test);
  const contract = await newContract(test, demo.hospital.id);
  const application = await newApplication(test, { contractId: contract.id, status: 'sent' });
  for (let i = 0; i < REQUESTS; i++) {
    const request = await newRequest(test, application.id, contract.serviceId, {
      status: 'signed',
      lastName: 'Іваненко',
      firstAndMiddleName: `Степан №${i}`,
    });
    await enqueueJob(ctx.db, {
      kind: ISSUE_CERTIFICATE,
      key: `issue:${request.id}`,
      payload: { requestId: request.id },
      applicationId: application.id,
      runAt: new Date(0),
    });
  }
  await ctx.db
    .updateTable('application')
    .set({ status: 'accepted', renewal_date: '2026-12-14' })
    .where('id', '=', application.id)
    .execute();
  return application.id;
}

async function outcome(ctx: AppContext, applicationId: string) {
  const certificates = await ctx.db
    .selectFrom('certificate')
    .innerJoin('certificate_request', 'certificate_request.id', 'certificate.request_id')
    .select(['certificate.request_id', 'certificate.der', 'certificate_request.status'])
    .where('certificate_request.application_id', '=', applicationId)
    .execute();
  const issuedEvents = await ctx.db.selectFrom('audit_log').select('id').where('event', '=', 'CERTIFICATE_ISSUED').execute();
  const jobs = await ctx.db.selectFrom('job').select(['status']).where('application_id', '=', applicationId).execute();
  const application = await ctx.db.selectFrom('application').select('status').where('id', '=', applicationId).executeTakeFirstOrThrow();
  return { certificates, issuedEvents: issuedEvents.length, jobs, application };
}

describe('the renewal survives a crash midway (SIGKILL) and restarts without issuing twice', () => {
  let dir: string;
  let schema: string | null;
  let applicationId: string;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'kep-crash-'));
    schema = onPostgres ? `test_crash_${randomBytes(4).toString('hex')}` : null;
    const ctx = await openSharedContext(dir, schema);
    applicationId = await acceptedApplication(ctx);
    // PGlite is one process's: the parent lets go before the runners open it.
    await ctx.db.destroy();
  });
  after(async () => {
    if (schema) {
      const ctx = await openSharedContext(dir, schema);
      await sql.raw(`drop schema if exists "${schema}" cascade`).execute(ctx.db);
      await ctx.db.destroy();
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it(`kills the runner after about a third of ${REQUESTS}, restarts it: exactly ${REQUESTS} certificates, one per request`, {
    timeout: 300_000,
  }, async () => {
    let killedAt = 0;
    const first = startWorker(dir, schema, (processed, child) => {
      if (!killedAt && processed >= 60) {
        killedAt = processed;
        child.kill('SIGKILL');
      }
    });
    const crashed = await first.exited;
    assert.equal(crashed.signal, 'SIGKILL', `the first runner was not killed midway:\n${crashed.output}`);
    // Its last claimed batch is leased for a second; then the restarted runner takes it over.
    await new Promise((r) => setTimeout(r, 1500));
    const second = await startWorker(dir, schema).exited;
    assert.equal(second.code, 0, second.output);

    const ctx = await openSharedContext(dir, schema);
    try {
      const result = await outcome(ctx, applicationId);
      assert.equal(result.certificates.length, REQUESTS);
      assert.equal(new Set(result.certificates.map((c) => c.request_id)).size, REQUESTS, 'no request has two certificates');
      assert.equal(result.issuedEvents, REQUESTS, 'each issuance committed once, with its audit row');
      assert.ok(result.certificates.every((c) => c.status === 'issued'));
      assert.ok(
        result.jobs.every((j) => j.status === 'done'),
        JSON.stringify(result.jobs.filter((j) => j.status !== 'done')),
      );
      assert.equal(result.application.status, 'completed');
      // Every cloud key in the store is the key of its certificate, including those made just before the crash.
      for (const c of result.certificates) {
        const file = path.join(dir, 'keystore', `${c.request_id}.key.json`);
        assert.ok(existsSync(file));
        const pkcs8 = openPrivateKey(readFileSync(file, 'utf8'), ctx.config.masterKey);
        const privateKey = await crypto.subtle.importKey(
          'pkcs8',
          pkcs8 as Uint8Array<ArrayBuffer>,
          { name: 'ECDSA', namedCurve: 'P-256' },
          true,
          ['sign'],
        );
        const jwk = await crypto.subtle.exportKey('jwk', privateKey);
        const certificate = new x509.X509Certificate(new Uint8Array(c.der ?? []));
        const publicJwk = await crypto.subtle.exportKey('jwk', await certificate.publicKey.export());
        assert.deepEqual([publicJwk.x, publicJwk.y], [jwk.x, jwk.y]);
      }
    } finally {
      await ctx.db.destroy();
    }
  });
});

describe('two runner processes on one PostgreSQL database', { skip: !onPostgres && 'needs DATABASE_URL (PGlite is one process’s)' }, () => {
  let dir: string;
  let schema: string;
  let applicationId: string;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'kep-two-'));
    schema = `test_two_${randomBytes(4).toString('hex')}`;
    const ctx = await openSharedContext(dir, schema);
    applicationId = await acceptedApplication(ctx);
    await ctx.db.destroy();
  });
  after(async () => {
    const ctx = await openSharedContext(dir, schema);
    await sql.raw(`drop schema if exists "${schema}" cascade`).execute(ctx.db);
    await ctx.db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`share the ${REQUESTS} jobs without issuing any certificate twice`, { timeout: 300_000 }, async () => {
    const [a, b] = await Promise.all([startWorker(dir, schema).exited, startWorker(dir, schema).exited]);
    assert.equal(a.code, 0, a.output);
    assert.equal(b.code, 0, b.output);
    const processedBy = (o: string) => Number(/idle (\d+)/.exec(o)?.[1] ?? 0);
    assert.ok(
      processedBy(a.output) > 0 && processedBy(b.output) > 0,
      `both runners worked: ${processedBy(a.output)} + ${processedBy(b.output)}`,
    );
    const ctx = await openSharedContext(dir, schema);
    try {
      const result = await outcome(ctx, applicationId);
      assert.equal(result.certificates.length, REQUESTS);
      assert.equal(new Set(result.certificates.map((c) => c.request_id)).size, REQUESTS);
      assert.equal(result.issuedEvents, REQUESTS);
      assert.equal(result.application.status, 'completed');
    } finally {
      await ctx.db.destroy();
    }
  });
});

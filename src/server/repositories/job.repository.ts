import { sql } from 'kysely';
import type { Executor } from '../db/database';

/**
 * Jobs (the renewal's unit of work) live in the database. The key makes enqueueing idempotent;
 * claims take due rows with `FOR UPDATE SKIP LOCKED` and lease them, so several processes on one
 * PostgreSQL share the work, and a crashed runner's jobs are taken over when the lease ends.
 * Like the mail outbox, everything runs on the database's clock.
 */
export async function enqueueJob(
  db: Executor,
  values: { kind: string; key: string; payload: Record<string, unknown>; applicationId: string | null; runAt: Date },
): Promise<boolean> {
  const inserted = await db
    .insertInto('job')
    .values({
      kind: values.kind,
      key: values.key,
      payload: JSON.stringify(values.payload),
      application_id: values.applicationId,
      run_at: values.runAt,
    })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return Boolean(inserted);
}

export async function claimDueJobs(db: Executor, workerId: string, limit: number, leaseMs: number) {
  return db
    .updateTable('job')
    .set({
      status: 'running',
      locked_by: workerId,
      locked_until: sql`now() + ${`${Math.round(leaseMs)} milliseconds`}::interval`,
      attempts: sql`attempts + 1`,
    })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('job')
        .select('id')
        .where((w) =>
          w.or([
            w.and([w('status', '=', 'pending'), w('run_at', '<=', sql<Date>`now()`)]),
            // A runner that died holding a lease: its job is due again.
            w.and([w('status', '=', 'running'), w('locked_until', '<', sql<Date>`now()`)]),
          ]),
        )
        .orderBy('run_at')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .execute();
}

/** Done only by the runner that holds it (a taken-over lease is not overwritten). */
export async function markJobDone(db: Executor, id: string, workerId: string) {
  await db
    .updateTable('job')
    .set({ status: 'done', finished_at: sql`now()`, last_error: null, locked_by: null, locked_until: null })
    .where('id', '=', id)
    .where('locked_by', '=', workerId)
    .execute();
}

export async function markJobFailed(db: Executor, id: string, workerId: string, error: string, retryAfterMs: number | null) {
  await db
    .updateTable('job')
    .set(
      retryAfterMs === null
        ? { status: 'failed', last_error: error, finished_at: sql`now()`, locked_by: null, locked_until: null }
        : {
            status: 'pending',
            last_error: error,
            run_at: sql`now() + ${`${Math.round(retryAfterMs)} milliseconds`}::interval`,
            locked_by: null,
            locked_until: null,
          },
    )
    .where('id', '=', id)
    .where('locked_by', '=', workerId)
    .execute();
}

/** "Run the renewal now": the application's waiting jobs become due, and failed ones get another try. */
export async function makeApplicationJobsDue(db: Executor, applicationId: string) {
  await db
    .updateTable('job')
    .set({ status: 'pending', run_at: sql`now()`, attempts: 0, finished_at: null })
    .where('application_id', '=', applicationId)
    .where('status', 'in', ['pending', 'failed'])
    .execute();
}

export async function listApplicationJobs(db: Executor, applicationId: string) {
  return db.selectFrom('job').selectAll().where('application_id', '=', applicationId).orderBy('created_at').execute();
}

export async function findApplicationRunAt(db: Executor, applicationId: string) {
  const row = await db
    .selectFrom('job')
    .select((eb) => eb.fn.min('run_at').as('run_at'))
    .where('application_id', '=', applicationId)
    .where('status', 'in', ['pending', 'running'])
    .executeTakeFirst();
  return (row?.run_at as Date | null | undefined) ?? null;
}

/** Calls off an application's jobs that have not started (or failed), e.g. when it goes back for rework. */
export async function deleteWaitingJobs(db: Executor, applicationId: string, statuses: Array<'pending' | 'failed'>) {
  await db.deleteFrom('job').where('application_id', '=', applicationId).where('status', 'in', statuses).execute();
}

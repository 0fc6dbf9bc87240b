import { sql } from 'kysely';
import type { Executor } from '../db/database';

export type OutgoingEmail = { to: string; subject: string; text: string; html: string };

/** Mail is written in the same transaction as the change it reports; the dispatcher sends it. */
export async function enqueueEmail(db: Executor, email: OutgoingEmail) {
  await db
    .insertInto('email_outbox')
    .values({ recipient: email.to, subject: email.subject, text_body: email.text, html_body: email.html })
    .execute();
}

/**
 * Claims due mail for one dispatcher by leasing it: the claim commits at once (no transaction
 * is held open while talking to SMTP — PGlite has a single session), and a message whose sender
 * crashed becomes due again when the lease ends. SKIP LOCKED lets several processes share the
 * outbox without claiming the same message.
 */
export async function claimDueEmails(db: Executor, limit: number, leaseMs: number) {
  // The outbox runs on the database's clock throughout: rows become due by `now()` when they
  // are written, so they are claimed and leased by the same clock.
  return db
    .updateTable('email_outbox')
    .set({ next_attempt_at: sql`now() + ${`${Math.round(leaseMs)} milliseconds`}::interval` })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('email_outbox')
        .select('id')
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', sql<Date>`now()`)
        .orderBy('created_at')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .execute();
}

export async function markEmailSent(db: Executor, id: string) {
  await db
    .updateTable('email_outbox')
    .set({ status: 'sent', sent_at: sql`now()`, attempts: sql`attempts + 1` })
    .where('id', '=', id)
    .execute();
}

export async function markEmailFailed(db: Executor, id: string, error: string, retryAfterMs: number | null) {
  await db
    .updateTable('email_outbox')
    .set({
      status: retryAfterMs !== null ? 'pending' : 'failed',
      attempts: sql`attempts + 1`,
      last_error: error.slice(0, 1000),
      ...(retryAfterMs !== null ? { next_attempt_at: sql`now() + ${`${Math.round(retryAfterMs)} milliseconds`}::interval` } : {}),
    })
    .where('id', '=', id)
    .execute();
}

export async function listRecentEmails(db: Executor, limit = 100) {
  return db.selectFrom('email_outbox').selectAll().orderBy('created_at', 'desc').limit(limit).execute();
}

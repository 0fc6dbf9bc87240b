import nodemailer from 'nodemailer';
import type { AppContext } from '../context';
import { claimDueEmails, markEmailFailed, markEmailSent } from '../repositories/outbox.repository';

const LEASE_MS = 5 * 60 * 1000;
const MAX_ATTEMPTS = 8;

export type MailDispatcher = { runOnce(): Promise<number>; stop(): Promise<void> };

/**
 * Sends the outbox over SMTP. Mail is only ever sent from here, after the change that
 * produced it has committed. Failures are retried with a growing delay, then marked failed.
 */
export function startMailDispatcher(ctx: AppContext, smtpUrl: string, intervalMs = 1000): MailDispatcher {
  const transport = nodemailer.createTransport(smtpUrl);
  let running: Promise<number> | null = null;
  let stopped = false;

  async function runOnce(): Promise<number> {
    const batch = await claimDueEmails(ctx.db, 20, LEASE_MS);
    for (const email of batch) {
      try {
        await transport.sendMail({
          from: ctx.config.mailFrom,
          to: email.recipient,
          subject: email.subject,
          text: email.text_body,
          html: email.html_body,
        });
        await markEmailSent(ctx.db, email.id);
      } catch (error) {
        const attempts = email.attempts + 1;
        const retryAfterMs = attempts >= MAX_ATTEMPTS ? null : 2 ** attempts * 1000;
        await markEmailFailed(ctx.db, email.id, (error as Error).message, retryAfterMs);
      }
    }
    return batch.length;
  }

  const tick = async () => {
    if (stopped || running) return;
    running = runOnce().catch(() => 0);
    await running;
    running = null;
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    runOnce: async () => {
      while (running) await running;
      return runOnce();
    },
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      if (running) await running;
      transport.close();
    },
  };
}

import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { AppContext } from '../context';
import type { JobRow } from '../db/schema';
import { claimDueJobs, markJobDone, markJobFailed } from '../repositories/job.repository';
import { IssuanceRefused, issueForRequest } from '../services/renewal.service';

export const ISSUE_CERTIFICATE = 'issue_certificate';

export type JobRunner = { runOnce(): Promise<number>; stop(): Promise<void>; workerId: string };

type Handler = (ctx: AppContext, job: JobRow) => Promise<void>;

const handlers: Record<string, Handler> = {
  [ISSUE_CERTIFICATE]: async (ctx, job) => {
    await issueForRequest(ctx, String(job.payload.requestId));
  },
};

/** 1 s, 2 s, 4 s … up to 10 min between attempts. */
function backoffMs(attempts: number): number {
  return Math.min(2 ** (attempts - 1) * 1000, 10 * 60 * 1000);
}

/**
 * Runs due jobs: claims a batch (lease + SKIP LOCKED), runs each, records done or the error.
 * A refusal (no CSR, remote re-issue limit…) is final; other errors are retried with backoff up
 * to the job's max attempts. Any number of runners may share one PostgreSQL database.
 */
export async function runDueJobs(ctx: AppContext, workerId: string, batch = 10): Promise<number> {
  const jobs = await claimDueJobs(ctx.db, workerId, batch, ctx.config.jobLeaseMs);
  for (const job of jobs) {
    const handler = handlers[job.kind];
    try {
      if (!handler) throw new IssuanceRefused(`Невідомий тип завдання: ${job.kind}`);
      await handler(ctx, job);
      await markJobDone(ctx.db, job.id, workerId);
    } catch (error) {
      const final = error instanceof IssuanceRefused || job.attempts >= job.max_attempts;
      const message = error instanceof Error ? error.message : String(error);
      await markJobFailed(ctx.db, job.id, workerId, message, final ? null : backoffMs(job.attempts));
    }
  }
  return jobs.length;
}

export function newWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/** Polls for due jobs every `intervalMs` (and keeps going while batches come back full). */
export function startJobRunner(ctx: AppContext, intervalMs = 1000): JobRunner {
  const workerId = newWorkerId();
  let running: Promise<number> | null = null;
  let stopped = false;
  const drain = async () => {
    let total = 0;
    for (;;) {
      const n = await runDueJobs(ctx, workerId);
      total += n;
      if (n === 0 || stopped) return total;
    }
  };
  const tick = async () => {
    if (stopped || running) return;
    running = drain().catch((error) => {
      console.error('job runner:', error);
      return 0;
    });
    await running;
    running = null;
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    workerId,
    runOnce: async () => {
      while (running) await running;
      return drain();
    },
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      if (running) await running;
    },
  };
}

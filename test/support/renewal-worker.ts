/**
 * A renewal runner in a process of its own, for the crash and concurrency tests:
 * `node --import tsx test/support/renewal-worker.ts <dir> <schema|-> <batch>`. It runs due jobs
 * until none is left and prints `processed <n>` after every batch, so a test can kill it midway.
 */
import { newWorkerId, runDueJobs } from '../../src/server/jobs/job-runner';
import { openSharedContext } from './renewal';

const [dir, schemaArg, batchArg] = process.argv.slice(2);
if (!dir) throw new Error('usage: renewal-worker <dir> <schema|-> <batch>');
const ctx = await openSharedContext(dir, schemaArg && schemaArg !== '-' ? schemaArg : null);
const workerId = newWorkerId();
const batch = Number(batchArg ?? 5);
let processed = 0;
for (;;) {
  const n = await runDueJobs(ctx, workerId, batch);
  if (n === 0) break;
  processed += n;
  process.stdout.write(`processed ${processed}\n`);
}
process.stdout.write(`idle ${processed}\n`);
await ctx.db.destroy();

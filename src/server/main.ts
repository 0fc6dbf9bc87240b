import path from 'node:path';
import { fileURLToPath } from 'node:url';
import closeWithGrace from 'close-with-grace';
import { buildApp } from './app';
import { createContext } from './bootstrap';
import { loadConfig } from './config';
import { seedDemoData } from './demo/seed';
import { seedSentApplication } from './demo/sent-application';
import { startJobRunner } from './jobs/job-runner';
import { startMailDispatcher } from './jobs/mail-dispatcher';
import { deleteExpiredSessions } from './repositories/session.repository';

const config = (() => {
  try {
    return loadConfig();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
})();

const ctx = await createContext(config);
if (config.seedDemoData && (await seedDemoData(ctx))) {
  await seedSentApplication(ctx);
  console.log('Demo data created: see README.md for the logins.');
}
await deleteExpiredSessions(ctx.db, ctx.now());

const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');
const app = await buildApp({ ctx, webRoot, logger: true });
const dispatcher = config.smtpUrl ? startMailDispatcher(ctx, config.smtpUrl) : null;
// Renewals scheduled for 00:05 Kyiv time and those started by hand run here (JOBS=0 leaves them to other processes).
const runner = config.runJobs ? startJobRunner(ctx) : null;

closeWithGrace({ delay: 10_000 }, async ({ err }) => {
  if (err) app.log.error({ err }, 'shutting down after an error');
  await app.close();
  await runner?.stop();
  await dispatcher?.stop();
  await ctx.db.destroy();
});

await app.listen({ port: config.port, host: config.host });
console.log(
  `Кабінет: ${config.publicUrl}  (база: ${config.databaseUrl ? 'PostgreSQL' : `PGlite у ${path.join(config.dataDir, 'pgdata')}`}; пошта: ${config.smtpUrl ? 'SMTP' : `${config.publicUrl}/dev/mail`})`,
);

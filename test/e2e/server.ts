import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { startTestServer } from '../support/server';

/**
 * The real server (`src/server/main.ts`) as a child process on a free local port, with a fresh
 * data directory and the demo data, serving the front end built into `dist/web`. It builds
 * nothing itself: `npm run test:e2e` runs `vite build` first.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const WEB_ROOT = path.join(ROOT, 'dist/web');

export type E2EServer = {
  url: string;
  dataDir: string;
  /** What the server printed, for a failing test's message. */
  output(): string;
  /** The demo person's key file (`<dataDir>/demo-keys/<РНОКПП>.p12`, password `DEMO_KEY_PASSWORD`). */
  demoKeyFile(rnokpp: string): string;
  /** Moves a request's signing link into the past, as if its 14 days had gone by. */
  expireSigningLink(requestId: string): Promise<void>;
  close(): Promise<void>;
};

/** The password of every demo key file. */
export const DEMO_KEY_PASSWORD = 'demo12345';

function _freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function _waitUntilUp(url: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited with code ${child.exitCode}:\n${output()}`);
    try {
      // Any HTTP answer (401 without a session) means it is listening and routing.
      const response = await fetch(`${url}/api/auth/session`, { signal: AbortSignal.timeout(2_000) });
      await response.body?.cancel();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`The server did not answer within ${timeoutMs} ms:\n${output()}`);
}

/**
 * The real server in this process (so a test can also reach the database, e.g. to let a signing
 * link expire), serving `dist/web`.
 */
export async function startServer(): Promise<E2EServer> {
  if (!existsSync(path.join(WEB_ROOT, 'index.html'))) {
    throw new Error('dist/web/index.html is missing: run `npx vite build` first (npm run test:e2e does).');
  }
  const started = await startTestServer();
  return {
    url: started.url,
    dataDir: started.test.dataDir,
    output: () => '',
    demoKeyFile: (rnokpp) => path.join(started.test.dataDir, 'demo-keys', `${rnokpp}.p12`),
    async expireSigningLink(requestId) {
      const result = await started.test.ctx.db
        .updateTable('certificate_request')
        .set({ signing_expires_at: new Date(Date.now() - 60 * 60 * 1000).toISOString() })
        .where('id', '=', requestId)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) throw new Error(`no certificate request ${requestId}`);
    },
    close: started.close,
  };
}

/** Debian's Chromium, headless; never a downloaded browser. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

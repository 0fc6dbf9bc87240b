import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { buildApp } from '../../src/server/app';
import { markRequestSigned } from '../../src/server/repositories/request.repository';
import { createTestApp, type TestApp } from './app';

/**
 * The real server listening on a free local port and serving the built front end (`dist/web`),
 * in this process, so a browser test can also reach into the database (for steps whose own
 * feature comes later, such as the employee's signature).
 */
export async function startTestServer(): Promise<{
  url: string;
  test: TestApp;
  markSigned(requestId: string): Promise<void>;
  close(): Promise<void>;
}> {
  // The clock is real here, as a browser user sees it.
  const test = await createTestApp({ now: new Date() });
  await test.app.close();
  const ctx = { ...test.ctx, now: () => new Date() };
  const app = await buildApp({ ctx, webRoot: path.resolve('dist/web') });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  ctx.config.publicUrl = url;
  return {
    url,
    test,
    async markSigned(requestId: string) {
      if (!(await markRequestSigned(ctx.db, requestId, new Date()))) throw new Error('request is not awaiting a signature');
    },
    async close() {
      await app.close();
      await test.close();
    },
  };
}

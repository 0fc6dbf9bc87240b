import { test } from 'node:test';
import { createTestApp, login, VO1, call } from '../support/app';
test('smoke', async () => {
  const t0 = Date.now();
  const t = await createTestApp();
  console.log('created', Date.now() - t0);
  const s = await login(t.app, VO1);
  const r = await call(t.app, s, 'GET', '/api/organizations');
  console.log(r.statusCode, r.body);
  const d = await t.app.inject({ method: 'GET', url: '/api/docs' });
  console.log(d.statusCode, d.headers, d.body.slice(0, 200));
  await t.close();
});

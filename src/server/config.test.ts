import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from './config';

const secret = { SECRET_KEY: 's'.repeat(40) };

test('defaults: port 3000, ./data, demo data outside production', () => {
  const config = loadConfig({ ...secret });
  assert.equal(config.port, 3000);
  assert.ok(config.dataDir.endsWith('/data'));
  assert.equal(config.publicUrl, 'http://localhost:3000');
  assert.equal(config.seedDemoData, true);
  assert.equal(loadConfig({ ...secret, NODE_ENV: 'production' }).seedDemoData, false);
});

test('a bad value stops start-up with a message naming it', () => {
  assert.throws(() => loadConfig({ ...secret, PORT: 'abc' }), /PORT/);
  assert.throws(() => loadConfig({ ...secret, DATABASE_URL: 'not a url' }), /DATABASE_URL/);
  assert.throws(() => loadConfig({ SECRET_KEY: 'short' }), /SECRET_KEY/);
});

test('PUBLIC_URL loses its trailing slash', () => {
  assert.equal(loadConfig({ ...secret, PUBLIC_URL: 'https://cabinet.example.com/' }).publicUrl, 'https://cabinet.example.com');
});

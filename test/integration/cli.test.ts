import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { promisify } from 'node:util';
import { openDatabase } from '../../src/server/db/database';

const run = promisify(execFile);
const dataDir = mkdtempSync(path.join(tmpdir(), 'kep-cli-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

/** `npm run admin -- …` as an operator types it, on its own PGlite data directory. */
async function admin(...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PUBLIC_URL: 'http://cabinet.test' };
  delete env.DATABASE_URL;
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/server/cli/admin.ts', ...args], { env });
    return { code: 0, stdout, stderr: '' };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

test('the admin CLI creates an organization, a contract and a ВО with an invitation link', { timeout: 120_000 }, async () => {
  const org = await admin('create-organization', '--name', 'КНП «Лікарня №7»', '--edrpou', '43005049');
  assert.equal(org.code, 0, org.stderr);
  assert.match(org.stdout, /КНП «Лікарня №7» \(43005049\)/);

  const badEdrpou = await admin('create-organization', '--name', 'X', '--edrpou', '43005048');
  assert.equal(badEdrpou.code, 2);
  assert.match(badEdrpou.stderr, /ЄДРПОУ|edrpou/);

  const contract = await admin(
    'create-contract',
    '--edrpou',
    '43005049',
    '--number',
    'К-7',
    '--signed-on',
    '2026-12-01',
    '--quantity',
    '25',
  );
  assert.equal(contract.code, 0, contract.stderr);
  assert.match(contract.stdout, /К-7 від 01\.12\.2026/);

  const user = await admin(
    'create-user',
    '--phone',
    '067 123 45 67',
    '--email',
    'vo7@example.com',
    '--name',
    'Іваненко Іван Іванович',
    '--edrpou',
    '43005049',
  );
  assert.equal(user.code, 0, user.stderr);
  assert.match(user.stdout, /\+380671234567/);
  assert.match(user.stdout, /http:\/\/cabinet\.test\/invitation\/[A-Za-z0-9_-]{20,}/);

  const duplicate = await admin(
    'create-user',
    '--phone',
    '+380671234567',
    '--email',
    'vo7@example.com',
    '--name',
    'Іваненко Іван Іванович',
    '--edrpou',
    '43005049',
  );
  assert.equal(duplicate.code, 2);

  const { db } = await openDatabase({ pgliteDataDir: path.join(dataDir, 'pgdata') });
  try {
    const row = await db
      .selectFrom('app_user')
      .innerJoin('user_organization', 'user_organization.user_id', 'app_user.id')
      .innerJoin('organization', 'organization.id', 'user_organization.organization_id')
      .select(['app_user.role', 'app_user.password_hash', 'organization.edrpou'])
      .where('app_user.phone', '=', '+380671234567')
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { role: 'responsible_person', password_hash: null, edrpou: '43005049' });
    const mail = await db.selectFrom('email_outbox').select(['recipient', 'subject']).execute();
    assert.deepEqual(mail, [{ recipient: 'vo7@example.com', subject: 'Запрошення до кабінету відповідальної особи' }]);
    const events = await db.selectFrom('audit_log').select('event').orderBy('id').execute();
    assert.deepEqual(
      events.map((e) => e.event),
      ['ORGANIZATION_CREATED', 'CONTRACT_CREATED', 'USER_CREATED', 'USER_INVITED'],
    );
  } finally {
    await db.destroy();
  }
});

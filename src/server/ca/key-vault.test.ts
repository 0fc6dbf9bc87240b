import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { KeyVault, openPrivateKey, sealPrivateKey } from './key-vault';

const MASTER = 'master-key-for-tests-0123456789-abcdef';
const dirs: string[] = [];
function vaultDir() {
  const dir = mkdtempSync(path.join(tmpdir(), 'kep-vault-'));
  dirs.push(dir);
  return dir;
}
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const ID = '2f6f3c1e-8a0b-4c55-9d1e-0a1b2c3d4e5f';
const key = (n: number) => new Uint8Array(64).fill(n);

describe('the key store (envelope encryption under the master key)', () => {
  it('seals and opens; the file holds neither the key nor the data key in clear', () => {
    const sealed = sealPrivateKey(key(7), MASTER);
    assert.deepEqual(openPrivateKey(sealed, MASTER), key(7));
    const box = JSON.parse(sealed);
    assert.deepEqual(Object.keys(box).sort(), ['data', 'dekIv', 'dekTag', 'iv', 'kek', 'tag', 'v', 'wrappedDek']);
    assert.ok(!sealed.includes(Buffer.from(key(7)).toString('base64')));
    // Each key gets its own data key.
    assert.notEqual(JSON.parse(sealPrivateKey(key(7), MASTER)).wrappedDek, box.wrappedDek);
  });

  it('refuses another master key and any tampering, with a clear message', () => {
    const sealed = sealPrivateKey(key(1), MASTER);
    assert.throws(() => openPrivateKey(sealed, 'another-master-key-0123456789-abcdef'), /MASTER_KEY/);
    const box = JSON.parse(sealed);
    for (const field of ['data', 'wrappedDek', 'tag', 'dekTag']) {
      const bytes = Buffer.from(box[field], 'base64');
      bytes[0] = (bytes[0] ?? 0) ^ 1;
      assert.throws(
        () => openPrivateKey(JSON.stringify({ ...box, [field]: bytes.toString('base64') }), MASTER),
        /MASTER_KEY|damaged/,
        field,
      );
    }
    assert.throws(() =>
      openPrivateKey(JSON.stringify({ ...box, tag: Buffer.from(box.tag, 'base64').subarray(0, 4).toString('base64') }), MASTER),
    );
    assert.throws(() => openPrivateKey('not json', MASTER), /damaged/);
  });

  it('getOrCreate makes the key once: a second call (a restarted renewal) gets the same key without generating', async () => {
    const vault = new KeyVault(vaultDir(), MASTER);
    let generated = 0;
    const make = async () => {
      generated++;
      return key(generated);
    };
    const first = await vault.getOrCreate(ID, make);
    const again = await vault.getOrCreate(ID, make);
    assert.deepEqual(again, first);
    assert.equal(generated, 1);
    assert.equal(vault.has(ID), true);
  });

  it('two racing calls for one id end with one file and the same key for both', async () => {
    const dir = vaultDir();
    const [a, b] = await Promise.all([
      new KeyVault(dir, MASTER).getOrCreate(ID, async () => key(1)),
      new KeyVault(dir, MASTER).getOrCreate(ID, async () => key(2)),
    ]);
    assert.deepEqual(a, b);
    assert.deepEqual(readdirSync(dir), [`${ID}.key.json`]);
    assert.equal(statSync(path.join(dir, `${ID}.key.json`)).mode & 0o777, 0o600);
    assert.ok(readFileSync(path.join(dir, `${ID}.key.json`), 'utf8').startsWith('{'));
  });

  it('ids are UUIDs only (no path tricks)', async () => {
    const vault = new KeyVault(vaultDir(), MASTER);
    await assert.rejects(
      vault.getOrCreate('../../etc/passwd', async () => key(1)),
      /invalid key id/,
    );
  });
});

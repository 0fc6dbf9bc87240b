import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { webcrypto } from '../../shared/crypto/engine';
import { openKey, sealKey } from './key-store';

const SECRET = 'test-secret-'.repeat(4);

type Box = { v: number; alg: string; iv: string; tag: string; data: string };

/** Flips one bit of a base64 field of the sealed box. */
function flipped(sealed: string, field: 'iv' | 'tag' | 'data'): string {
  const box = JSON.parse(sealed) as Box;
  const bytes = Buffer.from(box[field], 'base64');
  bytes[bytes.length - 1] = (bytes[bytes.length - 1] as number) ^ 0x01;
  return JSON.stringify({ ...box, [field]: bytes.toString('base64') });
}

async function pkcs8(): Promise<Uint8Array> {
  const keys = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  return new Uint8Array(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
}

describe('key-store sealKey/openKey', () => {
  it('round trip: the opened bytes equal the sealed PKCS#8', async () => {
    const key = await pkcs8();
    const sealed = sealKey(key, SECRET);
    assert.deepEqual(openKey(sealed, SECRET), key);
  });

  it('round trip of an empty and a large payload', () => {
    assert.deepEqual(openKey(sealKey(new Uint8Array(0), SECRET), SECRET), new Uint8Array(0));
    const big = new Uint8Array(100_000).map((_, i) => i % 251);
    assert.deepEqual(openKey(sealKey(big, SECRET), SECRET), big);
  });

  it('the sealed box is JSON (v 1, AES-256-GCM) and does not contain the key in the clear', async () => {
    const key = await pkcs8();
    const sealed = sealKey(key, SECRET);
    const box = JSON.parse(sealed) as Box;
    assert.equal(box.v, 1);
    assert.equal(box.alg, 'AES-256-GCM');
    assert.equal(Buffer.from(box.iv, 'base64').length, 12);
    assert.equal(Buffer.from(box.tag, 'base64').length, 16);
    assert.equal(Buffer.from(box.data, 'base64').length, key.length);
    assert.notDeepEqual(new Uint8Array(Buffer.from(box.data, 'base64')), key);
    assert.ok(!sealed.includes(Buffer.from(key).toString('base64')));
    assert.ok(!sealed.includes('PRIVATE KEY'));
  });

  it('sealing twice gives different boxes (fresh IV) that both open', async () => {
    const key = await pkcs8();
    const a = sealKey(key, SECRET);
    const b = sealKey(key, SECRET);
    assert.notEqual(a, b);
    assert.notEqual((JSON.parse(a) as Box).iv, (JSON.parse(b) as Box).iv);
    assert.deepEqual(openKey(a, SECRET), key);
    assert.deepEqual(openKey(b, SECRET), key);
  });

  for (const field of ['data', 'tag', 'iv'] as const) {
    it(`a tampered ${field} fails to open`, async () => {
      const sealed = sealKey(await pkcs8(), SECRET);
      assert.throws(() => openKey(flipped(sealed, field), SECRET));
    });
  }

  it('a tampered data fails with the clear "cannot be decrypted" error', async () => {
    const sealed = sealKey(await pkcs8(), SECRET);
    assert.throws(() => openKey(flipped(sealed, 'data'), SECRET), /cannot be decrypted/);
  });

  it('a wrong secret fails with an error naming SECRET_KEY', async () => {
    const sealed = sealKey(await pkcs8(), SECRET);
    assert.throws(() => openKey(sealed, 'another-secret-'.repeat(3)), /cannot be decrypted.*SECRET_KEY/);
    assert.throws(() => openKey(sealed, `${SECRET} `), /cannot be decrypted/);
  });

  it('a truncated (4-byte) authentication tag is refused', async () => {
    const key = await pkcs8();
    const box = JSON.parse(sealKey(key, SECRET)) as Box;
    const truncated = JSON.stringify({ ...box, tag: Buffer.from(box.tag, 'base64').subarray(0, 4).toString('base64') });
    assert.throws(() => openKey(truncated, SECRET), /cannot be decrypted/);
  });

  it('a box that is not JSON fails', () => {
    assert.throws(() => openKey('not json', SECRET));
  });
});

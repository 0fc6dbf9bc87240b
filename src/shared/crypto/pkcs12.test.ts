import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { issueSigner, makeTestCa, type TestCa, type TestSigner } from '../../server/ca/testing';
import { webcrypto } from './engine';
import { hashForKey, type KeyAlgorithmName, signParams } from './keys';
import { createPkcs12, KeyFileError, type KeyFileErrorCode, keyFileErrorMessage, readPkcs12 } from './pkcs12';

const NOW = new Date('2025-03-12T10:00:00.000Z');
const PASSWORD = 'Пароль-до-ключа 123';
// Fewer PBKDF2 rounds than the default keeps the suite fast; one test uses the default.
const ITERATIONS = 2048;

async function rejectsWith(promise: Promise<unknown>, code: KeyFileErrorCode) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof KeyFileError, `expected KeyFileError, got ${String(error)}`);
    assert.equal(error.code, code);
    assert.equal(error.message, keyFileErrorMessage[code]);
    return true;
  });
}

/** The key signs, and the certificate's public key verifies that signature. */
async function signsForCertificate(privateKey: CryptoKey, signer: TestSigner): Promise<boolean> {
  const hash = hashForKey(privateKey);
  const data = new TextEncoder().encode('challenge');
  const signature = await webcrypto.subtle.sign(signParams(privateKey, hash), privateKey, data);
  const publicKey = await signer.certificate.publicKey.export(
    privateKey.algorithm.name === 'ECDSA' ? (privateKey.algorithm as EcKeyAlgorithm) : { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    ['verify'],
    webcrypto,
  );
  return webcrypto.subtle.verify(signParams(publicKey, hash), publicKey, signature, data);
}

describe('PKCS#12', () => {
  let t: TestCa;
  let issuingDer: Uint8Array;
  before(async () => {
    t = await makeTestCa({ now: NOW });
    issuingDer = new Uint8Array(t.ca.issuing.rawData);
  });
  after(() => t?.cleanup());

  for (const algorithm of ['ECDSA P-256', 'ECDSA P-384', 'RSA'] as KeyAlgorithmName[]) {
    it(`round trip for ${algorithm}: the key, its certificate and the chain come back`, async () => {
      const signer = await issueSigner(t.ca, { algorithm, now: NOW });
      const p12 = await createPkcs12({
        privateKey: signer.keys.privateKey,
        certificates: [signer.der, issuingDer],
        password: PASSWORD,
        iterations: ITERATIONS,
      });
      const file = await readPkcs12(p12, PASSWORD);
      assert.deepEqual(file.certificate, signer.der);
      assert.deepEqual(file.chain, [issuingDer]);
      assert.equal(file.privateKey.type, 'private');
      assert.equal(file.privateKey.extractable, false, 'the key read from a file is not extractable');
      assert.deepEqual(file.privateKey.usages, ['sign']);
      assert.equal(file.privateKey.algorithm.name, signer.keys.privateKey.algorithm.name);
      assert.ok(await signsForCertificate(file.privateKey, signer));
    });
  }

  it('the default iteration count (100 000) writes a file that reads back', async () => {
    const signer = await issueSigner(t.ca, { algorithm: 'ECDSA P-256', now: NOW });
    const p12 = await createPkcs12({ privateKey: signer.keys.privateKey, certificates: [signer.der], password: PASSWORD });
    const file = await readPkcs12(p12, PASSWORD);
    assert.deepEqual(file.certificate, signer.der);
    assert.deepEqual(file.chain, []);
  });

  it('a wrong password → WRONG_PASSWORD (also an empty one, and one differing only in case)', async () => {
    const signer = await issueSigner(t.ca, { algorithm: 'ECDSA P-256', now: NOW });
    const p12 = await createPkcs12({
      privateKey: signer.keys.privateKey,
      certificates: [signer.der],
      password: PASSWORD,
      iterations: ITERATIONS,
    });
    await rejectsWith(readPkcs12(p12, 'wrong'), 'WRONG_PASSWORD');
    await rejectsWith(readPkcs12(p12, ''), 'WRONG_PASSWORD');
    await rejectsWith(readPkcs12(p12, PASSWORD.toUpperCase()), 'WRONG_PASSWORD');
  });

  it('bytes that are not PKCS#12 → NOT_PKCS12', async () => {
    const garbage = new Uint8Array(300);
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 37 + 11) & 0xff;
    await rejectsWith(readPkcs12(garbage, PASSWORD), 'NOT_PKCS12');
    await rejectsWith(readPkcs12(new Uint8Array(0), PASSWORD), 'NOT_PKCS12');
    await rejectsWith(readPkcs12(new TextEncoder().encode('%PDF-1.4 not a key'), PASSWORD), 'NOT_PKCS12');
    // Valid DER, but a certificate rather than a key file.
    await rejectsWith(readPkcs12(issuingDer, PASSWORD), 'NOT_PKCS12');
  });

  it('a file with only a key (a new key before its certificate is issued) → NO_CERTIFICATE', async () => {
    const signer = await issueSigner(t.ca, { algorithm: 'ECDSA P-256', now: NOW });
    const p12 = await createPkcs12({ privateKey: signer.keys.privateKey, password: PASSWORD, iterations: ITERATIONS });
    await rejectsWith(readPkcs12(p12, PASSWORD), 'NO_CERTIFICATE');
  });

  it('a file whose certificates belong to other keys → NO_CERTIFICATE', async () => {
    const signer = await issueSigner(t.ca, { algorithm: 'ECDSA P-256', now: NOW });
    const someoneElse = await issueSigner(t.ca, { algorithm: 'ECDSA P-256', now: NOW });
    const p12 = await createPkcs12({
      privateKey: signer.keys.privateKey,
      certificates: [someoneElse.der, issuingDer],
      password: PASSWORD,
      iterations: ITERATIONS,
    });
    await rejectsWith(readPkcs12(p12, PASSWORD), 'NO_CERTIFICATE');
  });

  it('the certificate matching the key is chosen even when the chain comes first', async () => {
    for (const algorithm of ['ECDSA P-256', 'RSA'] as KeyAlgorithmName[]) {
      const signer = await issueSigner(t.ca, { algorithm, now: NOW });
      const rootDer = new Uint8Array(t.ca.root.rawData);
      const p12 = await createPkcs12({
        privateKey: signer.keys.privateKey,
        certificates: [rootDer, issuingDer, signer.der],
        password: PASSWORD,
        iterations: ITERATIONS,
      });
      const file = await readPkcs12(p12, PASSWORD);
      assert.deepEqual(file.certificate, signer.der, algorithm);
      assert.deepEqual(file.chain, [rootDer, issuingDer], algorithm);
    }
  });
});

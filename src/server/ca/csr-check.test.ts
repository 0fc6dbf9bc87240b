import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { JsonNameParams } from '@peculiar/x509';
import { toArrayBuffer, toPem } from '../../shared/crypto/bytes';
import { createCsr } from '../../shared/crypto/csr';
import { webcrypto, x509 } from '../../shared/crypto/engine';
import { generateSigningKeyPair, type KeyAlgorithmName } from '../../shared/crypto/keys';
import { employeeSubjectName } from '../../shared/crypto/names';
import { OID } from '../../shared/crypto/oids';
import { type CsrFailureCode, checkCsr, csrFailureMessage } from './csr-check';
import { EMPLOYEE, hasOpenssl, makeTempDir, openssl } from './testing';

const SERIAL = 'TINUA-3111923464';
const EXPECTED = { subjectSerialNumber: SERIAL, currentPublicKey: null };
const CODES: CsrFailureCode[] = ['CSR_MALFORMED', 'CSR_BAD_SIGNATURE', 'CSR_WEAK_KEY', 'CSR_WRONG_SUBJECT', 'CSR_SAME_KEY'];

type Result = Awaited<ReturnType<typeof checkCsr>>;

function passed(result: Result): Extract<Result, { ok: true }> {
  if (!result.ok) assert.fail(`expected an accepted CSR, got ${result.code}`);
  return result;
}

function failed(result: Result, code: CsrFailureCode) {
  if (result.ok) assert.fail(`expected ${code}, but the CSR was accepted (${result.keyAlgorithm})`);
  assert.equal(result.code, code);
}

const pem = (der: Uint8Array, label = 'CERTIFICATE REQUEST') => new TextEncoder().encode(toPem(label, der));

async function spki(key: CryptoKey): Promise<Uint8Array> {
  return new Uint8Array(await webcrypto.subtle.exportKey('spki', key));
}

/** A CSR signed with RSASSA-PKCS1-v1_5 of a given modulus length, made directly with x509. */
async function rsaCsr(modulusLength: number, subject: JsonNameParams = employeeSubjectName(EMPLOYEE)): Promise<Uint8Array> {
  const algorithm = { name: 'RSASSA-PKCS1-v1_5', modulusLength, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' };
  const keys = await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({ name: new x509.Name(subject), keys, signingAlgorithm: algorithm });
  return new Uint8Array(csr.rawData);
}

describe('checkCsr — accepted requests', () => {
  const CASES: { algorithm: KeyAlgorithmName; keyAlgorithm: string }[] = [
    { algorithm: 'ECDSA P-256', keyAlgorithm: 'ECDSA P-256' },
    { algorithm: 'ECDSA P-384', keyAlgorithm: 'ECDSA P-384' },
    { algorithm: 'RSA', keyAlgorithm: 'RSA-2048' },
  ];
  for (const { algorithm, keyAlgorithm } of CASES) {
    describe(algorithm, () => {
      let keys: CryptoKeyPair;
      let der: Uint8Array;
      before(async () => {
        keys = await generateSigningKeyPair(algorithm);
        der = await createCsr(keys, employeeSubjectName(EMPLOYEE));
      });

      it('DER is accepted, with the key algorithm and the same DER back', async () => {
        const result = passed(await checkCsr(der, EXPECTED));
        assert.equal(result.keyAlgorithm, keyAlgorithm);
        assert.deepEqual(result.der, der);
      });

      it('PEM (CERTIFICATE REQUEST) is accepted and gives the DER back', async () => {
        const result = passed(await checkCsr(pem(der), EXPECTED));
        assert.equal(result.keyAlgorithm, keyAlgorithm);
        assert.deepEqual(new Uint8Array(result.der), der);
      });

      it('PEM labelled NEW CERTIFICATE REQUEST, with text around it, is accepted', async () => {
        const text = `Запит на сертифікат\r\n${toPem('NEW CERTIFICATE REQUEST', der).replace(/\n/g, '\r\n')}кінець\n`;
        const result = passed(await checkCsr(new TextEncoder().encode(text), EXPECTED));
        assert.equal(result.keyAlgorithm, keyAlgorithm);
      });

      it('a different current public key does not matter', async () => {
        const other = await generateSigningKeyPair(algorithm);
        passed(await checkCsr(der, { subjectSerialNumber: SERIAL, currentPublicKey: await spki(other.publicKey) }));
      });

      it('the same public key as the current certificate → CSR_SAME_KEY', async () => {
        failed(await checkCsr(der, { subjectSerialNumber: SERIAL, currentPublicKey: await spki(keys.publicKey) }), 'CSR_SAME_KEY');
      });
    });
  }
});

describe('checkCsr — rejected requests', () => {
  let keys: CryptoKeyPair;
  let der: Uint8Array;
  before(async () => {
    keys = await generateSigningKeyPair('ECDSA P-256');
    der = await createCsr(keys, employeeSubjectName(EMPLOYEE));
  });

  it('garbage bytes → CSR_MALFORMED', async () => {
    failed(await checkCsr(new TextEncoder().encode('це не запит на сертифікат'), EXPECTED), 'CSR_MALFORMED');
    failed(await checkCsr(webcrypto.getRandomValues(new Uint8Array(300)), EXPECTED), 'CSR_MALFORMED');
  });

  it('empty input → CSR_MALFORMED', async () => {
    failed(await checkCsr(new Uint8Array(0), EXPECTED), 'CSR_MALFORMED');
  });

  it('a valid CSR followed by trailing bytes → CSR_MALFORMED', async () => {
    const trailing = new Uint8Array(der.length + 2);
    trailing.set(der);
    failed(await checkCsr(trailing, EXPECTED), 'CSR_MALFORMED');
  });

  it('a truncated CSR → CSR_MALFORMED', async () => {
    failed(await checkCsr(der.subarray(0, der.length - 10), EXPECTED), 'CSR_MALFORMED');
  });

  it('a PEM file without a certificate request block → CSR_MALFORMED', async () => {
    failed(await checkCsr(pem(der, 'CERTIFICATE'), EXPECTED), 'CSR_MALFORMED');
    failed(await checkCsr(new TextEncoder().encode('-----BEGIN CERTIFICATE REQUEST-----\n'), EXPECTED), 'CSR_MALFORMED');
  });

  it('well-formed DER that is not a PKCS#10 request → CSR_MALFORMED', async () => {
    const notCsr = new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x05]);
    failed(await checkCsr(notCsr, EXPECTED), 'CSR_MALFORMED');
  });

  it('a flipped signature byte → CSR_BAD_SIGNATURE', async () => {
    const tampered = der.slice();
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] as number) ^ 0x01;
    failed(await checkCsr(tampered, EXPECTED), 'CSR_BAD_SIGNATURE');
  });

  it('an RSA CSR with a flipped signature byte → CSR_BAD_SIGNATURE', async () => {
    const rsa = await createCsr(await generateSigningKeyPair('RSA'), employeeSubjectName(EMPLOYEE));
    const tampered = rsa.slice();
    tampered[tampered.length - 5] = (tampered[tampered.length - 5] as number) ^ 0x80;
    failed(await checkCsr(tampered, EXPECTED), 'CSR_BAD_SIGNATURE');
  });

  it('a changed subject (signed content) → CSR_BAD_SIGNATURE', async () => {
    // Swap one letter of the organization identifier (same length, so the DER stays well-formed).
    const tampered = der.slice();
    const needle = new TextEncoder().encode('NTRUA-01990016');
    const at = Buffer.from(tampered).indexOf(Buffer.from(needle));
    assert.ok(at > 0);
    tampered[at + needle.length - 1] = '7'.charCodeAt(0);
    failed(await checkCsr(tampered, EXPECTED), 'CSR_BAD_SIGNATURE');
  });

  it('an RSA-1024 key → CSR_WEAK_KEY', async () => {
    const weak = await rsaCsr(1024);
    // The request itself is sound: it is refused for the key only.
    assert.equal(await new x509.Pkcs10CertificateRequest(toArrayBuffer(weak)).verify(), true);
    failed(await checkCsr(weak, EXPECTED), 'CSR_WEAK_KEY');
    failed(await checkCsr(pem(weak), EXPECTED), 'CSR_WEAK_KEY');
  });

  it('an RSA-2048 request made directly with x509 is accepted (control for the RSA-1024 case)', async () => {
    const result = passed(await checkCsr(await rsaCsr(2048), EXPECTED));
    assert.equal(result.keyAlgorithm, 'RSA-2048');
  });

  it('a P-521 key → CSR_WEAK_KEY', async () => {
    const p521 = await createCsr(await generateSigningKeyPair('ECDSA P-521'), employeeSubjectName(EMPLOYEE));
    assert.equal(await new x509.Pkcs10CertificateRequest(toArrayBuffer(p521)).verify(), true);
    failed(await checkCsr(p521, EXPECTED), 'CSR_WEAK_KEY');
  });

  it('a request for another person (other serialNumber) → CSR_WRONG_SUBJECT', async () => {
    failed(await checkCsr(der, { subjectSerialNumber: 'TINUA-2945811230', currentPublicKey: null }), 'CSR_WRONG_SUBJECT');
    failed(await checkCsr(der, { subjectSerialNumber: 'PASUA-3111923464', currentPublicKey: null }), 'CSR_WRONG_SUBJECT');
    failed(await checkCsr(der, { subjectSerialNumber: 'TINUA-311192346', currentPublicKey: null }), 'CSR_WRONG_SUBJECT');
  });

  it('a request without serialNumber → CSR_WRONG_SUBJECT', async () => {
    const subject: JsonNameParams = [
      { [OID.commonName]: [{ utf8String: 'Коваленко Олена Петрівна' }] },
      { [OID.country]: [{ printableString: 'UA' }] },
    ];
    const noSerial = await createCsr(await generateSigningKeyPair('ECDSA P-256'), subject);
    failed(await checkCsr(noSerial, EXPECTED), 'CSR_WRONG_SUBJECT');
  });

  it('a request of the same person but in the organizationIdentifier only → CSR_WRONG_SUBJECT', async () => {
    const subject: JsonNameParams = [{ [OID.organizationIdentifier]: [{ printableString: SERIAL }] }];
    const misplaced = await createCsr(await generateSigningKeyPair('ECDSA P-256'), subject);
    failed(await checkCsr(misplaced, EXPECTED), 'CSR_WRONG_SUBJECT');
  });

  it('the serialNumber comparison ignores case and spaces', async () => {
    passed(await checkCsr(der, { subjectSerialNumber: 'tinua-3111923464', currentPublicKey: null }));
    passed(await checkCsr(der, { subjectSerialNumber: ' TINUA - 3111 923 464 ', currentPublicKey: null }));
    const subject: JsonNameParams = [
      { [OID.commonName]: [{ utf8String: 'Коваленко Олена Петрівна' }] },
      { [OID.serialNumber]: [{ printableString: 'tinua 3111923464' }] },
    ];
    const lower = await createCsr(await generateSigningKeyPair('ECDSA P-256'), subject);
    passed(await checkCsr(lower, { subjectSerialNumber: 'TINUA3111923464', currentPublicKey: null }));
  });

  it('a passport-based serialNumber (PASUA-, Cyrillic) matches', async () => {
    const person = { ...EMPLOYEE, identityKind: 'passport' as const, identityCode: 'КА 123456' };
    const csr = await createCsr(await generateSigningKeyPair('ECDSA P-256'), employeeSubjectName(person));
    passed(await checkCsr(csr, { subjectSerialNumber: 'PASUA-КА123456', currentPublicKey: null }));
    failed(await checkCsr(csr, EXPECTED), 'CSR_WRONG_SUBJECT');
  });

  it('the key is checked before the subject: a P-521 request for another person is CSR_WEAK_KEY', async () => {
    const p521 = await createCsr(await generateSigningKeyPair('ECDSA P-521'), employeeSubjectName(EMPLOYEE));
    failed(await checkCsr(p521, { subjectSerialNumber: 'TINUA-2945811230', currentPublicKey: null }), 'CSR_WEAK_KEY');
  });
});

describe('checkCsr — requests made by OpenSSL', { skip: hasOpenssl ? false : 'openssl is not installed' }, () => {
  let dir: string;
  let cleanup: () => void;
  const subj = '/CN=Kovalenko Olena/serialNumber=TINUA-3111923464/C=UA';

  before(() => {
    ({ dir, cleanup } = makeTempDir('kep-csr-test-'));
  });
  after(() => cleanup());

  const opensslCsr = (name: string, newkey: string[], format: 'PEM' | 'DER' = 'PEM') => {
    const out = path.join(dir, `${name}.csr`);
    openssl(['req', '-new', ...newkey, '-nodes', '-keyout', path.join(dir, `${name}.key`), '-subj', subj, '-outform', format, '-out', out]);
    return new Uint8Array(readFileSync(out));
  };

  it('a P-256 request (PEM) and an RSA-3072 request (DER) are accepted', async () => {
    const ec = passed(await checkCsr(opensslCsr('p256', ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256']), EXPECTED));
    assert.equal(ec.keyAlgorithm, 'ECDSA P-256');
    const rsa = passed(await checkCsr(opensslCsr('rsa3072', ['-newkey', 'rsa:3072'], 'DER'), EXPECTED));
    assert.equal(rsa.keyAlgorithm, 'RSA-3072');
  });

  it('a secp256k1 and an Ed25519 key → CSR_WEAK_KEY', async () => {
    failed(await checkCsr(opensslCsr('k1', ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:secp256k1']), EXPECTED), 'CSR_WEAK_KEY');
    failed(await checkCsr(opensslCsr('ed', ['-newkey', 'ed25519']), EXPECTED), 'CSR_WEAK_KEY');
  });

  it('an RSA-2040 key → CSR_WEAK_KEY', async () => {
    failed(await checkCsr(opensslCsr('rsa2040', ['-newkey', 'rsa:2040']), EXPECTED), 'CSR_WEAK_KEY');
  });

  it('an RSA-2047 key → CSR_WEAK_KEY', async () => {
    failed(await checkCsr(opensslCsr('rsa2047', ['-newkey', 'rsa:2047']), EXPECTED), 'CSR_WEAK_KEY');
  });
});

describe('csrFailureMessage', () => {
  it('every code has a non-empty Ukrainian message, all distinct', () => {
    const messages = CODES.map((code) => csrFailureMessage(code, SERIAL));
    for (const [i, message] of messages.entries()) {
      assert.equal(typeof message, 'string', CODES[i]);
      assert.ok(message.trim().length > 10, `${CODES[i]}: ${message}`);
      assert.match(message, /[А-Яа-яІіЇїЄєҐґ]/, `${CODES[i]} is not Ukrainian: ${message}`);
      assert.doesNotMatch(message, /undefined|null/);
    }
    assert.equal(new Set(messages).size, CODES.length);
  });

  it('CSR_WRONG_SUBJECT names the expected serialNumber', () => {
    assert.ok(csrFailureMessage('CSR_WRONG_SUBJECT', SERIAL).includes(SERIAL));
    assert.ok(csrFailureMessage('CSR_WRONG_SUBJECT', 'PASUA-КА123456').includes('PASUA-КА123456'));
  });

  it('CSR_WEAK_KEY names the accepted keys', () => {
    const message = csrFailureMessage('CSR_WEAK_KEY', SERIAL);
    assert.match(message, /P-256/);
    assert.match(message, /2048/);
  });
});

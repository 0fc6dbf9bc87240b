import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { toArrayBuffer, toHex, toPem } from '../../shared/crypto/bytes';
import { pkijs, type x509 } from '../../shared/crypto/engine';
import { OID } from '../../shared/crypto/oids';
import { der, hasOpenssl, issueSigner, makeTempDir, makeTestCa, openssl, type TestCa, type TestSigner } from './testing';
import { BundleError, fingerprintOf, parseCaBundle } from './trust-store';

const NOW = new Date();
const UKRAINIAN = /[А-Яа-яІіЇїЄєҐґ]/;
const encode = (text: string) => new TextEncoder().encode(text);
const pem = (certificate: x509.X509Certificate) => toPem('CERTIFICATE', der(certificate));
const hexes = (certificates: x509.X509Certificate[]) => certificates.map((c) => toHex(der(c)));

/** Asserts parseCaBundle refuses the bytes with a Ukrainian BundleError; returns its message. */
function refused(bytes: Uint8Array, message?: RegExp): string {
  let caught: unknown;
  assert.throws(
    () => parseCaBundle(bytes),
    (error: unknown) => {
      caught = error;
      return true;
    },
  );
  assert.ok(caught instanceof BundleError, `expected BundleError, got ${String(caught)}`);
  assert.match(caught.message, UKRAINIAN, `not a Ukrainian message: ${caught.message}`);
  if (message) assert.match(caught.message, message);
  return caught.message;
}

/** A PKCS#7 SignedData ("certs-only", like a .p7b) holding the certificates, made with pkijs. */
function p7b(certificates: x509.X509Certificate[], contentType: string = OID.signedData): Uint8Array {
  const signed = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    certificates: certificates.map((c) => pkijs.Certificate.fromBER(toArrayBuffer(der(c)))),
  });
  const info = new pkijs.ContentInfo({ contentType, content: signed.toSchema(true) });
  return new Uint8Array(info.toSchema().toBER(false));
}

describe('parseCaBundle', () => {
  let t: TestCa;
  let employee: TestSigner;

  before(async () => {
    t = await makeTestCa({ now: NOW });
    employee = await issueSigner(t.ca, { algorithm: 'ECDSA P-256', now: NOW });
  });
  after(() => t.cleanup());

  describe('accepted bundles', () => {
    it('PEM with root and issuing CA: both, in order', () => {
      const bundle = encode(pem(t.ca.root) + pem(t.ca.issuing));
      const certificates = parseCaBundle(bundle);
      assert.deepEqual(hexes(certificates), hexes([t.ca.root, t.ca.issuing]));
    });

    it('PEM with CRLF line ends, comments between blocks and a non-certificate block ignored', () => {
      const text = [
        'Кореневий сертифікат:',
        pem(t.ca.root),
        '-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----',
        '# issuing',
        pem(t.ca.issuing),
      ]
        .join('\n')
        .replace(/\n/g, '\r\n');
      assert.deepEqual(hexes(parseCaBundle(encode(text))), hexes([t.ca.root, t.ca.issuing]));
    });

    it('a single PEM certificate', () => {
      assert.deepEqual(hexes(parseCaBundle(encode(pem(t.ca.issuing)))), hexes([t.ca.issuing]));
    });

    it('a DER certificate', () => {
      const certificates = parseCaBundle(der(t.ca.root));
      assert.equal(certificates.length, 1);
      assert.deepEqual(hexes(certificates), hexes([t.ca.root]));
      assert.equal(certificates[0]?.subject, t.ca.root.subject);
    });

    it('a DER certificate followed by trailing bytes is refused or trimmed', () => {
      const padded = new Uint8Array([...der(t.ca.root), 0xde, 0xad, 0xbe, 0xef]);
      let certificates: x509.X509Certificate[] | null = null;
      try {
        certificates = parseCaBundle(padded);
      } catch (error) {
        assert.ok(error instanceof BundleError);
      }
      if (certificates) assert.deepEqual(hexes(certificates), hexes([t.ca.root]));
    });

    it('a DER certificate in a Uint8Array view with an offset (Buffer slice)', () => {
      const padded = Buffer.concat([Buffer.from([1, 2, 3]), Buffer.from(der(t.ca.issuing))]);
      assert.deepEqual(hexes(parseCaBundle(padded.subarray(3))), hexes([t.ca.issuing]));
    });

    it('a DER .p7b made with pkijs, and its PEM (PKCS7) form', () => {
      const bytes = p7b([t.ca.root, t.ca.issuing]);
      assert.deepEqual(new Set(hexes(parseCaBundle(bytes))), new Set(hexes([t.ca.root, t.ca.issuing])));
      const text = encode(toPem('PKCS7', bytes));
      assert.deepEqual(new Set(hexes(parseCaBundle(text))), new Set(hexes([t.ca.root, t.ca.issuing])));
    });

    it('PEM mixing a CERTIFICATE block and a PKCS7 block', () => {
      const text = encode(pem(t.ca.root) + toPem('PKCS7', p7b([t.ca.issuing])));
      assert.deepEqual(hexes(parseCaBundle(text)), hexes([t.ca.root, t.ca.issuing]));
    });

    it('fingerprintOf is the upper-case SHA-256 of the DER', async () => {
      const { createHash } = await import('node:crypto');
      const expected = createHash('sha256').update(der(t.ca.root)).digest('hex').toUpperCase();
      assert.equal(await fingerprintOf(t.ca.root), expected);
    });
  });

  describe('bundles made by OpenSSL', { skip: hasOpenssl ? false : 'openssl is not installed' }, () => {
    let dir: string;
    let cleanup: () => void;
    before(() => {
      ({ dir, cleanup } = makeTempDir('kep-bundle-test-'));
      writeFileSync(path.join(dir, 'bundle.pem'), pem(t.ca.root) + pem(t.ca.issuing));
      writeFileSync(path.join(dir, 'employee.pem'), pem(employee.certificate));
    });
    after(() => cleanup());

    const crl2pkcs7 = (certfile: string, outform: 'DER' | 'PEM', name: string) => {
      const out = path.join(dir, name);
      openssl(['crl2pkcs7', '-nocrl', '-certfile', path.join(dir, certfile), '-outform', outform, '-out', out]);
      return new Uint8Array(readFileSync(out));
    };

    it('a DER .p7b from `openssl crl2pkcs7 -nocrl`', () => {
      const bytes = crl2pkcs7('bundle.pem', 'DER', 'bundle.p7b');
      assert.deepEqual(new Set(hexes(parseCaBundle(bytes))), new Set(hexes([t.ca.root, t.ca.issuing])));
    });

    it('the PEM form of that .p7b (-----BEGIN PKCS7-----)', () => {
      const bytes = crl2pkcs7('bundle.pem', 'PEM', 'bundle.p7b.pem');
      assert.match(new TextDecoder().decode(bytes), /-----BEGIN PKCS7-----/);
      assert.deepEqual(new Set(hexes(parseCaBundle(bytes))), new Set(hexes([t.ca.root, t.ca.issuing])));
    });

    it('a DER certificate written by `openssl x509 -outform DER`', () => {
      const out = path.join(dir, 'root.cer');
      openssl(['x509', '-in', path.join(dir, 'bundle.pem'), '-outform', 'DER', '-out', out]);
      assert.deepEqual(hexes(parseCaBundle(new Uint8Array(readFileSync(out)))), hexes([t.ca.root]));
    });

    it('a TRUSTED CERTIFICATE from `openssl x509 -trustout` gives the certificate', () => {
      const out = path.join(dir, 'trusted.pem');
      openssl(['x509', '-in', path.join(dir, 'bundle.pem'), '-trustout', '-addtrust', 'anyExtendedKeyUsage', '-out', out]);
      const bytes = new Uint8Array(readFileSync(out));
      assert.match(new TextDecoder().decode(bytes), /-----BEGIN TRUSTED CERTIFICATE-----/);
      const certificates = parseCaBundle(bytes);
      assert.equal(certificates.length, 1);
      assert.equal(certificates[0]?.serialNumber, t.ca.root.serialNumber);
      assert.equal(certificates[0]?.subject, t.ca.root.subject);
    });

    it('a TRUSTED CERTIFICATE gives exactly the certificate DER (without the trust settings)', async () => {
      const out = path.join(dir, 'trusted2.pem');
      openssl(['x509', '-in', path.join(dir, 'bundle.pem'), '-trustout', '-addtrust', 'anyExtendedKeyUsage', '-out', out]);
      const [certificate] = parseCaBundle(new Uint8Array(readFileSync(out)));
      assert.ok(certificate);
      assert.deepEqual(hexes([certificate]), hexes([t.ca.root]));
      assert.equal(await fingerprintOf(certificate), await fingerprintOf(t.ca.root));
    });

    it('a .p7b with an employee certificate → BundleError naming it', () => {
      writeFileSync(path.join(dir, 'mixed.pem'), pem(t.ca.root) + pem(employee.certificate));
      const message = refused(crl2pkcs7('mixed.pem', 'DER', 'mixed.p7b'), /не є сертифікатом ЦСК/);
      assert.ok(message.includes('Коваленко Олена Петрівна'), message);
    });
  });

  describe('refused bundles', () => {
    it('an end-entity certificate (PEM) among CA certificates → BundleError naming it', () => {
      const message = refused(encode(pem(t.ca.root) + pem(employee.certificate) + pem(t.ca.issuing)), /не є сертифікатом ЦСК/);
      assert.ok(message.includes(employee.certificate.subject), message);
      assert.ok(message.includes('Коваленко Олена Петрівна'), message);
    });

    it('an end-entity certificate alone (DER) → BundleError naming it', () => {
      const message = refused(employee.der, /не є сертифікатом ЦСК/);
      assert.ok(message.includes('Коваленко'), message);
    });

    it('an end-entity certificate inside a .p7b → BundleError', () => {
      refused(p7b([t.ca.issuing, employee.certificate]), /не є сертифікатом ЦСК/);
    });

    it('garbage text → BundleError', () => {
      refused(encode('це не сертифікат, а просто текст'));
      refused(encode('hello world'));
    });

    it('random bytes → BundleError', () => {
      refused(crypto.getRandomValues(new Uint8Array(512)));
      refused(new Uint8Array([0x30, 0x82, 0xff, 0xff, 0x01]));
    });

    it('well-formed DER that is neither a certificate nor a PKCS#7 → BundleError', () => {
      refused(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x05]));
    });

    it('an empty file → BundleError', () => {
      refused(new Uint8Array(0));
    });

    it('a PEM with no certificate → BundleError "no certificate"', () => {
      refused(encode('-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n'), /немає жодного сертифіката/);
    });

    it('a text mentioning -----BEGIN but without a complete block → BundleError "no certificate"', () => {
      refused(encode('-----BEGIN CERTIFICATE-----\nMIIB\n'), /немає жодного сертифіката/);
    });

    it('a .p7b holding no certificates → BundleError "no certificate"', () => {
      refused(p7b([]), /немає жодного сертифіката/);
      refused(encode(toPem('PKCS7', p7b([]))), /немає жодного сертифіката/);
    });

    it('a PKCS#7 that is not SignedData → BundleError ".p7b"', () => {
      refused(p7b([t.ca.root], OID.data), /PKCS#7/);
    });

    it('a CERTIFICATE block with damaged content → BundleError', () => {
      const bytes = der(t.ca.root).slice(0, 100);
      refused(encode(pem(t.ca.issuing) + toPem('CERTIFICATE', bytes)));
    });

    it('all messages are distinct per cause', () => {
      const messages = new Set([
        refused(encode('hello world')),
        refused(encode('-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n')),
        refused(employee.der),
      ]);
      assert.equal(messages.size, 3);
    });
  });
});

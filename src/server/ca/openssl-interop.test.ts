/**
 * Interoperability with OpenSSL (Debian's /usr/bin/openssl): what the cabinet signs, writes and
 * requests is accepted by OpenSSL, and what OpenSSL makes is accepted by the cabinet.
 * OpenSSL checks certificates against the real clock, so everything here is made "now".
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { toPem } from '../../shared/crypto/bytes';
import { signDetached } from '../../shared/crypto/cades';
import { createCsr } from '../../shared/crypto/csr';
import { webcrypto } from '../../shared/crypto/engine';
import type { KeyAlgorithmName } from '../../shared/crypto/keys';
import { employeeSubjectName } from '../../shared/crypto/names';
import { createPkcs12, KeyFileError, type KeyFileErrorCode, readPkcs12 } from '../../shared/crypto/pkcs12';
import { checkSignerIdentity } from '../../shared/domain/signature';
import {
  DAY,
  EMPLOYEE,
  hasOpenssl,
  issueSigner,
  makeTestCa,
  OPENSSL,
  openssl,
  statementPdf,
  type TestCa,
  type TestSigner,
} from './testing';
import { type VerifyCmsInput, type VerifyCmsResult, verifyCms } from './verify';

const PASSWORD = 'demo-Пароль-12345';

const CASES: { algorithm: KeyAlgorithmName; signatureAlgorithm: string }[] = [
  { algorithm: 'ECDSA P-256', signatureAlgorithm: 'ECDSA P-256 / SHA-256' },
  { algorithm: 'RSA', signatureAlgorithm: 'RSA-2048 / SHA-256' },
];

const opensslHasCades = hasOpenssl && /-cades\b/.test(spawnSync(OPENSSL, ['cms', '-help'], { encoding: 'utf8' }).stderr ?? '');

function passed(result: VerifyCmsResult): Extract<VerifyCmsResult, { ok: true }> {
  if (!result.ok) assert.fail(`expected a valid signature, got ${result.code} ${JSON.stringify(result.detail ?? {})}`);
  return result;
}

function failed(result: VerifyCmsResult, code: Extract<VerifyCmsResult, { ok: false }>['code']) {
  if (result.ok) assert.fail(`expected ${code}, but the signature was accepted`);
  assert.equal(result.code, code);
}

async function rejectsWith(promise: Promise<unknown>, code: KeyFileErrorCode) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof KeyFileError, `expected KeyFileError, got ${String(error)}`);
    assert.equal(error.code, code);
    return true;
  });
}

for (const { algorithm, signatureAlgorithm } of CASES) {
  describe(`OpenSSL interop — ${algorithm}`, { skip: hasOpenssl ? false : `${OPENSSL} is not installed` }, () => {
    const content = statementPdf();
    let t: TestCa;
    let signer: TestSigner;
    let file: (name: string) => string;

    const verify = (cms: Uint8Array, extra: Partial<VerifyCmsInput> = {}) =>
      verifyCms({
        cms,
        expectedContent: content,
        trust: { anchors: t.ca.certificates },
        isRevoked: async () => null,
        now: new Date(),
        ...extra,
      });

    /** `openssl cms -sign` of statement.pdf with the employee's key; returns the CMS (DER). */
    const opensslSign = (name: string, options: string[]) => {
      openssl([
        'cms',
        '-sign',
        '-binary',
        '-outform',
        'DER',
        ...options,
        '-signer',
        file('cert.pem'),
        '-inkey',
        file('key.pem'),
        '-certfile',
        file('issuing.pem'),
        '-in',
        file('statement.pdf'),
        '-out',
        file(name),
      ]);
      return new Uint8Array(readFileSync(file(name)));
    };

    before(async () => {
      const now = new Date();
      t = await makeTestCa({ now });
      file = (name) => path.join(t.dir, name);
      signer = await issueSigner(t.ca, { algorithm, now, notBefore: new Date(now.getTime() - DAY) });
      const pkcs8 = new Uint8Array(await webcrypto.subtle.exportKey('pkcs8', signer.keys.privateKey));
      writeFileSync(file('ca.pem'), toPem('CERTIFICATE', new Uint8Array(t.ca.root.rawData)));
      writeFileSync(file('issuing.pem'), toPem('CERTIFICATE', new Uint8Array(t.ca.issuing.rawData)));
      writeFileSync(file('cert.pem'), toPem('CERTIFICATE', signer.der));
      writeFileSync(file('key.pem'), toPem('PRIVATE KEY', pkcs8), { mode: 0o600 });
      writeFileSync(file('statement.pdf'), content);
      writeFileSync(file('other.pdf'), statementPdf('інший документ'));
    });
    after(() => t?.cleanup());

    it('(a) a signature made by signDetached verifies in `openssl cms -verify`', async () => {
      const signature = await signDetached({
        content,
        privateKey: signer.keys.privateKey,
        certificate: signer.der,
        chain: [new Uint8Array(t.ca.issuing.rawData)],
        signingTime: new Date(),
      });
      writeFileSync(file('sig.p7s'), signature);
      const verifyArgs = (contentFile: string) => [
        'cms',
        '-verify',
        '-binary',
        '-inform',
        'DER',
        '-in',
        file('sig.p7s'),
        '-content',
        file(contentFile),
        '-CAfile',
        file('ca.pem'),
        '-purpose',
        'any',
        '-out',
        '/dev/null',
      ];
      assert.match(openssl(verifyArgs('statement.pdf')), /Verification successful/);
      // OpenSSL really checks it: another document fails.
      assert.throws(() => openssl(verifyArgs('other.pdf')), /digest failure|Verification failure/);
      // And it sees the CAdES signing-certificate-v2 attribute.
      assert.match(openssl(['cms', '-cmsout', '-print', '-inform', 'DER', '-in', file('sig.p7s')]), /id-smime-aa-signingCertificateV2/);
    });

    it('(a) an attached signDetached signature verifies in OpenSSL and gives back the document', async () => {
      const signature = await signDetached({
        content,
        privateKey: signer.keys.privateKey,
        certificate: signer.der,
        chain: [new Uint8Array(t.ca.issuing.rawData)],
        signingTime: new Date(),
        attached: true,
      });
      writeFileSync(file('attached-ours.p7s'), signature);
      openssl([
        'cms',
        '-verify',
        '-binary',
        '-inform',
        'DER',
        '-in',
        file('attached-ours.p7s'),
        '-CAfile',
        file('ca.pem'),
        '-purpose',
        'any',
        '-out',
        file('extracted.pdf'),
      ]);
      assert.deepEqual(new Uint8Array(readFileSync(file('extracted.pdf'))), content);
    });

    it('(b) an attached `openssl cms -sign -nodetach` signature is valid, format CMS', async () => {
      const cms = opensslSign('attached.p7s', ['-nodetach', '-md', 'sha256']);
      const alone = passed(await verify(cms, { expectedContent: undefined }));
      assert.equal(alone.report.format, 'CMS', 'OpenSSL adds no signing-certificate-v2 without -cades');
      assert.equal(alone.report.detached, false);
      assert.equal(alone.report.signatureAlgorithm, signatureAlgorithm);
      assert.equal(alone.report.subjectSerialNumber, 'TINUA-3111923464');
      assert.ok(alone.report.signingTime, 'OpenSSL adds signing-time');
      assert.deepEqual(alone.content, content);
      assert.equal(
        checkSignerIdentity(alone.report, {
          identityCode: '3111923464',
          identityKind: 'rnokpp',
          fullName: 'Коваленко Олена Петрівна',
          edrpou: '01990016',
        }),
        null,
      );
      const withContent = passed(await verify(cms));
      assert.equal(withContent.report.format, 'CMS');
      failed(await verify(cms, { expectedContent: statementPdf('інший документ') }), 'CONTENT_MISMATCH');
    });

    it('(b) a detached `openssl cms -sign` signature is valid with the document, format CMS', async () => {
      const cms = opensslSign('detached.p7s', ['-md', 'sha256']);
      const result = passed(await verify(cms));
      assert.equal(result.report.format, 'CMS');
      assert.equal(result.report.detached, true);
      assert.equal(result.report.signatureAlgorithm, signatureAlgorithm);
      failed(await verify(cms, { expectedContent: undefined }), 'NO_CONTENT');
      failed(await verify(cms, { expectedContent: statementPdf('інший документ') }), 'CONTENT_MISMATCH');
    });

    it('(b) `openssl cms -sign -cades` gives CAdES-BES', { skip: opensslHasCades ? false : 'this OpenSSL has no -cades' }, async () => {
      const attached = passed(await verify(opensslSign('cades-attached.p7s', ['-nodetach', '-md', 'sha256', '-cades'])));
      assert.equal(attached.report.format, 'CAdES-BES');
      assert.equal(attached.report.detached, false);
      const detached = passed(await verify(opensslSign('cades-detached.p7s', ['-md', 'sha256', '-cades'])));
      assert.equal(detached.report.format, 'CAdES-BES');
      assert.equal(detached.report.detached, true);
    });

    it('(b) other OpenSSL forms: signer by subjectKeyIdentifier (-keyid), streamed BER (-stream), PEM output', async () => {
      const big = new Uint8Array(20_000).map((_, i) => (i * 7) & 0xff);
      writeFileSync(file('big.pdf'), big);
      const sign = (name: string, options: string[]) => {
        openssl([
          'cms',
          '-sign',
          '-binary',
          ...options,
          '-md',
          'sha256',
          '-signer',
          file('cert.pem'),
          '-inkey',
          file('key.pem'),
          '-certfile',
          file('issuing.pem'),
          '-in',
          file('big.pdf'),
          '-out',
          file(name),
        ]);
        return new Uint8Array(readFileSync(file(name)));
      };
      const check = async (cms: Uint8Array, label: string) => {
        const result = await verify(cms, { expectedContent: big });
        if (!result.ok) assert.fail(`${label}: ${result.code}`);
        assert.equal(result.report.signatureAlgorithm, signatureAlgorithm, label);
      };
      await check(sign('keyid.p7s', ['-outform', 'DER', '-nodetach', '-keyid']), '-keyid attached');
      await check(sign('keyid-detached.p7s', ['-outform', 'DER', '-keyid']), '-keyid detached');
      const streamed = sign('stream.p7s', ['-outform', 'DER', '-nodetach', '-stream']);
      assert.equal(streamed[1], 0x80, 'indefinite-length BER');
      await check(streamed, '-stream attached');
      await check(sign('stream-detached.p7s', ['-outform', 'DER', '-stream']), '-stream detached');
      await check(sign('pem.p7s', ['-outform', 'PEM', '-nodetach']), 'PEM');
    });

    it('(e) `openssl cms -sign -md sha1` → WEAK_ALGORITHM', async () => {
      const cms = opensslSign('sha1.p7s', ['-nodetach', '-md', 'sha1']);
      failed(await verify(cms), 'WEAK_ALGORITHM');
    });

    it('`openssl cms -sign -noattr` (no signed attributes) → NO_SIGNED_ATTRIBUTES', async () => {
      const cms = opensslSign('noattr.p7s', ['-nodetach', '-md', 'sha256', '-noattr']);
      failed(await verify(cms), 'NO_SIGNED_ATTRIBUTES');
    });

    it('(c) a PKCS#12 written by createPkcs12 opens in `openssl pkcs12` with OpenSSL 3 default algorithms', async () => {
      const p12 = await createPkcs12({
        privateKey: signer.keys.privateKey,
        certificates: [signer.der, new Uint8Array(t.ca.issuing.rawData)],
        password: PASSWORD,
      });
      writeFileSync(file('ours.p12'), p12);
      openssl(['pkcs12', '-in', file('ours.p12'), '-passin', `pass:${PASSWORD}`, '-noout']);
      const info = openssl(['pkcs12', '-in', file('ours.p12'), '-passin', `pass:${PASSWORD}`, '-info', '-noout']);
      assert.match(info, /MAC: sha256/);
      assert.match(info, /Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC, Iteration 100000, PRF hmacWithSHA256/);
      assert.match(info, /PKCS7 Encrypted data: PBES2, PBKDF2, AES-256-CBC/);
      assert.throws(
        () => openssl(['pkcs12', '-in', file('ours.p12'), '-passin', 'pass:wrong', '-noout']),
        /mac verify failure|invalid password/i,
      );
      // OpenSSL finds the same key and certificate in it.
      const pem = openssl(['pkcs12', '-in', file('ours.p12'), '-passin', `pass:${PASSWORD}`, '-nodes', '-clcerts', '-nokeys']);
      assert.ok(pem.includes(toPem('CERTIFICATE', signer.der).trim()));
    });

    it('(c) a PKCS#12 made by `openssl pkcs12 -export` (OpenSSL 3 defaults) is read, with the right certificate', async () => {
      openssl([
        'pkcs12',
        '-export',
        '-inkey',
        file('key.pem'),
        '-in',
        file('cert.pem'),
        '-certfile',
        file('issuing.pem'),
        '-passout',
        `pass:${PASSWORD}`,
        '-out',
        file('openssl.p12'),
      ]);
      const bytes = new Uint8Array(readFileSync(file('openssl.p12')));
      const keyFile = await readPkcs12(bytes, PASSWORD);
      assert.deepEqual(keyFile.certificate, signer.der);
      assert.deepEqual(keyFile.chain, [new Uint8Array(t.ca.issuing.rawData)]);
      // The key read from OpenSSL's file signs valid signatures.
      const cms = await signDetached({ content, privateKey: keyFile.privateKey, certificate: keyFile.certificate, chain: keyFile.chain });
      passed(await verify(cms));
      await rejectsWith(readPkcs12(bytes, 'wrong'), 'WRONG_PASSWORD');
    });

    it('(c) a legacy PKCS#12 (3DES, SHA-1 MAC) → UNSUPPORTED_ENCRYPTION, or WRONG_PASSWORD with a wrong password', async () => {
      openssl([
        'pkcs12',
        '-export',
        '-keypbe',
        'PBE-SHA1-3DES',
        '-certpbe',
        'PBE-SHA1-3DES',
        '-macalg',
        'sha1',
        '-inkey',
        file('key.pem'),
        '-in',
        file('cert.pem'),
        '-passout',
        `pass:${PASSWORD}`,
        '-out',
        file('legacy.p12'),
      ]);
      const bytes = new Uint8Array(readFileSync(file('legacy.p12')));
      await rejectsWith(readPkcs12(bytes, PASSWORD), 'UNSUPPORTED_ENCRYPTION');
      await rejectsWith(readPkcs12(bytes, 'wrong'), 'WRONG_PASSWORD');
    });

    it('(c) other `openssl pkcs12 -export` variants: no MAC, no encryption, no key, no certificate', async () => {
      const exportP12 = (name: string, options: string[]) => {
        openssl(['pkcs12', '-export', ...options, '-passout', `pass:${PASSWORD}`, '-out', file(name)]);
        return new Uint8Array(readFileSync(file(name)));
      };
      const withKeyAndCert = ['-inkey', file('key.pem'), '-in', file('cert.pem')];
      assert.deepEqual((await readPkcs12(exportP12('nomac.p12', ['-nomac', ...withKeyAndCert]), PASSWORD)).certificate, signer.der);
      const plain = exportP12('plain.p12', ['-keypbe', 'NONE', '-certpbe', 'NONE', ...withKeyAndCert]);
      assert.deepEqual((await readPkcs12(plain, PASSWORD)).certificate, signer.der);
      await rejectsWith(readPkcs12(plain, 'wrong'), 'WRONG_PASSWORD');
      await rejectsWith(readPkcs12(exportP12('nokey.p12', ['-nokeys', '-in', file('cert.pem')]), PASSWORD), 'NO_PRIVATE_KEY');
      await rejectsWith(readPkcs12(exportP12('nocert.p12', ['-nocerts', '-inkey', file('key.pem')]), PASSWORD), 'NO_CERTIFICATE');
    });

    it('(d) a CSR from createCsr passes `openssl req -verify`', async () => {
      const csr = await createCsr(signer.keys, employeeSubjectName(EMPLOYEE));
      writeFileSync(file('req.der'), csr);
      const out = openssl(['req', '-inform', 'DER', '-in', file('req.der'), '-verify', '-noout']);
      assert.match(out, /verify OK|Certificate request self-signature verify OK/i);
      const subject = openssl(['req', '-inform', 'DER', '-in', file('req.der'), '-noout', '-subject', '-nameopt', 'utf8,sep_comma_plus']);
      assert.match(subject, /serialNumber\s*=\s*TINUA-3111923464/);
      assert.match(subject, /CN\s*=\s*Коваленко Олена Петрівна/);
    });
  });
}

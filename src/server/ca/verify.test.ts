import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import * as asn1js from 'asn1js';
import { toArrayBuffer, toPem } from '../../shared/crypto/bytes';
import { signDetached } from '../../shared/crypto/cades';
import { pkijs, type x509 } from '../../shared/crypto/engine';
import type { KeyAlgorithmName } from '../../shared/crypto/keys';
import { OID } from '../../shared/crypto/oids';
import { checkSignerIdentity, type SignerExpectation } from '../../shared/domain/signature';
import {
  DAY,
  EMPLOYEE,
  EMPLOYEE_ELSEWHERE,
  encodeSignedData,
  issueSigner,
  makeTestCa,
  OTHER_EMPLOYEE,
  parseSignedData,
  statementPdf,
  type TestCa,
  type TestSigner,
  withFlippedSignatureByte,
  withoutCertificates,
} from './testing';
import { type VerifyCmsInput, type VerifyCmsResult, verifyCms } from './verify';

const NOW = new Date('2025-03-12T10:00:00.000Z');
const SIGNED_AT = new Date(NOW.getTime() - 60_000);
const MINUTE = 60_000;

const ALGORITHMS: { algorithm: KeyAlgorithmName; signatureAlgorithm: string; digest: string }[] = [
  { algorithm: 'ECDSA P-256', signatureAlgorithm: 'ECDSA P-256 / SHA-256', digest: 'SHA-256' },
  { algorithm: 'ECDSA P-384', signatureAlgorithm: 'ECDSA P-384 / SHA-384', digest: 'SHA-384' },
  { algorithm: 'RSA', signatureAlgorithm: 'RSA-2048 / SHA-256', digest: 'SHA-256' },
];

const EXPECTED_EMPLOYEE: SignerExpectation = {
  identityCode: EMPLOYEE.identityCode,
  identityKind: 'rnokpp',
  fullName: `${EMPLOYEE.lastName} ${EMPLOYEE.firstAndMiddleName}`,
  edrpou: EMPLOYEE.edrpou,
};

type Failed = Extract<VerifyCmsResult, { ok: false }>;
type Passed = Extract<VerifyCmsResult, { ok: true }>;

function passed(result: VerifyCmsResult): Passed {
  if (!result.ok) assert.fail(`expected a valid signature, got ${result.code} ${JSON.stringify(result.detail ?? {})}`);
  return result;
}

function failed(result: VerifyCmsResult, code: Failed['code']): Failed {
  if (result.ok) assert.fail(`expected ${code}, but the signature was accepted`);
  assert.equal(result.code, code);
  return result;
}

const notRevoked = async () => null;

function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex').toUpperCase();
}

for (const { algorithm, signatureAlgorithm, digest } of ALGORITHMS) {
  describe(`verifyCms — підписувач ${algorithm}`, () => {
    const content = statementPdf();
    let t: TestCa;
    let foreign: TestCa;
    let signer: TestSigner;
    let signature: Uint8Array;
    let chain: Uint8Array[];

    const verify = (cms: Uint8Array, extra: Partial<VerifyCmsInput> = {}) =>
      verifyCms({ cms, expectedContent: content, trust: { anchors: t.ca.certificates }, isRevoked: notRevoked, now: NOW, ...extra });

    const sign = (s: TestSigner, extra: { content?: Uint8Array; signingTime?: Date; attached?: boolean; chain?: Uint8Array[] } = {}) =>
      signDetached({
        content: extra.content ?? content,
        privateKey: s.keys.privateKey,
        certificate: s.der,
        chain: extra.chain ?? chain,
        signingTime: extra.signingTime ?? SIGNED_AT,
        ...(extra.attached ? { attached: true } : {}),
      });

    before(async () => {
      t = await makeTestCa({ now: NOW });
      foreign = await makeTestCa({ now: NOW, providerName: 'КНЕДП «Чужий надавач»' });
      chain = [new Uint8Array(t.ca.issuing.rawData)];
      signer = await issueSigner(t.ca, { algorithm, now: NOW });
      signature = await sign(signer);
    });
    after(() => {
      t?.cleanup();
      foreign?.cleanup();
    });

    it('a detached CAdES-BES signature is valid and the report describes the signer', async () => {
      const result = passed(await verify(signature));
      const r = result.report;
      assert.equal(r.signerName, 'Коваленко Олена Петрівна');
      assert.equal(r.subjectSerialNumber, 'TINUA-3111923464');
      assert.equal(r.organizationIdentifier, 'NTRUA-01990016');
      assert.equal(r.organizationName, EMPLOYEE.organizationName);
      assert.equal(r.certificateSerial, signer.serialNumber.toUpperCase());
      assert.equal(r.issuerName, `${t.providerName} — ЦСК`);
      assert.equal(r.signatureAlgorithm, signatureAlgorithm);
      assert.equal(r.digestAlgorithm, digest);
      assert.equal(r.format, 'CAdES-BES');
      assert.equal(r.detached, true);
      assert.equal(r.signingTime, SIGNED_AT.toISOString());
      assert.equal(r.notBefore, signer.certificate.notBefore.toISOString());
      assert.equal(r.notAfter, signer.certificate.notAfter.toISOString());
      assert.equal(r.contentSha256, sha256Hex(content));
      assert.equal(r.verifiedAt, NOW.toISOString());
      assert.deepEqual(result.content, content);
      assert.deepEqual(new Uint8Array(result.signer.rawData), signer.der);
      assert.equal(checkSignerIdentity(r, EXPECTED_EMPLOYEE), null);
    });

    it('the CMS carries signing-certificate-v2, signing time and the chain', () => {
      const signedData = parseSignedData(signature);
      const types = signedData.signerInfos[0]?.signedAttrs?.attributes.map((a) => a.type) ?? [];
      assert.deepEqual(
        [...types].sort(),
        [OID.contentType, OID.messageDigest, OID.signingTime, OID.signingCertificateV2].sort(),
        'signed attributes',
      );
      assert.equal(signedData.encapContentInfo.eContent, undefined);
      assert.equal(signedData.certificates?.length, 2);
    });

    it('a PEM-armoured signature is accepted too', async () => {
      const pem = new TextEncoder().encode(toPem('CMS', signature));
      passed(await verify(pem));
    });

    it('an attached signature verifies with and without the expected content; detached = false', async () => {
      const attached = await sign(signer, { attached: true });
      const alone = passed(await verify(attached, { expectedContent: undefined }));
      assert.equal(alone.report.detached, false);
      assert.equal(alone.report.format, 'CAdES-BES');
      assert.deepEqual(alone.content, content);
      assert.equal(alone.report.contentSha256, sha256Hex(content));
      const withContent = passed(await verify(attached));
      assert.equal(withContent.report.detached, false);
    });

    it('attached content that differs from the expected document → CONTENT_MISMATCH', async () => {
      const attached = await sign(signer, { attached: true });
      const result = failed(await verify(attached, { expectedContent: statementPdf('інша заява') }), 'CONTENT_MISMATCH');
      assert.equal(result.report?.detached, false);
    });

    it('a detached signature without the document → NO_CONTENT', async () => {
      failed(await verify(signature, { expectedContent: undefined }), 'NO_CONTENT');
    });

    it('a changed document → CONTENT_MISMATCH (the report still names the signer)', async () => {
      const tampered = new Uint8Array(content);
      tampered[tampered.length - 3] = (tampered[tampered.length - 3] as number) ^ 0x20;
      const result = failed(await verify(signature, { expectedContent: tampered }), 'CONTENT_MISMATCH');
      assert.equal(result.report?.subjectSerialNumber, 'TINUA-3111923464');
    });

    it('another person’s key: the signature is valid, but checkSignerIdentity → WRONG_PERSON', async () => {
      const other = await issueSigner(t.ca, { algorithm, now: NOW, subject: OTHER_EMPLOYEE });
      const result = passed(await verify(await sign(other)));
      assert.equal(result.report.subjectSerialNumber, 'TINUA-2945811230');
      const problem = checkSignerIdentity(result.report, EXPECTED_EMPLOYEE);
      assert.equal(problem?.code, 'WRONG_PERSON');
      assert.match(problem?.detail.signer ?? '', /Шевченко Іван Іванович, TINUA-2945811230/);
      assert.match(problem?.detail.expected ?? '', /TINUA-3111923464/);
    });

    it('the same person’s certificate of another ЄДРПОУ → WRONG_ORGANIZATION only when the ЄДРПОУ is expected', async () => {
      const elsewhere = await issueSigner(t.ca, { algorithm, now: NOW, subject: EMPLOYEE_ELSEWHERE });
      const result = passed(await verify(await sign(elsewhere)));
      assert.equal(result.report.organizationIdentifier, 'NTRUA-38765432');
      const problem = checkSignerIdentity(result.report, EXPECTED_EMPLOYEE);
      assert.equal(problem?.code, 'WRONG_ORGANIZATION');
      assert.equal(problem?.detail.actual, 'NTRUA-38765432');
      assert.equal(checkSignerIdentity(result.report, { ...EXPECTED_EMPLOYEE, edrpou: null }), null);
    });

    it('an expired certificate → CERTIFICATE_EXPIRED', async () => {
      const expired = await issueSigner(t.ca, {
        algorithm,
        now: NOW,
        notBefore: new Date(NOW.getTime() - 400 * DAY),
        notAfter: new Date(NOW.getTime() - DAY),
      });
      const result = failed(await verify(await sign(expired)), 'CERTIFICATE_EXPIRED');
      assert.equal(result.detail?.notAfter, expired.certificate.notAfter.toISOString());
    });

    it('a certificate that expired after the signing time is still refused now → CERTIFICATE_EXPIRED', async () => {
      const expired = await issueSigner(t.ca, {
        algorithm,
        now: NOW,
        notBefore: new Date(NOW.getTime() - 400 * DAY),
        notAfter: new Date(NOW.getTime() - DAY),
      });
      const cms = await sign(expired, { signingTime: new Date(NOW.getTime() - 2 * DAY) });
      failed(await verify(cms), 'CERTIFICATE_EXPIRED');
    });

    it('a certificate not yet valid → CERTIFICATE_NOT_YET_VALID', async () => {
      const future = await issueSigner(t.ca, {
        algorithm,
        now: NOW,
        notBefore: new Date(NOW.getTime() + DAY),
        notAfter: new Date(NOW.getTime() + 30 * DAY),
      });
      const result = failed(await verify(await sign(future)), 'CERTIFICATE_NOT_YET_VALID');
      assert.equal(result.detail?.notBefore, future.certificate.notBefore.toISOString());
    });

    it('a signing time before the certificate’s notBefore → CERTIFICATE_NOT_YET_VALID', async () => {
      const fresh = await issueSigner(t.ca, { algorithm, now: NOW, notBefore: new Date(NOW.getTime() - 60 * MINUTE) });
      const cms = await sign(fresh, { signingTime: new Date(NOW.getTime() - 2 * DAY) });
      failed(await verify(cms), 'CERTIFICATE_NOT_YET_VALID');
    });

    it('a revoked certificate → CERTIFICATE_REVOKED; a revocation dated in the future is not yet in force', async () => {
      const revokedAt = new Date(NOW.getTime() - DAY);
      const isSigner = (c: x509.X509Certificate) => c.serialNumber.toUpperCase() === signer.serialNumber.toUpperCase();
      const result = failed(await verify(signature, { isRevoked: async (c) => (isSigner(c) ? revokedAt : null) }), 'CERTIFICATE_REVOKED');
      assert.equal(result.detail?.revokedAt, revokedAt.toISOString());
      const later = new Date(NOW.getTime() + DAY);
      passed(await verify(signature, { isRevoked: async (c) => (isSigner(c) ? later : null) }));
    });

    it('the revocation check is asked about the signer’s certificate', async () => {
      const asked: string[] = [];
      passed(
        await verify(signature, {
          isRevoked: async (c) => {
            asked.push(c.serialNumber.toUpperCase());
            return null;
          },
        }),
      );
      assert.ok(asked.includes(signer.serialNumber.toUpperCase()), `asked about ${asked.join(', ')}`);
    });

    it('a revoked issuing CA → UNTRUSTED_ISSUER', async () => {
      const issuingSerial = t.ca.issuing.serialNumber;
      const result = failed(
        await verify(signature, { isRevoked: async (c) => (c.serialNumber === issuingSerial ? new Date(NOW.getTime() - DAY) : null) }),
        'UNTRUSTED_ISSUER',
      );
      assert.ok(result.detail?.issuer);
    });

    it('a certificate of a CA that is not trusted → UNTRUSTED_ISSUER (with or without its chain in the CMS)', async () => {
      const stranger = await issueSigner(foreign.ca, { algorithm, now: NOW });
      const withChain = await sign(stranger, { chain: [new Uint8Array(foreign.ca.issuing.rawData)] });
      failed(await verify(withChain), 'UNTRUSTED_ISSUER');
      const withoutChain = await sign(stranger, { chain: [] });
      failed(await verify(withoutChain), 'UNTRUSTED_ISSUER');
      // The same signature is fine for someone who trusts that CA.
      passed(await verify(withChain, { trust: { anchors: foreign.ca.certificates } }));
    });

    it('only the root trusted: the issuing CA is taken from the CMS; without it → UNTRUSTED_ISSUER', async () => {
      passed(await verify(signature, { trust: { anchors: [t.ca.root] } }));
      const bare = await sign(signer, { chain: [] });
      failed(await verify(bare, { trust: { anchors: [t.ca.root] } }), 'UNTRUSTED_ISSUER');
      passed(await verify(bare));
    });

    it('garbage, empty, truncated or padded bytes → MALFORMED', async () => {
      const garbage = new Uint8Array(512);
      for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 131 + 7) & 0xff;
      for (const cms of [
        garbage,
        new Uint8Array(0),
        new TextEncoder().encode('це не підпис'),
        signature.subarray(0, signature.length - 17),
        signature.subarray(0, 40),
        new Uint8Array([...signature, 0, 0]),
      ]) {
        const result = failed(await verify(cms), 'MALFORMED');
        assert.equal(result.report, null);
      }
    });

    it('a ContentInfo that is not SignedData → MALFORMED', async () => {
      const data = new pkijs.ContentInfo({ contentType: OID.data, content: new asn1js.OctetString({ valueHex: new ArrayBuffer(4) }) });
      failed(await verify(new Uint8Array(data.toSchema().toBER(false))), 'MALFORMED');
    });

    it('a CMS without the signer’s certificate → NO_SIGNER_CERTIFICATE', async () => {
      // The re-encoding itself keeps the signature valid…
      passed(await verify(encodeSignedData(parseSignedData(signature))));
      // …so only the missing certificates make the difference.
      const bare = withoutCertificates(signature);
      assert.equal(parseSignedData(bare).certificates, undefined);
      failed(await verify(bare), 'NO_SIGNER_CERTIFICATE');
    });

    it('signing-certificate-v2 pointing at another certificate → CERTIFICATE_MISMATCH', async () => {
      // A second certificate for the same key, issuer and serial: the signature and the sid still
      // match it, only the certificate hash bound by the signed attribute differs.
      const twin = await issueSigner(t.ca, {
        algorithm,
        now: NOW,
        keys: signer.keys,
        serialNumber: signer.serialNumber,
        notAfter: new Date(NOW.getTime() + 100 * DAY),
      });
      assert.notDeepEqual(twin.der, signer.der);
      const signedData = parseSignedData(signature);
      signedData.certificates = [twin.der, chain[0] as Uint8Array].map((d) => pkijs.Certificate.fromBER(toArrayBuffer(d)));
      failed(await verify(encodeSignedData(signedData)), 'CERTIFICATE_MISMATCH');
    });

    it('a flipped byte in the signature value → BAD_SIGNATURE', async () => {
      const broken = withFlippedSignatureByte(signature);
      assert.equal(broken.length, signature.length);
      failed(await verify(broken), 'BAD_SIGNATURE');
    });

    it('a signing time more than 5 minutes ahead → SIGNING_TIME_IN_FUTURE; 4 minutes is tolerated', async () => {
      failed(await verify(await sign(signer, { signingTime: new Date(NOW.getTime() + 10 * MINUTE) })), 'SIGNING_TIME_IN_FUTURE');
      failed(await verify(await sign(signer, { signingTime: new Date(NOW.getTime() + 5 * MINUTE + 2000) })), 'SIGNING_TIME_IN_FUTURE');
      passed(await verify(await sign(signer, { signingTime: new Date(NOW.getTime() + 4 * MINUTE) })));
    });
  });
}

/**
 * Test-only helpers: a throwaway certificate authority in a temp directory and employee
 * certificates issued by it. Not used by the application.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as asn1js from 'asn1js';
import { toArrayBuffer } from '../../shared/crypto/bytes';
import { pkijs, type x509 } from '../../shared/crypto/engine';
import { generateSigningKeyPair, type KeyAlgorithmName } from '../../shared/crypto/keys';
import type { EmployeeSubject } from '../../shared/crypto/names';
import { OID } from '../../shared/crypto/oids';
import { CertificateAuthority, newSerialNumber } from './authority';

export const DAY = 24 * 60 * 60 * 1000;
export const OPENSSL = '/usr/bin/openssl';

/** The person most tests sign as. */
export const EMPLOYEE: EmployeeSubject = {
  lastName: 'Коваленко',
  firstAndMiddleName: 'Олена Петрівна',
  identityCode: '3111923464',
  identityKind: 'rnokpp',
  organizationName: 'КНП «Демонстраційна лікарня №1»',
  edrpou: '01990016',
  position: 'Лікар-терапевт',
  department: 'Терапевтичне відділення',
  locality: 'Київ',
};

/** Someone else of the same organization. */
export const OTHER_EMPLOYEE: EmployeeSubject = {
  ...EMPLOYEE,
  lastName: 'Шевченко',
  firstAndMiddleName: 'Іван Іванович',
  identityCode: '2945811230',
};

/** The same person, but in a certificate of another organization (another ЄДРПОУ). */
export const EMPLOYEE_ELSEWHERE: EmployeeSubject = {
  ...EMPLOYEE,
  organizationName: 'ТОВ «Інша клініка»',
  edrpou: '38765432',
};

/** A PDF-looking document to sign. */
export function statementPdf(text = 'Заява про повторне формування сертифіката'): Uint8Array {
  return new TextEncoder().encode(`%PDF-1.4\n% ${text}\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n`);
}

export function makeTempDir(prefix = 'kep-ca-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export type TestCa = {
  ca: CertificateAuthority;
  dir: string;
  providerName: string;
  cleanup: () => void;
};

/** A fresh root + issuing CA under a temp directory, made as if at `now`. */
export async function makeTestCa(params: { now: Date; providerName?: string }): Promise<TestCa> {
  const { dir, cleanup } = makeTempDir();
  const providerName = params.providerName ?? 'КНЕДП «Тестовий надавач»';
  const ca = await CertificateAuthority.open({
    dir: path.join(dir, 'ca'),
    secret: 'test-secret-'.repeat(4),
    now: params.now,
    providerName,
    publicUrl: 'http://localhost:3000',
  });
  return { ca, dir, providerName, cleanup };
}

export type TestSigner = {
  keys: CryptoKeyPair;
  certificate: x509.X509Certificate;
  /** DER of the signer's certificate. */
  der: Uint8Array;
  serialNumber: string;
};

/** A key pair (extractable) and an employee certificate for it. */
export async function issueSigner(
  ca: CertificateAuthority,
  params: {
    algorithm: KeyAlgorithmName;
    now: Date;
    subject?: EmployeeSubject;
    notBefore?: Date;
    notAfter?: Date;
    keys?: CryptoKeyPair;
    serialNumber?: string;
  },
): Promise<TestSigner> {
  const keys = params.keys ?? (await generateSigningKeyPair(params.algorithm, true));
  const serialNumber = params.serialNumber ?? newSerialNumber();
  const certificate = await ca.issueCertificate({
    publicKey: keys.publicKey,
    subject: params.subject ?? EMPLOYEE,
    notBefore: params.notBefore ?? new Date(params.now.getTime() - DAY),
    notAfter: params.notAfter ?? new Date(params.now.getTime() + 365 * DAY),
    onSecureDevice: true,
    serialNumber,
  });
  return { keys, certificate, der: new Uint8Array(certificate.rawData), serialNumber };
}

export function der(certificate: x509.X509Certificate): Uint8Array {
  return new Uint8Array(certificate.rawData);
}

/** Parses a CMS ContentInfo (DER) into its SignedData. */
export function parseSignedData(cms: Uint8Array): pkijs.SignedData {
  const info = pkijs.ContentInfo.fromBER(toArrayBuffer(cms));
  return new pkijs.SignedData({ schema: info.content });
}

/** Re-encodes a SignedData (signed attributes are kept byte for byte) into a CMS ContentInfo. */
export function encodeSignedData(signedData: pkijs.SignedData): Uint8Array {
  const info = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return new Uint8Array(info.toSchema().toBER(false));
}

/** The same CMS without the `certificates` field. */
export function withoutCertificates(cms: Uint8Array): Uint8Array {
  const signedData = parseSignedData(cms);
  delete signedData.certificates;
  return encodeSignedData(signedData);
}

/** The same CMS with the last byte of the (first) signer's signature value flipped. */
export function withFlippedSignatureByte(cms: Uint8Array): Uint8Array {
  const signedData = parseSignedData(cms);
  const signerInfo = signedData.signerInfos[0];
  if (!signerInfo) throw new Error('no signer');
  const signature = new Uint8Array(signerInfo.signature.valueBlock.valueHexView);
  signature[signature.length - 1] = (signature[signature.length - 1] as number) ^ 0x01;
  signerInfo.signature = new asn1js.OctetString({ valueHex: toArrayBuffer(signature) });
  return encodeSignedData(signedData);
}

/** Runs /usr/bin/openssl; returns what it printed (stdout, then stderr); throws with its output when it fails. */
export function openssl(args: string[], options: { cwd?: string } = {}): string {
  const run = spawnSync(OPENSSL, args, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  const output = `${run.stdout ?? ''}${run.stderr ?? ''}`;
  if (run.error) throw run.error;
  if (run.status !== 0) throw new Error(`openssl ${args.join(' ')} failed (${run.status}): ${output}`);
  return output;
}

export const hasOpenssl = existsSync(OPENSSL);

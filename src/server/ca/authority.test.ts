import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as asn1js from 'asn1js';
import { pemBlocks, toArrayBuffer, toHex, toPem } from '../../shared/crypto/bytes';
import { createCsr } from '../../shared/crypto/csr';
import { pkijs, webcrypto, x509 } from '../../shared/crypto/engine';
import { generateSigningKeyPair } from '../../shared/crypto/keys';
import { employeeSubjectName } from '../../shared/crypto/names';
import { OID } from '../../shared/crypto/oids';
import { CertificateAuthority, newSerialNumber } from './authority';
import { openKey } from './key-store';
import { DAY, der, EMPLOYEE, hasOpenssl, makeTempDir, openssl } from './testing';

/** OpenSSL checks against a given time; certificates are made "now" so that the real clock works too. */
const NOW = new Date();
const SECRET = 'authority-test-secret-'.repeat(3);
const PROVIDER = 'КНЕДП «Тестовий надавач»';
const PUBLIC_URL = 'https://kep.example.ua';
const FILES = ['root.crt', 'root.key.sealed', 'issuing.crt', 'issuing.key.sealed'];
const ISSUING_CRL_URL = `${PUBLIC_URL}/ca/issuing.crl`;
const epoch = (date: Date) => String(Math.floor(date.getTime() / 1000));
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

type Attribute = { type: string; kind: 'utf8' | 'printable' | 'other'; value: string };

/** The subject's attributes in order, with their ASN.1 string type. */
function subjectAttributes(certificate: x509.X509Certificate): Attribute[] {
  const parsed = pkijs.Certificate.fromBER(toArrayBuffer(der(certificate)));
  return parsed.subject.typesAndValues.map((tv) => ({
    type: tv.type,
    kind: tv.value instanceof asn1js.Utf8String ? 'utf8' : tv.value instanceof asn1js.PrintableString ? 'printable' : 'other',
    value: (tv.value as asn1js.Utf8String).valueBlock.value,
  }));
}

/** The statement OIDs of a QCStatements extension, with the QcType's inner OIDs as `qcType:<oid>`. */
function qcStatementOids(certificate: x509.X509Certificate): string[] {
  const extension = certificate.getExtension(OID.qcStatements);
  assert.ok(extension, 'no QCStatements extension');
  const asn = asn1js.fromBER(extension.value);
  assert.notEqual(asn.offset, -1);
  const statements = (asn.result as asn1js.Sequence).valueBlock.value as asn1js.Sequence[];
  const oids: string[] = [];
  for (const statement of statements) {
    const [id, info] = statement.valueBlock.value as [asn1js.ObjectIdentifier, asn1js.Sequence | undefined];
    const oid = id.valueBlock.toString();
    oids.push(oid);
    if (oid === OID.qcType) {
      assert.ok(info instanceof asn1js.Sequence, 'QcType without its types');
      for (const type of info.valueBlock.value as asn1js.ObjectIdentifier[]) oids.push(`qcType:${type.valueBlock.toString()}`);
    }
  }
  return oids;
}

function mode(file: string): number {
  return statSync(file).mode & 0o777;
}

async function openCa(dir: string, secret = SECRET, now = NOW) {
  return CertificateAuthority.open({ dir, secret, now, providerName: PROVIDER, publicUrl: PUBLIC_URL });
}

async function issue(ca: CertificateAuthority, onSecureDevice = true, keys?: CryptoKeyPair) {
  const pair = keys ?? (await generateSigningKeyPair('ECDSA P-256'));
  const serialNumber = newSerialNumber();
  const certificate = await ca.issueCertificate({
    publicKey: pair.publicKey,
    subject: EMPLOYEE,
    notBefore: new Date(NOW.getTime() - DAY),
    notAfter: new Date(NOW.getTime() + 365 * DAY),
    onSecureDevice,
    serialNumber,
  });
  return { keys: pair, certificate, serialNumber };
}

describe('CertificateAuthority.open', () => {
  let temp: { dir: string; cleanup: () => void };
  let dir: string;
  let ca: CertificateAuthority;

  before(async () => {
    temp = makeTempDir('kep-authority-test-');
    dir = path.join(temp.dir, 'data', 'ca');
    ca = await openCa(dir);
  });
  after(() => temp.cleanup());

  it('the first open creates the directory (0700) and the four files (0600), nothing else', () => {
    assert.deepEqual(readdirSync(dir).sort(), [...FILES].sort());
    assert.equal(mode(dir), 0o700);
    for (const file of FILES) assert.equal(mode(path.join(dir, file)), 0o600, `${file} mode`);
  });

  it('root.crt and issuing.crt hold the CA certificates as PEM', () => {
    for (const [file, certificate] of [
      ['root.crt', ca.root],
      ['issuing.crt', ca.issuing],
    ] as const) {
      const blocks = pemBlocks(readFileSync(path.join(dir, file), 'utf8'));
      assert.equal(blocks.length, 1);
      assert.equal(blocks[0]?.label, 'CERTIFICATE');
      assert.equal(toHex(blocks[0]?.der as Uint8Array), toHex(der(certificate)));
    }
  });

  it('the sealed keys are not readable as PEM or PKCS#8', async () => {
    for (const file of ['root.key.sealed', 'issuing.key.sealed']) {
      const bytes = readFileSync(path.join(dir, file));
      const text = bytes.toString('utf8');
      assert.doesNotMatch(text, /-----BEGIN/);
      assert.doesNotMatch(text, /PRIVATE KEY/);
      assert.deepEqual(pemBlocks(text), []);
      const box = JSON.parse(text) as { alg: string; data: string };
      assert.equal(box.alg, 'AES-256-GCM');
      const EC = { name: 'ECDSA', namedCurve: 'P-256' };
      await assert.rejects(webcrypto.subtle.importKey('pkcs8', new Uint8Array(bytes), EC, false, ['sign']));
      await assert.rejects(webcrypto.subtle.importKey('pkcs8', Buffer.from(box.data, 'base64'), EC, false, ['sign']));
    }
  });

  it('the sealed keys open with the secret to the private keys of root and issuing CA', async () => {
    for (const [file, certificate] of [
      ['root.key.sealed', ca.root],
      ['issuing.key.sealed', ca.issuing],
    ] as const) {
      const pkcs8 = openKey(readFileSync(path.join(dir, file), 'utf8'), SECRET);
      const key = await webcrypto.subtle.importKey('pkcs8', toArrayBuffer(pkcs8), { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
      const data = new TextEncoder().encode('перевірка');
      const signature = await webcrypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key, data);
      const publicKey = await certificate.publicKey.export({ name: 'ECDSA', namedCurve: 'P-256' }, ['verify']);
      assert.equal(await webcrypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, publicKey, signature, data), true, file);
    }
  });

  it('a second open with the same secret loads the same certificates and can issue', async () => {
    const before = Object.fromEntries(FILES.map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]));
    const again = await openCa(dir, SECRET, new Date(NOW.getTime() + 30 * DAY));
    assert.equal(toHex(await again.root.getThumbprint('SHA-256')), toHex(await ca.root.getThumbprint('SHA-256')));
    assert.equal(toHex(await again.issuing.getThumbprint('SHA-256')), toHex(await ca.issuing.getThumbprint('SHA-256')));
    for (const f of FILES) assert.equal(readFileSync(path.join(dir, f), 'utf8'), before[f], `${f} was rewritten`);
    const { certificate } = await issue(again);
    assert.equal(await certificate.verify({ publicKey: ca.issuing.publicKey, signatureOnly: true }), true);
    assert.equal(certificate.issuer, ca.issuing.subject);
  });

  it('certificates lists root then issuing; the CRL address is under publicUrl', () => {
    assert.deepEqual(
      ca.certificates.map((c) => c.serialNumber),
      [ca.root.serialNumber, ca.issuing.serialNumber],
    );
    assert.equal(ca.crlUrl, ISSUING_CRL_URL);
  });

  it('an open with another secret fails with a clear error and leaves the files alone', async () => {
    const before = Object.fromEntries(FILES.map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]));
    await assert.rejects(openCa(dir, 'a-different-secret-'.repeat(3)), /cannot be decrypted.*SECRET_KEY/);
    for (const f of FILES) assert.equal(readFileSync(path.join(dir, f), 'utf8'), before[f]);
  });

  it('a CA without issuing.key.sealed (an unfinished creation) is made anew', async () => {
    const other = makeTempDir('kep-authority-partial-');
    try {
      const first = await openCa(other.dir);
      rmSync(path.join(other.dir, 'issuing.key.sealed'));
      const second = await openCa(other.dir);
      assert.notEqual(second.root.serialNumber, first.root.serialNumber);
      assert.deepEqual(readdirSync(other.dir).sort(), [...FILES].sort());
    } finally {
      other.cleanup();
    }
  });

  it('two CAs made with the same parameters are different (fresh keys and serials)', async () => {
    const other = makeTempDir('kep-authority-other-');
    try {
      const second = await openCa(other.dir);
      assert.notEqual(second.root.serialNumber, ca.root.serialNumber);
      assert.notEqual(toHex(second.root.publicKey.rawData), toHex(ca.root.publicKey.rawData));
      assert.notEqual(toHex(second.issuing.publicKey.rawData), toHex(ca.issuing.publicKey.rawData));
    } finally {
      other.cleanup();
    }
  });
});

describe('CertificateAuthority — root and issuing CA certificates', () => {
  let temp: { dir: string; cleanup: () => void };
  let ca: CertificateAuthority;
  before(async () => {
    temp = makeTempDir('kep-authority-test-');
    ca = await openCa(temp.dir);
  });
  after(() => temp.cleanup());

  it('the root is a self-signed CA (critical basicConstraints cA, keyCertSign+cRLSign, SKI)', async () => {
    const root = ca.root;
    assert.equal(root.subject, root.issuer);
    assert.equal(await root.isSelfSigned(), true);
    assert.equal(await root.verify({ publicKey: root.publicKey, signatureOnly: true }), true);
    const bc = root.getExtension(x509.BasicConstraintsExtension);
    assert.ok(bc);
    assert.equal(bc.ca, true);
    assert.equal(bc.critical, true);
    const ku = root.getExtension(x509.KeyUsagesExtension);
    assert.ok(ku);
    assert.equal(ku.critical, true);
    assert.equal(ku.usages, x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign);
    assert.ok(root.getExtension(x509.SubjectKeyIdentifierExtension));
    assert.equal(root.signatureAlgorithm.name, 'ECDSA');
    assert.equal((root.publicKey.algorithm as EcKeyAlgorithm).namedCurve, 'P-256');
  });

  it('the issuing CA is signed by the root, with pathLen 0 and AKI = root SKI', async () => {
    const issuing = ca.issuing;
    assert.equal(issuing.issuer, ca.root.subject);
    assert.notEqual(issuing.subject, ca.root.subject);
    assert.equal(await issuing.isSelfSigned(), false);
    assert.equal(await issuing.verify({ publicKey: ca.root.publicKey, signatureOnly: true }), true);
    const bc = issuing.getExtension(x509.BasicConstraintsExtension);
    assert.ok(bc);
    assert.equal(bc.ca, true);
    assert.equal(bc.pathLength, 0);
    assert.equal(bc.critical, true);
    const ku = issuing.getExtension(x509.KeyUsagesExtension);
    assert.equal(ku?.usages, x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign);
    const aki = issuing.getExtension(x509.AuthorityKeyIdentifierExtension);
    const rootSki = ca.root.getExtension(x509.SubjectKeyIdentifierExtension);
    assert.ok(aki?.keyId);
    assert.equal(aki.keyId.toUpperCase(), rootSki?.keyId.toUpperCase());
    assert.ok(issuing.getExtension(x509.SubjectKeyIdentifierExtension));
  });

  it('names: O = provider, C = UA, CN "<provider> — кореневий ЦСК" / "<provider> — ЦСК", in UTF8String', () => {
    assert.deepEqual(subjectAttributes(ca.root), [
      { type: OID.organization, kind: 'utf8', value: PROVIDER },
      { type: OID.country, kind: 'printable', value: 'UA' },
      { type: OID.commonName, kind: 'utf8', value: `${PROVIDER} — кореневий ЦСК` },
    ]);
    assert.deepEqual(subjectAttributes(ca.issuing), [
      { type: OID.organization, kind: 'utf8', value: PROVIDER },
      { type: OID.country, kind: 'printable', value: 'UA' },
      { type: OID.commonName, kind: 'utf8', value: `${PROVIDER} — ЦСК` },
    ]);
  });

  it('validity: from a day before now; root 20 years, issuing 10 years, within the root', () => {
    const notBefore = seconds(new Date(NOW.getTime() - DAY));
    assert.equal(seconds(ca.root.notBefore), notBefore);
    assert.equal(seconds(ca.issuing.notBefore), notBefore);
    assert.equal(seconds(ca.root.notAfter), seconds(new Date(NOW.getTime() - DAY + 20 * 365 * DAY)));
    assert.equal(seconds(ca.issuing.notAfter), seconds(new Date(NOW.getTime() - DAY + 10 * 365 * DAY)));
    assert.ok(ca.issuing.notAfter <= ca.root.notAfter);
  });

  it('serial numbers are positive 128-bit values', () => {
    for (const certificate of ca.certificates) {
      assert.match(certificate.serialNumber, /^[1-7][0-9a-f]{31}$/i);
    }
    assert.notEqual(ca.root.serialNumber, ca.issuing.serialNumber);
  });
});

describe('newSerialNumber', () => {
  it('is 32 hex digits, positive (high bit clear), not starting with 0, and unique', () => {
    const serials = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const serial = newSerialNumber();
      assert.match(serial, /^[1-7][0-9A-F]{31}$/);
      serials.add(serial);
    }
    assert.equal(serials.size, 500);
  });
});

describe('CertificateAuthority.issueCertificate', () => {
  let temp: { dir: string; cleanup: () => void };
  let ca: CertificateAuthority;
  let keys: CryptoKeyPair;
  let certificate: x509.X509Certificate;
  let serialNumber: string;

  before(async () => {
    temp = makeTempDir('kep-authority-test-');
    ca = await openCa(temp.dir);
    ({ keys, certificate, serialNumber } = await issue(ca, true));
  });
  after(() => temp.cleanup());

  it('the subject is exactly the employee name, Cyrillic in UTF8String, identifiers in PrintableString', () => {
    assert.deepEqual(subjectAttributes(certificate), [
      { type: OID.organization, kind: 'utf8', value: 'КНП «Демонстраційна лікарня №1»' },
      { type: OID.organizationalUnit, kind: 'utf8', value: 'Терапевтичне відділення' },
      { type: OID.title, kind: 'utf8', value: 'Лікар-терапевт' },
      { type: OID.commonName, kind: 'utf8', value: 'Коваленко Олена Петрівна' },
      { type: OID.surname, kind: 'utf8', value: 'Коваленко' },
      { type: OID.givenName, kind: 'utf8', value: 'Олена Петрівна' },
      { type: OID.serialNumber, kind: 'printable', value: 'TINUA-3111923464' },
      { type: OID.country, kind: 'printable', value: 'UA' },
      { type: OID.locality, kind: 'utf8', value: 'Київ' },
      { type: OID.organizationIdentifier, kind: 'printable', value: 'NTRUA-01990016' },
    ]);
  });

  it('issuer, serial, validity and public key are the ones asked for', async () => {
    assert.equal(certificate.issuer, ca.issuing.subject);
    assert.equal(certificate.serialNumber.toUpperCase(), serialNumber.toUpperCase());
    assert.equal(seconds(certificate.notBefore), seconds(new Date(NOW.getTime() - DAY)));
    assert.equal(seconds(certificate.notAfter), seconds(new Date(NOW.getTime() + 365 * DAY)));
    const spki = new Uint8Array(await webcrypto.subtle.exportKey('spki', keys.publicKey));
    assert.equal(toHex(certificate.publicKey.rawData), toHex(spki));
    assert.equal(await certificate.verify({ publicKey: ca.issuing.publicKey, signatureOnly: true }), true);
    assert.equal(await certificate.verify({ publicKey: ca.root.publicKey, signatureOnly: true }), false);
  });

  it('without a serial number, a fresh one is made', async () => {
    const pair = await generateSigningKeyPair('ECDSA P-256');
    const params = {
      publicKey: pair.publicKey,
      subject: EMPLOYEE,
      notBefore: NOW,
      notAfter: new Date(NOW.getTime() + DAY),
      onSecureDevice: false,
    };
    const a = await ca.issueCertificate(params);
    const b = await ca.issueCertificate(params);
    assert.match(a.serialNumber, /^[1-7][0-9a-f]{31}$/i);
    assert.notEqual(a.serialNumber, b.serialNumber);
  });

  it('keyUsage digitalSignature + nonRepudiation, critical', () => {
    const ku = certificate.getExtension(x509.KeyUsagesExtension);
    assert.ok(ku);
    assert.equal(ku.critical, true);
    assert.equal(ku.usages, x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation);
  });

  it('basicConstraints cA false', () => {
    const bc = certificate.getExtension(x509.BasicConstraintsExtension);
    assert.ok(bc);
    assert.equal(bc.ca, false);
    assert.equal(bc.pathLength, undefined);
  });

  it('SKI of its key and AKI = the issuing CA SKI', async () => {
    const ski = certificate.getExtension(x509.SubjectKeyIdentifierExtension);
    const expected = await x509.SubjectKeyIdentifierExtension.create(keys.publicKey);
    assert.ok(ski);
    assert.equal(ski.keyId, expected.keyId);
    const aki = certificate.getExtension(x509.AuthorityKeyIdentifierExtension);
    assert.ok(aki?.keyId);
    assert.equal(aki.keyId.toUpperCase(), ca.issuing.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId.toUpperCase());
  });

  it('a CRL distribution point <publicUrl>/ca/issuing.crl', () => {
    const dp = certificate.getExtension(x509.CRLDistributionPointsExtension);
    assert.ok(dp);
    const uris = Array.from(dp.distributionPoints).flatMap((p) =>
      (p.distributionPoint?.fullName ?? []).map((name) => name.uniformResourceIdentifier),
    );
    assert.deepEqual(uris, [ISSUING_CRL_URL]);
  });

  it('QC statements (1.3.6.1.5.5.7.1.3): QcCompliance, QcType eSign and QcSSCD on a secure device; not critical', () => {
    const extension = certificate.getExtension(OID.qcStatements);
    assert.ok(extension);
    assert.equal(extension.critical, false);
    assert.deepEqual(qcStatementOids(certificate), [OID.qcCompliance, OID.qcType, `qcType:${OID.qcTypeESign}`, OID.qcSscd]);
  });

  it('QC statements without QcSSCD when the key is not on a secure device', async () => {
    const { certificate: software } = await issue(ca, false);
    assert.deepEqual(qcStatementOids(software), [OID.qcCompliance, OID.qcType, `qcType:${OID.qcTypeESign}`]);
  });

  it('the extensions are exactly these seven', () => {
    assert.deepEqual(Array.from(certificate.extensions, (e) => e.type).sort(), [
      '1.3.6.1.5.5.7.1.3',
      '2.5.29.14',
      '2.5.29.15',
      '2.5.29.19',
      '2.5.29.31',
      '2.5.29.32',
      '2.5.29.35',
    ]);
  });

  it('certificate policies: Ukraine’s qualified policy and QCP-n-qscd (key on a device) or QCP-n (file key)', async () => {
    const policies = (c: typeof certificate) => [...(c.getExtension(x509.CertificatePolicyExtension)?.policies ?? [])];
    assert.deepEqual(policies(certificate), ['1.2.804.2.1.1.1.2.2', '0.4.0.194112.1.2']);
    const { certificate: fileKey } = await issue(ca, false);
    assert.deepEqual(policies(fileKey), ['1.2.804.2.1.1.1.2.2', '0.4.0.194112.1.0']);
  });

  for (const algorithm of ['ECDSA P-384', 'RSA'] as const) {
    it(`issues for a ${algorithm} public key, signed by the issuing CA (ECDSA SHA-256)`, async () => {
      const { keys: pair, certificate: issued } = await issue(ca, true, await generateSigningKeyPair(algorithm));
      const spki = new Uint8Array(await webcrypto.subtle.exportKey('spki', pair.publicKey));
      assert.equal(toHex(issued.publicKey.rawData), toHex(spki));
      assert.equal(await issued.verify({ publicKey: ca.issuing.publicKey, signatureOnly: true }), true);
      assert.equal(issued.signatureAlgorithm.name, 'ECDSA');
    });
  }

  it('issues for the x509.PublicKey of a CSR', async () => {
    const pair = await generateSigningKeyPair('ECDSA P-256');
    const csr = new x509.Pkcs10CertificateRequest(toArrayBuffer(await createCsr(pair, employeeSubjectName(EMPLOYEE))));
    const issued = await ca.issueCertificate({
      publicKey: csr.publicKey,
      subject: EMPLOYEE,
      notBefore: NOW,
      notAfter: new Date(NOW.getTime() + 365 * DAY),
      onSecureDevice: false,
    });
    assert.equal(toHex(issued.publicKey.rawData), toHex(csr.publicKey.rawData));
    assert.equal(await issued.verify({ publicKey: ca.issuing.publicKey, signatureOnly: true }), true);
    const ski = await x509.SubjectKeyIdentifierExtension.create(pair.publicKey);
    assert.equal(issued.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId, ski.keyId);
  });

  it('a passport holder gets serialNumber PASUA-…', async () => {
    const pair = await generateSigningKeyPair('ECDSA P-256');
    const issued = await ca.issueCertificate({
      publicKey: pair.publicKey,
      subject: { ...EMPLOYEE, identityKind: 'passport', identityCode: 'ка 123456' },
      notBefore: NOW,
      notAfter: new Date(NOW.getTime() + DAY),
      onSecureDevice: true,
    });
    const serial = subjectAttributes(issued).find((a) => a.type === OID.serialNumber);
    assert.deepEqual(serial, { type: OID.serialNumber, kind: 'utf8', value: 'PASUA-КА123456' });
  });
});

describe('CertificateAuthority.createCrl', () => {
  let temp: { dir: string; cleanup: () => void };
  let ca: CertificateAuthority;
  const revoked = [
    { serialNumber: newSerialNumber(), revokedAt: new Date(NOW.getTime() - 2 * 60 * 60 * 1000) },
    { serialNumber: newSerialNumber(), revokedAt: new Date(NOW.getTime() - 60 * 60 * 1000) },
  ];
  let crl: x509.X509Crl;
  const thisUpdate = new Date(NOW.getTime() - 60_000);
  const nextUpdate = new Date(NOW.getTime() + DAY);

  before(async () => {
    temp = makeTempDir('kep-authority-crl-');
    ca = await openCa(temp.dir);
    crl = await ca.createCrl(revoked, thisUpdate, nextUpdate);
  });
  after(() => temp.cleanup());

  it('lists the revoked serials with their dates, issued by the issuing CA', () => {
    assert.equal(crl.issuer, ca.issuing.subject);
    assert.deepEqual(
      crl.entries.map((e) => e.serialNumber.toUpperCase()),
      revoked.map((r) => r.serialNumber.toUpperCase()),
    );
    assert.deepEqual(
      crl.entries.map((e) => seconds(e.revocationDate)),
      revoked.map((r) => seconds(r.revokedAt)),
    );
    assert.equal(seconds(crl.thisUpdate), seconds(thisUpdate));
    assert.equal(seconds(crl.nextUpdate as Date), seconds(nextUpdate));
  });

  it('is signed by the issuing CA key, with AKI = issuing SKI', async () => {
    assert.equal(await crl.verify({ publicKey: ca.issuing.publicKey }), true);
    assert.equal(await crl.verify({ publicKey: ca.root.publicKey }), false);
    const aki = crl.getExtension(x509.AuthorityKeyIdentifierExtension);
    assert.ok(aki?.keyId);
    assert.equal(aki.keyId.toUpperCase(), ca.issuing.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId.toUpperCase());
  });

  it('an empty CRL has no entries and verifies', async () => {
    const empty = await ca.createCrl([], thisUpdate, nextUpdate);
    assert.equal(empty.entries.length, 0);
    assert.equal(await empty.verify({ publicKey: ca.issuing.publicKey }), true);
  });
});

describe('CertificateAuthority — OpenSSL accepts what it makes', { skip: hasOpenssl ? false : 'openssl is not installed' }, () => {
  let temp: { dir: string; cleanup: () => void };
  let ca: CertificateAuthority;
  let file: (name: string) => string;
  let good: x509.X509Certificate;
  let revoked: x509.X509Certificate;
  const attime = epoch(NOW);

  before(async () => {
    temp = makeTempDir('kep-authority-openssl-');
    ca = await openCa(path.join(temp.dir, 'ca'));
    file = (name) => path.join(temp.dir, name);
    good = (await issue(ca, true)).certificate;
    revoked = (await issue(ca, false)).certificate;
    writeFileSync(file('root.pem'), toPem('CERTIFICATE', der(ca.root)));
    writeFileSync(file('issuing.pem'), toPem('CERTIFICATE', der(ca.issuing)));
    writeFileSync(file('chain.pem'), toPem('CERTIFICATE', der(ca.root)) + toPem('CERTIFICATE', der(ca.issuing)));
    writeFileSync(file('cert.pem'), toPem('CERTIFICATE', der(good)));
    writeFileSync(file('revoked.pem'), toPem('CERTIFICATE', der(revoked)));
    const crl = await ca.createCrl(
      [{ serialNumber: revoked.serialNumber, revokedAt: new Date(NOW.getTime() - 60_000) }],
      new Date(NOW.getTime() - 120_000),
      new Date(NOW.getTime() + DAY),
    );
    writeFileSync(file('issuing.crl'), new Uint8Array(crl.rawData));
    writeFileSync(file('issuing.crl.pem'), toPem('X509 CRL', new Uint8Array(crl.rawData)));
  });
  after(() => temp.cleanup());

  it('the CA files written by open are what OpenSSL reads', () => {
    assert.ok(existsSync(path.join(temp.dir, 'ca', 'root.crt')));
    const out = openssl(['x509', '-in', path.join(temp.dir, 'ca', 'root.crt'), '-noout', '-fingerprint', '-sha256']);
    const hex = out.split('=')[1]?.replace(/[:\s]/g, '');
    assert.equal(hex, createHash('sha256').update(der(ca.root)).digest('hex').toUpperCase());
  });

  it('`openssl verify -attime <now> -CAfile root.pem -untrusted issuing.pem cert.pem` is OK', () => {
    const out = openssl(['verify', '-attime', attime, '-CAfile', file('root.pem'), '-untrusted', file('issuing.pem'), file('cert.pem')]);
    assert.match(out, /cert\.pem: OK/);
  });

  it('the same with -x509_strict and against the real clock', () => {
    const out = openssl(['verify', '-x509_strict', '-CAfile', file('root.pem'), '-untrusted', file('issuing.pem'), file('cert.pem')]);
    assert.match(out, /cert\.pem: OK/);
  });

  it('the issuing CA itself verifies against the root', () => {
    const out = openssl(['verify', '-attime', attime, '-x509_strict', '-CAfile', file('root.pem'), file('issuing.pem')]);
    assert.match(out, /issuing\.pem: OK/);
  });

  it('without the issuing CA, or with only the issuing CA as trust anchor, verification fails', () => {
    assert.throws(
      () => openssl(['verify', '-attime', attime, '-CAfile', file('root.pem'), file('cert.pem')]),
      /unable to get local issuer/,
    );
    assert.throws(() => openssl(['verify', '-attime', attime, '-CAfile', file('issuing.pem'), file('cert.pem')]));
  });

  it('before the certificate is valid, verification fails', () => {
    const early = epoch(new Date(NOW.getTime() - 3 * DAY));
    assert.throws(
      () => openssl(['verify', '-attime', early, '-CAfile', file('root.pem'), '-untrusted', file('issuing.pem'), file('cert.pem')]),
      /not yet valid/,
    );
  });

  it('OpenSSL reads the subject in UTF-8 and the extensions', () => {
    const out = openssl(['x509', '-in', file('cert.pem'), '-noout', '-text', '-nameopt', 'utf8,sep_comma_plus,-esc_msb']);
    assert.match(out, /CN=Коваленко Олена Петрівна/);
    assert.match(out, /serialNumber=TINUA-3111923464/);
    assert.match(out, /organizationIdentifier=NTRUA-01990016|2\.5\.4\.97=NTRUA-01990016/);
    assert.match(out, /X509v3 Key Usage: critical\s+Digital Signature, Non Repudiation/);
    assert.match(out, /X509v3 Basic Constraints: critical\s+CA:FALSE/);
    assert.match(out, new RegExp(`URI:${ISSUING_CRL_URL.replace(/[.]/g, '\\.')}`));
    assert.match(out, /qcStatements/i);
  });

  it('`openssl crl -inform DER -CAfile <root+issuing>` verifies the CRL and lists the revoked serial', () => {
    const out = openssl(['crl', '-inform', 'DER', '-in', file('issuing.crl'), '-CAfile', file('chain.pem'), '-noout', '-text']);
    assert.match(out, /verify OK/);
    const listed = out.toUpperCase().replace(/[:\s]/g, '');
    assert.ok(listed.includes(`SERIALNUMBER${revoked.serialNumber.toUpperCase()}`), out);
    assert.ok(!listed.includes(good.serialNumber.toUpperCase()));
  });

  it('`openssl verify -crl_check` says the revoked certificate is revoked and the other is OK', () => {
    const base = ['verify', '-attime', attime, '-crl_check', '-CAfile', file('root.pem'), '-untrusted', file('issuing.pem')];
    const ok = openssl([...base, '-CRLfile', file('issuing.crl.pem'), file('cert.pem')]);
    assert.match(ok, /cert\.pem: OK/);
    assert.throws(() => openssl([...base, '-CRLfile', file('issuing.crl.pem'), file('revoked.pem')]), /certificate revoked/);
  });

  it('a CRL signed by another CA is refused by OpenSSL', async () => {
    const other = makeTempDir('kep-authority-other-');
    try {
      const stranger = await openCa(other.dir);
      const crl = await stranger.createCrl([], NOW, new Date(NOW.getTime() + DAY));
      writeFileSync(file('stranger.crl'), new Uint8Array(crl.rawData));
      // OpenSSL 3.0 `crl` prints "verify failure" but still exits 0.
      const out = openssl(['crl', '-inform', 'DER', '-in', file('stranger.crl'), '-CAfile', file('chain.pem'), '-noout']);
      assert.match(out, /verify failure/);
      assert.doesNotMatch(out, /verify OK/);
    } finally {
      other.cleanup();
    }
  });
});

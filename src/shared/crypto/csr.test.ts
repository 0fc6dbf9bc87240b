import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type * as asn1js from 'asn1js';
import { EMPLOYEE } from '../../server/ca/testing';
import { toArrayBuffer } from './bytes';
import { createCsr } from './csr';
import { pkijs, webcrypto, x509 } from './engine';
import { generateSigningKeyPair, type KeyAlgorithmName } from './keys';
import { employeeSubjectName } from './names';
import { OID } from './oids';

const CASES: { algorithm: KeyAlgorithmName; key: { name: string; namedCurve?: string }; hash: string }[] = [
  { algorithm: 'ECDSA P-256', key: { name: 'ECDSA', namedCurve: 'P-256' }, hash: 'SHA-256' },
  { algorithm: 'ECDSA P-384', key: { name: 'ECDSA', namedCurve: 'P-384' }, hash: 'SHA-384' },
  { algorithm: 'RSA', key: { name: 'RSASSA-PKCS1-v1_5' }, hash: 'SHA-256' },
];

/** The ASN.1 string type and value of each subject attribute, in order. */
function subjectAttributes(der: Uint8Array): { type: string; tag: string; value: string }[] {
  const request = pkijs.CertificationRequest.fromBER(toArrayBuffer(der));
  return request.subject.typesAndValues.map((tv) => ({
    type: tv.type,
    tag: tv.value.constructor.name,
    value: (tv.value as asn1js.Utf8String).valueBlock.value,
  }));
}

describe('createCsr', () => {
  for (const { algorithm, key, hash } of CASES) {
    it(`${algorithm}: a PKCS#10 request signed by the new key, with the employee's subject`, async () => {
      const keys = await generateSigningKeyPair(algorithm);
      const der = await createCsr(keys, employeeSubjectName(EMPLOYEE));
      const csr = new x509.Pkcs10CertificateRequest(toArrayBuffer(der));
      assert.equal(await csr.verify(), true);

      assert.deepEqual(csr.subjectName.getField(OID.serialNumber), ['TINUA-3111923464']);
      assert.deepEqual(csr.subjectName.getField(OID.commonName), ['Коваленко Олена Петрівна']);
      assert.deepEqual(csr.subjectName.getField(OID.surname), ['Коваленко']);
      assert.deepEqual(csr.subjectName.getField(OID.givenName), ['Олена Петрівна']);
      assert.deepEqual(csr.subjectName.getField(OID.organizationIdentifier), ['NTRUA-01990016']);
      assert.deepEqual(csr.subjectName.getField(OID.organization), ['КНП «Демонстраційна лікарня №1»']);
      assert.deepEqual(csr.subjectName.getField(OID.country), ['UA']);

      assert.equal(csr.publicKey.algorithm.name, key.name);
      if (key.namedCurve) assert.equal((csr.publicKey.algorithm as EcKeyAlgorithm).namedCurve, key.namedCurve);
      assert.equal((csr.signatureAlgorithm as { hash?: { name: string } }).hash?.name, hash);

      // The request carries the new public key exactly.
      const spki = new Uint8Array(await webcrypto.subtle.exportKey('spki', keys.publicKey));
      assert.deepEqual(new Uint8Array(csr.publicKey.rawData), spki);

      // Pkcs10CertificateRequest.getExtension takes only an OID string.
      const keyUsage = csr.getExtension('2.5.29.15');
      assert.ok(keyUsage instanceof x509.KeyUsagesExtension, 'key usage requested');
      assert.equal(keyUsage.critical, true);
      assert.equal(keyUsage.usages, x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation);
    });
  }

  it('Cyrillic names are UTF8String, byte for byte; serialNumber and organizationIdentifier are PrintableString', async () => {
    const der = await createCsr(await generateSigningKeyPair('ECDSA P-256'), employeeSubjectName(EMPLOYEE));
    const attributes = subjectAttributes(der);
    const cn = attributes.find((a) => a.type === OID.commonName);
    assert.deepEqual(cn, { type: OID.commonName, tag: 'Utf8String', value: 'Коваленко Олена Петрівна' });
    assert.equal(cn?.value.normalize('NFC'), cn?.value, 'no decomposed letters (й, ї stay single code points)');
    assert.deepEqual(
      attributes.find((a) => a.type === OID.serialNumber),
      { type: OID.serialNumber, tag: 'PrintableString', value: 'TINUA-3111923464' },
    );
    assert.deepEqual(
      attributes.find((a) => a.type === OID.organizationIdentifier),
      { type: OID.organizationIdentifier, tag: 'PrintableString', value: 'NTRUA-01990016' },
    );
    // The UTF-8 bytes of the name appear in the DER as they are.
    const needle = new TextEncoder().encode('Коваленко Олена Петрівна');
    const hay = Buffer.from(der);
    assert.ok(hay.indexOf(Buffer.from(needle)) > 0);
    assert.deepEqual(
      attributes.map((a) => a.type),
      [
        OID.organization,
        OID.organizationalUnit,
        OID.title,
        OID.commonName,
        OID.surname,
        OID.givenName,
        OID.serialNumber,
        OID.country,
        OID.locality,
        OID.organizationIdentifier,
      ],
    );
  });

  it('a person without РНОКПП gets serialNumber PASUA-<passport> (upper case, no spaces)', async () => {
    const der = await createCsr(
      await generateSigningKeyPair('ECDSA P-256'),
      employeeSubjectName({ ...EMPLOYEE, identityKind: 'passport', identityCode: 'ме 123456' }),
    );
    const csr = new x509.Pkcs10CertificateRequest(toArrayBuffer(der));
    assert.equal(await csr.verify(), true);
    assert.deepEqual(csr.subjectName.getField(OID.serialNumber), ['PASUA-МЕ123456']);
    // Cyrillic passport series cannot be a PrintableString.
    assert.equal(subjectAttributes(der).find((a) => a.type === OID.serialNumber)?.tag, 'Utf8String');
  });

  it('a request is bound to its key: another key does not verify it', async () => {
    const der = await createCsr(await generateSigningKeyPair('ECDSA P-256'), employeeSubjectName(EMPLOYEE));
    const tampered = new Uint8Array(der);
    // Flip a byte inside the CN (in the signed part).
    const at = Buffer.from(der).indexOf(Buffer.from(new TextEncoder().encode('Коваленко Олена')));
    tampered[at + 1] = (tampered[at + 1] as number) ^ 0x01;
    assert.equal(await new x509.Pkcs10CertificateRequest(toArrayBuffer(tampered)).verify(), false);
  });
});

import * as asn1js from 'asn1js';
import { derFromPemOrDer, equalBytes, toArrayBuffer } from '../../shared/crypto/bytes';
import { pkijs, x509 } from '../../shared/crypto/engine';
import { describeKey } from '../../shared/crypto/keys';
import { sameSubjectSerial } from '../../shared/crypto/names';
import { OID } from '../../shared/crypto/oids';

export type CsrFailureCode = 'CSR_MALFORMED' | 'CSR_BAD_SIGNATURE' | 'CSR_WEAK_KEY' | 'CSR_WRONG_SUBJECT' | 'CSR_SAME_KEY';

export function csrFailureMessage(code: CsrFailureCode, expectedSerial: string): string {
  switch (code) {
    case 'CSR_MALFORMED':
      return 'Файл не є запитом на сертифікат PKCS#10 (.p10, .csr) або пошкоджений';
    case 'CSR_BAD_SIGNATURE':
      return 'Запит на сертифікат не підписано його ключем: створіть запит заново';
    case 'CSR_WEAK_KEY':
      return 'Ключ у запиті не підтримується: потрібен ECDSA P-256/P-384 або RSA від 2048 біт';
    case 'CSR_WRONG_SUBJECT':
      return `Запит на сертифікат зроблено для іншої особи: serialNumber має бути ${expectedSerial}`;
    case 'CSR_SAME_KEY':
      return 'Запит зроблено для поточного ключа: для нового сертифіката потрібна нова ключова пара';
  }
}

const ACCEPTED_KEYS = new Set(['ECDSA P-256', 'ECDSA P-384', 'RSA-2048', 'RSA-3072', 'RSA-4096']);

/**
 * Checks the PKCS#10 request for the new key: it parses, is signed by its own key, carries an
 * accepted key that is not the key being renewed, and names the request's person.
 */
export async function checkCsr(
  bytes: Uint8Array,
  expected: { subjectSerialNumber: string; currentPublicKey: Uint8Array | null },
): Promise<{ ok: true; der: Uint8Array; keyAlgorithm: string } | { ok: false; code: CsrFailureCode }> {
  const der = derFromPemOrDer(bytes, ['CERTIFICATE REQUEST', 'NEW CERTIFICATE REQUEST']);
  let csr: x509.Pkcs10CertificateRequest;
  let spki: pkijs.PublicKeyInfo;
  try {
    const asn = asn1js.fromBER(toArrayBuffer(der));
    if (asn.offset === -1 || asn.offset !== der.byteLength) return { ok: false, code: 'CSR_MALFORMED' };
    csr = new x509.Pkcs10CertificateRequest(toArrayBuffer(der));
    spki = pkijs.PublicKeyInfo.fromBER(csr.publicKey.rawData);
  } catch {
    return { ok: false, code: 'CSR_MALFORMED' };
  }
  const keyAlgorithm = describeKey(spki);
  if (!ACCEPTED_KEYS.has(keyAlgorithm)) return { ok: false, code: 'CSR_WEAK_KEY' };
  const signed = await csr.verify().catch(() => false);
  if (!signed) return { ok: false, code: 'CSR_BAD_SIGNATURE' };
  const serial = csr.subjectName.getField(OID.serialNumber)[0];
  if (!serial || !sameSubjectSerial(serial, expected.subjectSerialNumber)) return { ok: false, code: 'CSR_WRONG_SUBJECT' };
  if (expected.currentPublicKey && equalBytes(new Uint8Array(csr.publicKey.rawData), expected.currentPublicKey)) {
    return { ok: false, code: 'CSR_SAME_KEY' };
  }
  return { ok: true, der, keyAlgorithm };
}

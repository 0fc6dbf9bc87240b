import * as asn1js from 'asn1js';
import { pemBlocks, toArrayBuffer, toHex } from '../../shared/crypto/bytes';
import { pkijs, x509 } from '../../shared/crypto/engine';
import { OID } from '../../shared/crypto/oids';
import type { Executor } from '../db/database';
import { findCertificateBySerial, insertTrustedCa, listTrustedCas } from '../repositories/signature.repository';
import type { CertificateAuthority } from './authority';
import type { RevocationCheck, TrustList } from './verify';

export async function fingerprintOf(certificate: x509.X509Certificate): Promise<string> {
  return toHex(await certificate.getThumbprint('SHA-256'));
}

function trustedCaValues(certificate: x509.X509Certificate, fingerprint: string) {
  return {
    fingerprint,
    subject: certificate.subject,
    issuer: certificate.issuer,
    serial: certificate.serialNumber.toUpperCase(),
    notBefore: certificate.notBefore,
    notAfter: certificate.notAfter,
    der: new Uint8Array(certificate.rawData),
  };
}

/** The provider's own root and issuing CA are always trusted; recorded at every start (idempotent). */
export async function registerProviderCas(db: Executor, ca: CertificateAuthority): Promise<void> {
  for (const certificate of ca.certificates) {
    await insertTrustedCa(db, { ...trustedCaValues(certificate, await fingerprintOf(certificate)), source: 'provider', createdBy: null });
  }
}

export async function addImportedCa(db: Executor, certificate: x509.X509Certificate, userId: string) {
  return insertTrustedCa(db, { ...trustedCaValues(certificate, await fingerprintOf(certificate)), source: 'imported', createdBy: userId });
}

/** Parsed certificates by fingerprint: the list is read on every check, parsing it once is enough. */
const parsed = new Map<string, x509.X509Certificate>();

export async function loadTrustList(db: Executor): Promise<TrustList> {
  const rows = await listTrustedCas(db);
  const anchors = rows.map((row) => {
    let certificate = parsed.get(row.fingerprint);
    if (!certificate) {
      certificate = new x509.X509Certificate(toArrayBuffer(new Uint8Array(row.der)));
      parsed.set(row.fingerprint, certificate);
    }
    return certificate;
  });
  return { anchors };
}

/**
 * Revocation of certificates the provider issued, from its own register (revoked or blocked).
 * Other providers' CRLs cannot be fetched here (no internet at run time), so their
 * certificates are checked for chain and validity only.
 */
export function revocationCheck(db: Executor, now: Date): RevocationCheck {
  return async (certificate) => {
    const row = await findCertificateBySerial(db, certificate.serialNumber);
    if (!row?.der) return null;
    // The same serial from another CA is not ours to judge.
    if (toHex(new Uint8Array(row.der)) !== toHex(new Uint8Array(certificate.rawData))) return null;
    if (row.status === 'revoked' || row.status === 'blocked') return row.revoked_at ?? now;
    return null;
  };
}

export class BundleError extends Error {}

/** The length of the first DER element in the bytes (0 if they do not start with one). */
function derLength(der: Uint8Array): number {
  const asn = asn1js.fromBER(toArrayBuffer(der));
  return asn.offset === -1 ? 0 : asn.offset;
}

function certificatesOfPkcs7(der: Uint8Array): Uint8Array[] {
  const asn = asn1js.fromBER(toArrayBuffer(der));
  if (asn.offset === -1) throw new BundleError('Файл пошкоджений');
  const info = new pkijs.ContentInfo({ schema: asn.result });
  if (info.contentType !== OID.signedData) throw new BundleError('Файл не є набором сертифікатів PKCS#7 (.p7b)');
  const signed = new pkijs.SignedData({ schema: info.content });
  return (signed.certificates ?? [])
    .filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate)
    .map((c) => new Uint8Array(c.toSchema().toBER(false)));
}

/**
 * Reads a bundle of another provider's CA certificates: PEM (any number of CERTIFICATE or
 * PKCS7 blocks), a DER certificate, or a DER `.p7b`. Every certificate must be a CA's.
 */
export function parseCaBundle(bytes: Uint8Array): x509.X509Certificate[] {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, Math.min(bytes.length, 1 << 20)));
  let ders: Uint8Array[] = [];
  try {
    if (text.includes('-----BEGIN ')) {
      for (const block of pemBlocks(text)) {
        // OpenSSL's TRUSTED CERTIFICATE appends its trust settings after the certificate: dropped.
        if (block.label === 'CERTIFICATE') ders.push(block.der);
        else if (block.label === 'TRUSTED CERTIFICATE') ders.push(block.der.subarray(0, derLength(block.der)));
        else if (block.label === 'PKCS7' || block.label === 'CMS') ders.push(...certificatesOfPkcs7(block.der));
      }
    } else {
      try {
        ders = [new Uint8Array(new x509.X509Certificate(toArrayBuffer(bytes)).rawData)];
      } catch {
        ders = certificatesOfPkcs7(bytes);
      }
    }
  } catch (error) {
    if (error instanceof BundleError) throw error;
    throw new BundleError('Файл не є сертифікатом (.cer, .crt, .pem) або набором сертифікатів (.p7b)');
  }
  if (ders.length === 0) throw new BundleError('У файлі немає жодного сертифіката');
  const certificates = ders.map((der) => {
    // Bytes after the certificate would change its fingerprint: the same CA could be trusted twice.
    if (derLength(der) !== der.length) throw new BundleError('Один із сертифікатів у файлі пошкоджено');
    try {
      return new x509.X509Certificate(toArrayBuffer(der));
    } catch {
      throw new BundleError('Один із сертифікатів у файлі пошкоджено');
    }
  });
  const notCa = certificates.find((c) => c.getExtension(x509.BasicConstraintsExtension)?.ca !== true);
  if (notCa) throw new BundleError(`Сертифікат «${notCa.subject}» не є сертифікатом ЦСК: довіряти можна лише сертифікатам центрів`);
  return certificates;
}

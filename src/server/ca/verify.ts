import * as asn1js from 'asn1js';
import { derFromPemOrDer, equalBytes, toBytes, toHex } from '../../shared/crypto/bytes';
import { pkijs, webcrypto, x509 } from '../../shared/crypto/engine';
import { describeKey } from '../../shared/crypto/keys';
import { HASH_BY_OID, OID } from '../../shared/crypto/oids';
import type { SignatureFailureCode, SignatureReport } from '../../shared/domain/signature';

/** How far a signer's clock may run ahead of the server's. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;
const MAX_CHAIN = 6;

export type TrustList = {
  /** Certificates trusted as they are (roots and issuing CAs the provider accepts). */
  anchors: x509.X509Certificate[];
};

export type RevocationCheck = (certificate: x509.X509Certificate) => Promise<Date | null>;

export type VerifyCmsInput = {
  cms: Uint8Array;
  /** The document the signature must be over: detached signatures are checked against it, attached content must equal it. */
  expectedContent?: Uint8Array;
  trust: TrustList;
  isRevoked: RevocationCheck;
  now: Date;
};

export type VerifyCmsResult =
  | { ok: true; report: SignatureReport; content: Uint8Array; signer: x509.X509Certificate }
  | { ok: false; code: SignatureFailureCode; report: SignatureReport | null; detail?: Record<string, string> };

class Failure extends Error {
  constructor(
    readonly code: SignatureFailureCode,
    readonly detail?: Record<string, string>,
  ) {
    super(code);
  }
}

function octets(value: asn1js.OctetString): Uint8Array {
  // BER from some tools splits the content into a constructed OCTET STRING.
  if (value.idBlock.isConstructed) {
    const parts = (value.valueBlock.value as asn1js.OctetString[]).map(octets);
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let offset = 0;
    for (const part of parts) {
      out.set(part, offset);
      offset += part.length;
    }
    return out;
  }
  return new Uint8Array(value.valueBlock.valueHexView);
}

function parseSignedData(bytes: Uint8Array): pkijs.SignedData {
  const der = derFromPemOrDer(bytes, ['PKCS7', 'CMS', 'PKCS #7 SIGNED DATA']);
  if (der.length === 0) throw new Failure('MALFORMED');
  const asn = asn1js.fromBER(der as Uint8Array<ArrayBuffer>);
  if (asn.offset === -1 || asn.offset !== der.byteLength) throw new Failure('MALFORMED');
  try {
    const info = new pkijs.ContentInfo({ schema: asn.result });
    if (info.contentType !== OID.signedData) throw new Failure('MALFORMED');
    return new pkijs.SignedData({ schema: info.content });
  } catch (error) {
    if (error instanceof Failure) throw error;
    throw new Failure('MALFORMED');
  }
}

function attribute(signerInfo: pkijs.SignerInfo, type: string): asn1js.AsnType | undefined {
  return signerInfo.signedAttrs?.attributes.find((a) => a.type === type)?.values[0];
}

function sameDer(a: asn1js.AsnType | pkijs.RelativeDistinguishedNames, b: asn1js.AsnType | pkijs.RelativeDistinguishedNames): boolean {
  const der = (v: asn1js.AsnType | pkijs.RelativeDistinguishedNames) =>
    new Uint8Array(v instanceof pkijs.RelativeDistinguishedNames ? v.toSchema().toBER(false) : v.toBER(false));
  return equalBytes(der(a), der(b));
}

function findSignerCertificate(signedData: pkijs.SignedData, signerInfo: pkijs.SignerInfo): pkijs.Certificate | null {
  const certificates = (signedData.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
  const sid = signerInfo.sid;
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    return certificates.find((c) => sameDer(c.issuer, sid.issuer) && sameDer(c.serialNumber, sid.serialNumber)) ?? null;
  }
  // subjectKeyIdentifier [0]
  const keyId = new Uint8Array((sid as asn1js.Primitive).valueBlock?.valueHexView ?? new ArrayBuffer(0));
  for (const certificate of certificates) {
    const ski = certificate.extensions?.find((e) => e.extnID === '2.5.29.14');
    if (ski && equalBytes(octets(ski.parsedValue as asn1js.OctetString), keyId)) return certificate;
  }
  return null;
}

function timeOf(value: asn1js.AsnType | undefined): Date | null {
  if (value instanceof asn1js.UTCTime || value instanceof asn1js.GeneralizedTime) return value.toDate();
  return null;
}

function fieldOf(name: x509.Name, oid: string): string | null {
  return name.getField(oid)[0] ?? null;
}

function iso(date: Date): string {
  return date.toISOString();
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return toHex(await webcrypto.subtle.digest('SHA-256', bytes as BufferSource));
}

/** The report's facts about the signer's certificate. */
function certificateFacts(certificate: x509.X509Certificate) {
  const subject = new x509.Name(certificate.subjectName.toArrayBuffer());
  const issuer = new x509.Name(certificate.issuerName.toArrayBuffer());
  return {
    signerName: fieldOf(subject, OID.commonName) ?? certificate.subject,
    subjectSerialNumber: fieldOf(subject, OID.serialNumber),
    organizationName: fieldOf(subject, OID.organization),
    organizationIdentifier: fieldOf(subject, OID.organizationIdentifier),
    certificateSerial: certificate.serialNumber.toUpperCase(),
    issuerName: fieldOf(issuer, OID.commonName) ?? certificate.issuer,
    notBefore: iso(certificate.notBefore),
    notAfter: iso(certificate.notAfter),
  };
}

function isCa(certificate: x509.X509Certificate): boolean {
  return certificate.getExtension(x509.BasicConstraintsExtension)?.ca === true;
}

const fingerprints = new WeakMap<x509.X509Certificate, Promise<string>>();
async function fingerprint(certificate: x509.X509Certificate): Promise<string> {
  let value = fingerprints.get(certificate);
  if (!value) {
    value = certificate.getThumbprint('SHA-256').then(toHex);
    fingerprints.set(certificate, value);
  }
  return value;
}

async function isIssuedBy(certificate: x509.X509Certificate, issuer: x509.X509Certificate): Promise<boolean> {
  if (!equalBytes(toBytes(certificate.issuerName.toArrayBuffer()), toBytes(issuer.subjectName.toArrayBuffer()))) return false;
  try {
    return await certificate.verify({ publicKey: issuer.publicKey, signatureOnly: true });
  } catch {
    return false;
  }
}

/**
 * Walks from the signer's certificate up through the certificates the CMS carries until one of
 * the trusted certificates; every issuer must be a CA valid now and not revoked.
 */
async function checkChain(
  signer: x509.X509Certificate,
  pool: x509.X509Certificate[],
  input: VerifyCmsInput,
): Promise<x509.X509Certificate[]> {
  const trusted = new Set(await Promise.all(input.trust.anchors.map(fingerprint)));
  const candidates = [...input.trust.anchors, ...pool];
  const chain: x509.X509Certificate[] = [];
  let current = signer;
  for (let depth = 0; depth < MAX_CHAIN; depth++) {
    if (trusted.has(await fingerprint(current))) return chain;
    let issuer: x509.X509Certificate | null = null;
    for (const candidate of candidates) {
      if (candidate !== current && isCa(candidate) && (await isIssuedBy(current, candidate))) {
        issuer = candidate;
        break;
      }
    }
    if (!issuer) throw new Failure('UNTRUSTED_ISSUER', { issuer: current.issuer });
    if (issuer.notAfter.getTime() < input.now.getTime() || issuer.notBefore.getTime() > input.now.getTime() + CLOCK_SKEW_MS) {
      throw new Failure('UNTRUSTED_ISSUER', { issuer: issuer.subject });
    }
    const issuerRevokedAt = await input.isRevoked(issuer);
    if (issuerRevokedAt && issuerRevokedAt.getTime() <= input.now.getTime())
      throw new Failure('UNTRUSTED_ISSUER', { issuer: issuer.subject });
    chain.push(issuer);
    if (trusted.has(await fingerprint(issuer))) return chain;
    current = issuer;
  }
  throw new Failure('UNTRUSTED_ISSUER', { issuer: current.issuer });
}

/**
 * Verifies a CMS SignedData (a `.p7s`, detached or with the content inside): structure, the
 * signature over the signed attributes, the message digest against the expected document, the
 * signer's certificate (trusted chain, validity at signing time and now, revocation, key usage).
 * Who the signer must be is the caller's rule (see `checkSignerIdentity`).
 */
export async function verifyCms(input: VerifyCmsInput): Promise<VerifyCmsResult> {
  let report: SignatureReport | null = null;
  try {
    const signedData = parseSignedData(input.cms);
    const signerInfo = signedData.signerInfos[0];
    if (!signerInfo) throw new Failure('NO_SIGNER');
    const signerPkijs = findSignerCertificate(signedData, signerInfo);
    if (!signerPkijs) throw new Failure('NO_SIGNER_CERTIFICATE');
    const signerDer = new Uint8Array(signerPkijs.toSchema().toBER(false));
    const signer = new x509.X509Certificate(signerDer);
    const hash = HASH_BY_OID[signerInfo.digestAlgorithm.algorithmId];
    const signingTime = timeOf(attribute(signerInfo, OID.signingTime));
    const eContent = signedData.encapContentInfo.eContent;
    const attached = Boolean(eContent);
    report = {
      ...certificateFacts(signer),
      signingTime: signingTime ? iso(signingTime) : null,
      digestAlgorithm: hash ?? signerInfo.digestAlgorithm.algorithmId,
      signatureAlgorithm: `${describeKey(signerPkijs.subjectPublicKeyInfo)} / ${hash ?? '?'}`,
      format: attribute(signerInfo, OID.signingCertificateV2) ? 'CAdES-BES' : 'CMS',
      detached: !attached,
      contentSha256: null,
      verifiedAt: iso(input.now),
    };
    if (!hash || hash === 'SHA-1') throw new Failure('WEAK_ALGORITHM');

    let content: Uint8Array;
    if (eContent) {
      content = octets(eContent);
      if (input.expectedContent && !equalBytes(content, input.expectedContent)) throw new Failure('CONTENT_MISMATCH');
    } else if (input.expectedContent) {
      content = input.expectedContent;
    } else {
      throw new Failure('NO_CONTENT');
    }
    report.contentSha256 = await sha256Hex(content);

    if (!signerInfo.signedAttrs) throw new Failure('NO_SIGNED_ATTRIBUTES');
    const digestAttr = attribute(signerInfo, OID.messageDigest);
    if (!(digestAttr instanceof asn1js.OctetString)) throw new Failure('NO_SIGNED_ATTRIBUTES');
    const digest = new Uint8Array(await webcrypto.subtle.digest(hash, content as BufferSource));

    const engine = pkijs.getCrypto(true);
    let valid = false;
    try {
      valid = await engine.verifyWithPublicKey(
        signerInfo.signedAttrs.encodedValue,
        signerInfo.signature,
        signerPkijs.subjectPublicKeyInfo,
        signerInfo.signatureAlgorithm,
        hash,
      );
    } catch {
      throw new Failure('UNSUPPORTED_ALGORITHM');
    }
    if (!valid) throw new Failure('BAD_SIGNATURE');
    // The signature is genuine; does it cover this document?
    if (!equalBytes(digest, octets(digestAttr))) throw new Failure('CONTENT_MISMATCH');

    const essV2 = attribute(signerInfo, OID.signingCertificateV2);
    if (essV2) {
      const certHash = essCertHash(essV2);
      const expected = new Uint8Array(await webcrypto.subtle.digest(certHash.hash, signerDer as BufferSource));
      if (!equalBytes(expected, certHash.value)) throw new Failure('CERTIFICATE_MISMATCH');
    }

    const now = input.now.getTime();
    if (signingTime && signingTime.getTime() > now + CLOCK_SKEW_MS) throw new Failure('SIGNING_TIME_IN_FUTURE');
    for (const at of [now, signingTime?.getTime() ?? now]) {
      if (at > signer.notAfter.getTime()) throw new Failure('CERTIFICATE_EXPIRED', { notAfter: iso(signer.notAfter) });
      if (at + CLOCK_SKEW_MS < signer.notBefore.getTime())
        throw new Failure('CERTIFICATE_NOT_YET_VALID', { notBefore: iso(signer.notBefore) });
    }
    const keyUsage = signer.getExtension(x509.KeyUsagesExtension);
    if (keyUsage && !(keyUsage.usages & (x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation))) {
      throw new Failure('KEY_USAGE');
    }
    const pool = (signedData.certificates ?? [])
      .filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate)
      .map((c) => new x509.X509Certificate(c.toSchema().toBER(false)));
    await checkChain(signer, pool, input);
    const revokedAt = await input.isRevoked(signer);
    if (revokedAt && revokedAt.getTime() <= now) throw new Failure('CERTIFICATE_REVOKED', { revokedAt: iso(revokedAt) });
    return { ok: true, report, content, signer };
  } catch (error) {
    if (error instanceof Failure) return { ok: false, code: error.code, report, ...(error.detail ? { detail: error.detail } : {}) };
    throw error;
  }
}

/** The certificate hash in signing-certificate-v2 (first ESSCertIDv2). */
function essCertHash(value: asn1js.AsnType): { hash: string; value: Uint8Array } {
  try {
    const certs = (value as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence;
    const first = certs.valueBlock.value[0] as asn1js.Sequence;
    const parts = first.valueBlock.value;
    let index = 0;
    let hash = 'SHA-256';
    if (parts[0] instanceof asn1js.Sequence) {
      const oid = (parts[0].valueBlock.value[0] as asn1js.ObjectIdentifier).valueBlock.toString();
      hash = HASH_BY_OID[oid] ?? 'unknown';
      index = 1;
    }
    const octet = parts[index];
    if (!(octet instanceof asn1js.OctetString) || hash === 'unknown') throw new Failure('CERTIFICATE_MISMATCH');
    return { hash, value: octets(octet) };
  } catch (error) {
    if (error instanceof Failure) throw error;
    throw new Failure('CERTIFICATE_MISMATCH');
  }
}

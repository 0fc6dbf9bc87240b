import * as asn1js from 'asn1js';
import { toArrayBuffer } from './bytes';
import { pkijs, webcrypto } from './engine';
import { hashForKey } from './keys';
import { OID, OID_BY_HASH } from './oids';

/**
 * ESS signing-certificate-v2 (RFC 5035): binds the signature to the signer's certificate by its
 * hash and issuer/serial, which is what makes a CMS signature CAdES-BES.
 */
export function signingCertificateV2(certificate: pkijs.Certificate, certHash: ArrayBuffer, hash: string): asn1js.Sequence {
  const issuerSerial = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({ value: [new pkijs.GeneralName({ type: 4, value: certificate.issuer }).toSchema()] }),
      certificate.serialNumber,
    ],
  });
  const essCertIdV2: asn1js.AsnType[] = [];
  // hashAlgorithm DEFAULT sha256: omitted when it is SHA-256, as DER requires.
  if (hash !== 'SHA-256') essCertIdV2.push(new pkijs.AlgorithmIdentifier({ algorithmId: OID_BY_HASH[hash] as string }).toSchema());
  essCertIdV2.push(new asn1js.OctetString({ valueHex: certHash }), issuerSerial);
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [new asn1js.Sequence({ value: essCertIdV2 })] })] });
}

function signingTimeValue(date: Date): asn1js.AsnType {
  // RFC 5652: UTCTime for 1950–2049, GeneralizedTime otherwise.
  const seconds = new Date(Math.floor(date.getTime() / 1000) * 1000);
  return seconds.getUTCFullYear() < 2050 ? new asn1js.UTCTime({ valueDate: seconds }) : new asn1js.GeneralizedTime({ valueDate: seconds });
}

/**
 * A detached CAdES-BES signature (CMS SignedData, DER) over `content`: signed attributes
 * content-type, message-digest, signing-time and signing-certificate-v2; the signer's
 * certificate and its chain are included. Runs in the browser with WebCrypto only.
 */
export async function signDetached(params: {
  content: Uint8Array;
  privateKey: CryptoKey;
  certificate: Uint8Array;
  chain?: Uint8Array[];
  signingTime?: Date;
  /** Attach the content (encapsulated) instead of a detached signature. */
  attached?: boolean;
}): Promise<Uint8Array> {
  const certificate = pkijs.Certificate.fromBER(toArrayBuffer(params.certificate));
  const hash = hashForKey(params.privateKey);
  const digest = await webcrypto.subtle.digest(hash, params.content as BufferSource);
  const certHash = await webcrypto.subtle.digest(hash, params.certificate as BufferSource);
  const signedAttrs = new pkijs.SignedAndUnsignedAttributes({
    type: 0,
    attributes: [
      new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
      new pkijs.Attribute({ type: OID.signingTime, values: [signingTimeValue(params.signingTime ?? new Date())] }),
      new pkijs.Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: digest })] }),
      new pkijs.Attribute({ type: OID.signingCertificateV2, values: [signingCertificateV2(certificate, certHash, hash)] }),
    ],
  });
  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({
      eContentType: OID.data,
      ...(params.attached ? { eContent: new asn1js.OctetString({ valueHex: toArrayBuffer(params.content) }) } : {}),
    }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: certificate.issuer, serialNumber: certificate.serialNumber }),
        signedAttrs,
      }),
    ],
    certificates: [certificate, ...(params.chain ?? []).map((der) => pkijs.Certificate.fromBER(toArrayBuffer(der)))],
  });
  await signedData.sign(params.privateKey, 0, hash);
  const contentInfo = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return new Uint8Array(contentInfo.toSchema().toBER(false));
}

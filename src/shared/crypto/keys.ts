import * as asn1js from 'asn1js';
import { toArrayBuffer } from './bytes';
import { pkijs, webcrypto } from './engine';
import { OID } from './oids';

export type KeyAlgorithmName = 'ECDSA P-256' | 'ECDSA P-384' | 'ECDSA P-521' | 'RSA';

/** The WebCrypto parameters for a key described by its AlgorithmIdentifier (SPKI or PKCS#8). */
export function importParams(algorithm: pkijs.AlgorithmIdentifier): EcKeyImportParams | RsaHashedImportParams | null {
  if (algorithm.algorithmId === OID.rsaEncryption) return { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  if (algorithm.algorithmId === OID.ecPublicKey && algorithm.algorithmParams instanceof asn1js.ObjectIdentifier) {
    const curve = { [OID.p256]: 'P-256', [OID.p384]: 'P-384', [OID.p521]: 'P-521' }[algorithm.algorithmParams.valueBlock.toString()];
    return curve ? { name: 'ECDSA', namedCurve: curve } : null;
  }
  return null;
}

/** A readable name of the key's algorithm ("ECDSA P-256", "RSA-2048"). */
export function describeKey(spki: pkijs.PublicKeyInfo): string {
  const params = importParams(spki.algorithm);
  if (!params) return spki.algorithm.algorithmId;
  if (params.name === 'ECDSA') return `ECDSA ${(params as EcKeyImportParams).namedCurve}`;
  const rsa = pkijs.RSAPublicKey.fromBER(toArrayBuffer(spki.subjectPublicKey.valueBlock.valueHexView));
  const modulus = rsa.modulus.valueBlock.valueHexView;
  let start = 0;
  while (start < modulus.length - 1 && modulus[start] === 0) start++;
  const leading = modulus[start] ?? 0;
  const bits = (modulus.length - start - 1) * 8 + (leading === 0 ? 0 : Math.floor(Math.log2(leading)) + 1);
  return `RSA-${bits}`;
}

/** The hash a signature by this key uses: SHA-384 for P-384, SHA-512 for P-521, else SHA-256. */
export function hashForKey(key: CryptoKey): 'SHA-256' | 'SHA-384' | 'SHA-512' {
  const curve = (key.algorithm as EcKeyAlgorithm).namedCurve;
  if (curve === 'P-384') return 'SHA-384';
  if (curve === 'P-521') return 'SHA-512';
  return 'SHA-256';
}

/** WebCrypto sign parameters for a key and hash. */
export function signParams(key: CryptoKey, hash: string): AlgorithmIdentifier | EcdsaParams {
  return key.algorithm.name === 'ECDSA' ? { name: 'ECDSA', hash } : { name: key.algorithm.name };
}

/** Imports a PKCS#8 private key for signing, with the hash a CMS signature will use. */
export async function importPrivateKey(pkcs8: Uint8Array, extractable = false): Promise<CryptoKey> {
  const info = pkijs.PrivateKeyInfo.fromBER(toArrayBuffer(pkcs8));
  const params = importParams(info.privateKeyAlgorithm);
  if (!params) throw new Error('UNSUPPORTED_ALGORITHM');
  return webcrypto.subtle.importKey('pkcs8', toArrayBuffer(pkcs8), params, extractable, ['sign']);
}

/** Generates a key pair the new certificate will be issued for. */
export async function generateSigningKeyPair(algorithm: KeyAlgorithmName = 'ECDSA P-256', extractable = true): Promise<CryptoKeyPair> {
  if (algorithm === 'RSA') {
    return webcrypto.subtle.generateKey(
      { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
      extractable,
      ['sign', 'verify'],
    );
  }
  const namedCurve = algorithm.slice('ECDSA '.length);
  return webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve }, extractable, ['sign', 'verify']);
}

/** Does this private key belong to the certificate? Signs a challenge and verifies it. */
export async function keyMatchesCertificate(privateKey: CryptoKey, certificate: pkijs.Certificate): Promise<boolean> {
  const params = importParams(certificate.subjectPublicKeyInfo.algorithm);
  if (!params || params.name !== privateKey.algorithm.name) return false;
  if (params.name === 'ECDSA' && (params as EcKeyImportParams).namedCurve !== (privateKey.algorithm as EcKeyAlgorithm).namedCurve)
    return false;
  const hash = hashForKey(privateKey);
  const publicKey = await webcrypto.subtle.importKey(
    'spki',
    certificate.subjectPublicKeyInfo.toSchema().toBER(false),
    params.name === 'ECDSA' ? params : { ...params, hash: (privateKey.algorithm as RsaHashedKeyAlgorithm).hash?.name ?? 'SHA-256' },
    false,
    ['verify'],
  );
  const challenge = webcrypto.getRandomValues(new Uint8Array(32));
  const signature = await webcrypto.subtle.sign(signParams(privateKey, hash), privateKey, challenge);
  return webcrypto.subtle.verify(signParams(publicKey, hash), publicKey, signature, challenge);
}

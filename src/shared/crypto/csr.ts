import type { JsonNameParams } from '@peculiar/x509';
import { x509 } from './engine';
import { hashForKey, signParams } from './keys';

/** A PKCS#10 request (DER) for the new key pair, signed with its private key. */
export async function createCsr(keys: CryptoKeyPair, subject: JsonNameParams): Promise<Uint8Array> {
  const hash = hashForKey(keys.privateKey);
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({
    name: new x509.Name(subject),
    keys,
    signingAlgorithm: { ...(signParams(keys.privateKey, hash) as Algorithm), hash } as Algorithm,
    extensions: [new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true)],
  });
  return new Uint8Array(csr.rawData);
}

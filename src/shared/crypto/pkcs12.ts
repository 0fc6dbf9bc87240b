import * as asn1js from 'asn1js';
import { toArrayBuffer } from './bytes';
import { pkijs, webcrypto } from './engine';
import { importPrivateKey, keyMatchesCertificate } from './keys';
import { OID } from './oids';

export type KeyFileErrorCode =
  | 'NOT_PKCS12'
  | 'WRONG_PASSWORD'
  | 'UNSUPPORTED_ENCRYPTION'
  | 'NO_PRIVATE_KEY'
  | 'NO_CERTIFICATE'
  | 'UNSUPPORTED_ALGORITHM';

export const keyFileErrorMessage: Record<KeyFileErrorCode, string> = {
  NOT_PKCS12: 'Це не файл ключа PKCS#12 (.p12, .pfx) або файл пошкоджено',
  WRONG_PASSWORD: 'Невірний пароль до файлу ключа',
  UNSUPPORTED_ENCRYPTION: 'Файл ключа зашифровано застарілим алгоритмом; збережіть його заново з шифруванням AES',
  NO_PRIVATE_KEY: 'У файлі немає особистого ключа',
  NO_CERTIFICATE: 'У файлі немає сертифіката, що відповідає ключу',
  UNSUPPORTED_ALGORITHM: 'Алгоритм ключа не підтримується (потрібен ECDSA P-256/P-384 або RSA)',
};

export class KeyFileError extends Error {
  constructor(readonly code: KeyFileErrorCode) {
    super(keyFileErrorMessage[code]);
    this.name = 'KeyFileError';
  }
}

export type KeyFile = {
  privateKey: CryptoKey;
  /** DER of the certificate that matches the key. */
  certificate: Uint8Array;
  /** DER of the other certificates in the file (issuers). */
  chain: Uint8Array[];
};

function passwordBytes(password: string): ArrayBuffer {
  return new TextEncoder().encode(password).buffer as ArrayBuffer;
}

function isPasswordFailure(error: unknown): boolean {
  const message = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  return /integrity|OperationError|decrypt|padding|bad decrypt/i.test(message);
}

/**
 * Opens a PKCS#12 key file with its password and returns the private key (non-extractable) and
 * the certificate it belongs to. Runs in the browser: the key never leaves it.
 */
export async function readPkcs12(bytes: Uint8Array, password: string): Promise<KeyFile> {
  const asn = asn1js.fromBER(bytes as Uint8Array<ArrayBuffer>);
  if (asn.offset === -1) throw new KeyFileError('NOT_PKCS12');
  let pfx: pkijs.PFX;
  try {
    pfx = new pkijs.PFX({ schema: asn.result });
  } catch {
    throw new KeyFileError('NOT_PKCS12');
  }
  const pass = passwordBytes(password);
  try {
    await pfx.parseInternalValues({ password: pass, checkIntegrity: Boolean(pfx.macData) });
  } catch (error) {
    throw new KeyFileError(isPasswordFailure(error) ? 'WRONG_PASSWORD' : 'NOT_PKCS12');
  }
  const authSafe = pfx.parsedValue?.authenticatedSafe;
  if (!authSafe) throw new KeyFileError('NOT_PKCS12');
  try {
    await authSafe.parseInternalValues({ safeContents: authSafe.safeContents.map(() => ({ password: pass })) as never });
  } catch (error) {
    throw new KeyFileError(isPasswordFailure(error) ? 'WRONG_PASSWORD' : 'UNSUPPORTED_ENCRYPTION');
  }
  const keys: Uint8Array[] = [];
  const certificates: pkijs.Certificate[] = [];
  for (const content of authSafe.parsedValue?.safeContents ?? []) {
    for (const bag of content.value.safeBags) {
      if (bag.bagId === OID.pkcs12ShroudedKeyBag) {
        const shrouded = bag.bagValue as pkijs.PKCS8ShroudedKeyBag;
        try {
          await (shrouded as unknown as { parseInternalValues(p: { password: ArrayBuffer }): Promise<void> }).parseInternalValues({
            password: pass,
          });
        } catch (error) {
          throw new KeyFileError(isPasswordFailure(error) ? 'WRONG_PASSWORD' : 'UNSUPPORTED_ENCRYPTION');
        }
        if (shrouded.parsedValue) keys.push(new Uint8Array(shrouded.parsedValue.toSchema().toBER(false)));
      } else if (bag.bagId === OID.pkcs12KeyBag) {
        keys.push(new Uint8Array((bag.bagValue as pkijs.PrivateKeyInfo).toSchema().toBER(false)));
      } else if (bag.bagId === OID.pkcs12CertBag) {
        const parsed = (bag.bagValue as pkijs.CertBag).parsedValue;
        if (parsed instanceof pkijs.Certificate) certificates.push(parsed);
      }
    }
  }
  const pkcs8 = keys[0];
  if (!pkcs8) throw new KeyFileError('NO_PRIVATE_KEY');
  let privateKey: CryptoKey;
  try {
    privateKey = await importPrivateKey(pkcs8);
  } catch {
    throw new KeyFileError('UNSUPPORTED_ALGORITHM');
  }
  let own: pkijs.Certificate | undefined;
  for (const certificate of certificates) {
    if (await keyMatchesCertificate(privateKey, certificate).catch(() => false)) {
      own = certificate;
      break;
    }
  }
  if (!own) throw new KeyFileError('NO_CERTIFICATE');
  return {
    privateKey,
    certificate: new Uint8Array(own.toSchema().toBER(false)),
    chain: certificates.filter((c) => c !== own).map((c) => new Uint8Array(c.toSchema().toBER(false))),
  };
}

function bagAttributes(localKeyId: Uint8Array, friendlyName: string) {
  return [
    new pkijs.Attribute({ type: OID.friendlyName, values: [new asn1js.BmpString({ value: friendlyName })] }),
    new pkijs.Attribute({ type: OID.localKeyId, values: [new asn1js.OctetString({ valueHex: localKeyId })] }),
  ];
}

/**
 * Writes a password-protected PKCS#12 file as OpenSSL 3 does by default (PBES2 with
 * PBKDF2-SHA256 and AES-256-CBC, MAC SHA-256): the key, and the certificates when there are any
 * (a new key has none until the provider issues one).
 */
export async function createPkcs12(params: {
  privateKey: CryptoKey;
  certificates?: Uint8Array[];
  password: string;
  friendlyName?: string;
  iterations?: number;
}): Promise<Uint8Array> {
  const iterations = params.iterations ?? 100_000;
  const pass = passwordBytes(params.password);
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', params.privateKey);
  const localKeyId = webcrypto.getRandomValues(new Uint8Array(20));
  const friendlyName = params.friendlyName ?? 'key';
  const keyBag = new pkijs.SafeBag({
    bagId: OID.pkcs12ShroudedKeyBag,
    bagValue: new pkijs.PKCS8ShroudedKeyBag({ parsedValue: pkijs.PrivateKeyInfo.fromBER(pkcs8) }),
    bagAttributes: bagAttributes(localKeyId, friendlyName),
  });
  const certBags = (params.certificates ?? []).map(
    (der, index) =>
      new pkijs.SafeBag({
        bagId: OID.pkcs12CertBag,
        bagValue: new pkijs.CertBag({ parsedValue: pkijs.Certificate.fromBER(toArrayBuffer(der)) }),
        ...(index === 0 ? { bagAttributes: bagAttributes(localKeyId, friendlyName) } : {}),
      }),
  );
  const encryption = {
    password: pass,
    contentEncryptionAlgorithm: { name: 'AES-CBC', length: 256 },
    hmacHashAlgorithm: 'SHA-256',
    iterationCount: iterations,
  };
  const safeContents: { privacyMode: number; value: pkijs.SafeContents }[] = [
    { privacyMode: 0, value: new pkijs.SafeContents({ safeBags: [keyBag] }) },
  ];
  if (certBags.length > 0) safeContents.push({ privacyMode: 1, value: new pkijs.SafeContents({ safeBags: certBags }) });
  const pfx = new pkijs.PFX({
    parsedValue: { integrityMode: 0, authenticatedSafe: new pkijs.AuthenticatedSafe({ parsedValue: { safeContents } }) },
  });
  await (keyBag.bagValue as pkijs.PKCS8ShroudedKeyBag).makeInternalValues(encryption as never);
  await pfx.parsedValue?.authenticatedSafe?.makeInternalValues({
    safeContents: safeContents.map((c) => (c.privacyMode === 1 ? encryption : {})),
  });
  await pfx.makeInternalValues({
    password: pass,
    iterations: 2048,
    pbkdf2HashAlgorithm: { name: 'SHA-256' },
    hmacHashAlgorithm: 'SHA-256',
  } as never);
  return new Uint8Array(pfx.toSchema().toBER(false));
}

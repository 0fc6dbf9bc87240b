/**
 * The one place that wires WebCrypto into pkijs and @peculiar/x509. Every module that works
 * with certificates, CMS or PKCS#12 imports `x509`, `pkijs` and `webcrypto` from here, in the
 * browser and in Node alike (both have `globalThis.crypto`). `reflect-metadata` must load
 * before @peculiar/x509, so it is the first import.
 */
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import * as pkijs from 'pkijs';

export const webcrypto: Crypto = globalThis.crypto;

x509.cryptoProvider.set(webcrypto);
pkijs.setEngine('webcrypto', new pkijs.CryptoEngine({ name: 'webcrypto', crypto: webcrypto }));

export { pkijs, x509 };

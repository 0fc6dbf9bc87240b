import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * CA private keys are kept on disk encrypted (AES-256-GCM) under a key derived from the
 * server's secret, so a copy of the data directory alone does not give them away.
 */
function keyFor(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'kep-cabinet', 'ca-private-key', 32));
}

const TAG_BYTES = 16;

export function sealKey(pkcs8: Uint8Array, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFor(secret), iv);
  const body = Buffer.concat([cipher.update(pkcs8), cipher.final()]);
  return JSON.stringify({
    v: 1,
    alg: 'AES-256-GCM',
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: body.toString('base64'),
  });
}

export function openKey(sealed: string, secret: string): Uint8Array {
  try {
    const box = JSON.parse(sealed) as { v: number; iv: string; tag: string; data: string };
    const tag = Buffer.from(box.tag, 'base64');
    // The full 16-byte tag, always: a shortened one would weaken the seal.
    if (tag.length !== TAG_BYTES) throw new Error('tag length');
    const decipher = createDecipheriv('aes-256-gcm', keyFor(secret), Buffer.from(box.iv, 'base64'), { authTagLength: TAG_BYTES });
    decipher.setAuthTag(tag);
    return new Uint8Array(Buffer.concat([decipher.update(Buffer.from(box.data, 'base64')), decipher.final()]));
  } catch {
    throw new Error('The CA key cannot be decrypted: SECRET_KEY differs from the one it was created with');
  }
}

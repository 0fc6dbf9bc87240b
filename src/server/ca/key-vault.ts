import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The provider's key store for cloud-stored keys: one file per request under
 * `<dataDir>/keystore`, the private key encrypted with its own data key (AES-256-GCM), the
 * data key wrapped by a key derived from the master key (envelope encryption). The master key
 * is never in the database; rotating it means re-wrapping the small data keys only.
 */
type Sealed = { v: 1; kek: string; dekIv: string; dekTag: string; wrappedDek: string; iv: string; tag: string; data: string };

const TAG_BYTES = 16;

function kek(masterKey: string): Buffer {
  return Buffer.from(hkdfSync('sha256', masterKey, 'kep-cabinet', 'key-store-kek', 32));
}

/** A short id of the master key, so a file says which master key wraps it. */
function kekId(masterKey: string): string {
  return createHash('sha256').update(kek(masterKey)).digest('hex').slice(0, 16);
}

function encrypt(key: Buffer, plain: Uint8Array) {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(plain), cipher.final()]);
  return { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}

function decrypt(key: Buffer, box: { iv: string; tag: string; data: string }): Buffer {
  const tag = Buffer.from(box.tag, 'base64');
  if (tag.length !== TAG_BYTES) throw new Error('tag length');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(box.iv, 'base64'), { authTagLength: TAG_BYTES });
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(Buffer.from(box.data, 'base64')), decipher.final()]);
}

export function sealPrivateKey(pkcs8: Uint8Array, masterKey: string): string {
  const dek = randomBytes(32);
  const wrapped = encrypt(kek(masterKey), dek);
  const body = encrypt(dek, pkcs8);
  const sealed: Sealed = { v: 1, kek: kekId(masterKey), dekIv: wrapped.iv, dekTag: wrapped.tag, wrappedDek: wrapped.data, ...body };
  return JSON.stringify(sealed);
}

export function openPrivateKey(text: string, masterKey: string): Uint8Array {
  try {
    const sealed = JSON.parse(text) as Sealed;
    const dek = decrypt(kek(masterKey), { iv: sealed.dekIv, tag: sealed.dekTag, data: sealed.wrappedDek });
    return new Uint8Array(decrypt(dek, sealed));
  } catch {
    throw new Error('The key cannot be opened: MASTER_KEY differs from the one that sealed it, or the file is damaged');
  }
}

export class KeyVault {
  constructor(
    private readonly dir: string,
    private readonly masterKey: string,
  ) {}

  private fileFor(id: string): string {
    if (!/^[0-9a-f-]{36}$/.test(id)) throw new Error('invalid key id');
    return path.join(this.dir, `${id}.key.json`);
  }

  has(id: string): boolean {
    return existsSync(this.fileFor(id));
  }

  /**
   * The key stored under `id`, made by `generate` the first time. A renewal that crashed after
   * making the key and before recording the certificate finds the same key when it runs again.
   */
  async getOrCreate(id: string, generate: () => Promise<Uint8Array>): Promise<Uint8Array> {
    const file = this.fileFor(id);
    if (existsSync(file)) return openPrivateKey(readFileSync(file, 'utf8'), this.masterKey);
    const pkcs8 = await generate();
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(temporary, sealPrivateKey(pkcs8, this.masterKey), { mode: 0o600 });
    try {
      // link() never replaces: of two runners racing on one request, the first file wins and both use it.
      linkSync(temporary, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      unlinkSync(temporary);
    }
    return openPrivateKey(readFileSync(file, 'utf8'), this.masterKey);
  }
}

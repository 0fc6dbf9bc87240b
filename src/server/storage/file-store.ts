import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

export type DetectedType = { mediaType: string; extension: string };

/**
 * Decides a file's type from its bytes, never from its name: PDF, JPEG, PNG, or a CMS
 * signature (DER SignedData, or PEM `-----BEGIN PKCS7-----` / `CMS`). Anything else is refused.
 */
export function detectFileType(bytes: Uint8Array): DetectedType | null {
  const starts = (sig: number[], offset = 0) => sig.every((b, i) => bytes[offset + i] === b);
  if (bytes.length >= 5 && starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return { mediaType: 'application/pdf', extension: 'pdf' };
  if (bytes.length >= 3 && starts([0xff, 0xd8, 0xff])) return { mediaType: 'image/jpeg', extension: 'jpg' };
  if (bytes.length >= 8 && starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { mediaType: 'image/png', extension: 'png' };
  if (isDerSignedData(bytes)) return { mediaType: 'application/pkcs7-signature', extension: 'p7s' };
  const head = Buffer.from(bytes.subarray(0, 64)).toString('latin1');
  if (/^-----BEGIN (PKCS7|CMS)-----/.test(head)) return { mediaType: 'application/pkcs7-signature', extension: 'p7s' };
  return null;
}

/** ContentInfo ::= SEQUENCE { contentType OID 1.2.840.113549.1.7.2 (signedData), … } */
function isDerSignedData(bytes: Uint8Array): boolean {
  if (bytes[0] !== 0x30 || bytes.length < 16) return false;
  let offset = 1;
  const lengthByte = bytes[offset];
  if (lengthByte === undefined) return false;
  offset += lengthByte & 0x80 ? 1 + (lengthByte & 0x7f) : 1;
  const oid = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02];
  return oid.every((b, i) => bytes[offset + i] === b);
}

/**
 * Content-addressed storage under `<dataDir>/files/ab/abcdef…`: the stored name is the SHA-256
 * of the bytes, never a name the user gave, and identical uploads share one file.
 */
export class FileStore {
  constructor(private readonly root: string) {}

  private pathFor(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('invalid sha256');
    return path.join(this.root, sha256.slice(0, 2), sha256);
  }

  async put(bytes: Uint8Array): Promise<{ sha256: string; size: number }> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const target = this.pathFor(sha256);
    const exists = await stat(target).then(
      () => true,
      () => false,
    );
    if (!exists) {
      await mkdir(path.dirname(target), { recursive: true });
      // Write then rename, so a crash never leaves a half file under its final name.
      const temporary = `${target}.${process.pid}.${Date.now()}.tmp`;
      await writeFile(temporary, bytes);
      await rename(temporary, target);
    }
    return { sha256, size: bytes.length };
  }

  async get(sha256: string): Promise<Buffer> {
    return readFile(this.pathFor(sha256));
  }
}

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random URL-safe token; only its SHA-256 is stored, so a database leak yields no live token. */
export function newToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The 32 upper-case hex id the employee sees in `Підпис файлу <ID>`. */
export function newSigningId(): string {
  return randomBytes(16).toString('hex').toUpperCase();
}

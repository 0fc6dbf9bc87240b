import { createHmac } from 'node:crypto';
import { safeEqual } from './tokens';

/**
 * The signing link carries the request's signing id and an HMAC of it under the server's
 * secret. Nothing secret is stored in the database, yet the ВО's page can show the same link
 * the employee received.
 */
export function signingToken(secret: string, signingId: string): string {
  const mac = createHmac('sha256', secret).update(`signing:${signingId}`).digest('base64url');
  return `${signingId}.${mac}`;
}

export function parseSigningToken(secret: string, token: string): string | null {
  const [signingId, mac] = token.split('.');
  if (!signingId || !mac || !/^[0-9A-F]{32}$/.test(signingId)) return null;
  return safeEqual(signingToken(secret, signingId), token) ? signingId : null;
}

export function signingLink(publicUrl: string, secret: string, signingId: string): string {
  return `${publicUrl}/sign/${signingToken(secret, signingId)}`;
}

/** The download link of an issued certificate, for the employee and the ВО (no account needed). */
export function certificateToken(secret: string, certificateId: string): string {
  const mac = createHmac('sha256', secret).update(`certificate:${certificateId}`).digest('base64url');
  return `${certificateId}.${mac}`;
}

export function parseCertificateToken(secret: string, token: string): string | null {
  const [id, mac] = token.split('.');
  if (!id || !mac || !/^[0-9a-f-]{36}$/.test(id)) return null;
  return safeEqual(certificateToken(secret, id), token) ? id : null;
}

export function certificateLink(publicUrl: string, secret: string, certificateId: string): string {
  return `${publicUrl}/api/certificate-files/${certificateToken(secret, certificateId)}`;
}

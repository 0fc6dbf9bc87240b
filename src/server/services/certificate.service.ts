import { z } from 'zod';
import type { PublicCertificate, registryCertificateSchema } from '../../shared/contracts/review';
import { toPem } from '../../shared/crypto/bytes';
import type { RevocationReasonCode } from '../../shared/domain/issuance';
import { AppError } from '../../shared/errors';
import type { Actor, AppContext } from '../context';
import type { CertificateRow } from '../db/schema';
import { appendAudit } from '../repositories/audit.repository';
import {
  findCertificateById,
  findPublishedBySerial,
  findRegistryCertificate,
  type RegistryFilter,
  revokeCertificate,
  searchCertificates,
} from '../repositories/certificate.repository';
import { certificateLink, parseCertificateToken } from '../security/signing-link';
import { certificateStatus } from './application.service';

type RegistryCertificate = z.infer<typeof registryCertificateSchema>;
type Found = Awaited<ReturnType<typeof searchCertificates>>[number];

function mapRegistry(row: Found, now: Date, publicUrl: string, secret: string): RegistryCertificate {
  return {
    id: row.id,
    serial: row.serial,
    holderName: row.holder_name,
    organization: { id: row.organization_id, name: row.organization_name, edrpou: row.organization_edrpou },
    notBefore: row.not_before.toISOString(),
    notAfter: row.not_after.toISOString(),
    status: certificateStatus(row.status, row.not_after, now),
    revokedAt: row.revoked_at?.toISOString() ?? null,
    revocationReason: row.revocation_reason,
    identification: row.identification,
    keyStorage: row.key_storage,
    published: row.published,
    requestId: row.request_id,
    downloadUrl: row.der ? certificateLink(publicUrl, secret, row.id) : null,
  };
}

export async function listRegistry(ctx: AppContext, filter: Omit<RegistryFilter, 'limit' | 'publishedOnly'>) {
  const rows = await searchCertificates(ctx.db, { ...filter, limit: 500 });
  const now = ctx.now();
  return { items: rows.map((r) => mapRegistry(r, now, ctx.config.publicUrl, ctx.config.secretKey)) };
}

/** Revokes a certificate with an RFC 5280 reason: the next CRL lists it, signatures made with it are refused. */
export async function revoke(ctx: AppContext, actor: Actor, id: string, reasonCode: RevocationReasonCode) {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const certificate = await findCertificateById(trx, id);
    if (!certificate) throw new AppError('NOT_FOUND', 'Сертифікат не знайдено');
    if (!certificate.der) throw new AppError('INVALID_STATE', 'Цей сертифікат видано не цим ЦСК: відкликати його тут не можна');
    if (!(await revokeCertificate(trx, id, reasonCode, now))) throw new AppError('INVALID_STATE', 'Сертифікат уже відкликано');
    await appendAudit(trx, {
      event: 'CERTIFICATE_REVOKED',
      entityType: 'certificate',
      entityId: id,
      organizationId: certificate.organization_id,
      actor,
      details: { serial: certificate.serial, reasonCode },
    });
  });
  const row = await findRegistryCertificate(ctx.db, id);
  if (!row) throw new AppError('NOT_FOUND');
  return mapRegistry(row, ctx.now(), ctx.config.publicUrl, ctx.config.secretKey);
}

/** The public directory: published certificates only, and never a РНОКПП or passport number. */
export async function searchPublic(ctx: AppContext, q: string): Promise<{ items: PublicCertificate[]; truncated: boolean }> {
  const limit = 50;
  const rows = await searchCertificates(ctx.db, { q, publishedOnly: true, limit: limit + 1 });
  const now = ctx.now();
  return {
    items: rows.slice(0, limit).map((r) => ({
      serial: r.serial,
      holderName: r.holder_name,
      position: r.position,
      organizationName: r.organization_name,
      edrpou: r.organization_edrpou,
      notBefore: r.not_before.toISOString(),
      notAfter: r.not_after.toISOString(),
      status: certificateStatus(r.status, r.not_after, now),
    })),
    truncated: rows.length > limit,
  };
}

export type CertificateFile = { bytes: Buffer; contentType: string; fileName: string };

export function certificateFile(row: CertificateRow, format: 'der' | 'pem'): CertificateFile {
  const der = new Uint8Array(row.der ?? []);
  return format === 'pem'
    ? { bytes: Buffer.from(toPem('CERTIFICATE', der)), contentType: 'application/x-pem-file', fileName: `${row.serial}.pem` }
    : { bytes: Buffer.from(der), contentType: 'application/pkix-cert', fileName: `${row.serial}.cer` };
}

export async function publicCertificateFile(ctx: AppContext, serial: string, format: 'der' | 'pem'): Promise<CertificateFile> {
  const row = /^[0-9A-Fa-f]{2,64}$/.test(serial) ? await findPublishedBySerial(ctx.db, serial) : undefined;
  if (!row) throw new AppError('NOT_FOUND', 'Сертифікат не знайдено');
  return certificateFile(row, format);
}

/** The employee's and the ВО's link from the e-mail: an HMAC of the certificate's id. */
export async function linkedCertificateFile(ctx: AppContext, token: string, format: 'der' | 'pem'): Promise<CertificateFile> {
  const id = parseCertificateToken(ctx.config.secretKey, token);
  const row = id ? await findCertificateById(ctx.db, id) : undefined;
  if (!row?.der) throw new AppError('NOT_FOUND', 'Посилання недійсне');
  return certificateFile(row, format);
}

export const certificateFormatSchema = z.object({ format: z.enum(['der', 'pem']).default('der') });

import type { TrustedCa } from '../../shared/contracts/trust';
import { AppError } from '../../shared/errors';
import { addImportedCa, BundleError, parseCaBundle } from '../ca/trust-store';
import type { Actor, AppContext } from '../context';
import type { TrustedCaRow } from '../db/schema';
import { appendAudit } from '../repositories/audit.repository';
import { deleteImportedCa, listTrustedCas } from '../repositories/signature.repository';

function mapTrustedCa(row: TrustedCaRow): TrustedCa {
  return {
    id: row.id,
    subject: row.subject,
    issuer: row.issuer,
    serial: row.serial,
    fingerprint: row.fingerprint,
    notBefore: row.not_before.toISOString(),
    notAfter: row.not_after.toISOString(),
    source: row.source,
    createdAt: row.created_at.toISOString(),
  };
}

export async function listTrusted(ctx: AppContext): Promise<TrustedCa[]> {
  return (await listTrustedCas(ctx.db)).map(mapTrustedCa);
}

/** The operator trusts another provider's CAs by importing their certificates (`.p7b` or PEM/DER). */
export async function importTrustedCas(ctx: AppContext, actor: Actor, bytes: Uint8Array) {
  let certificates: ReturnType<typeof parseCaBundle>;
  try {
    certificates = parseCaBundle(bytes);
  } catch (error) {
    if (error instanceof BundleError)
      throw new AppError('VALIDATION_FAILED', error.message, { errors: [{ field: 'file', message: error.message }] });
    throw error;
  }
  return ctx.db.transaction().execute(async (trx) => {
    const added: TrustedCa[] = [];
    for (const certificate of certificates) {
      const row = await addImportedCa(trx, certificate, actor.userId);
      if (row) added.push(mapTrustedCa(row));
    }
    for (const ca of added) {
      await appendAudit(trx, {
        event: 'TRUSTED_CA_IMPORTED',
        entityType: 'trusted_ca',
        entityId: ca.id,
        actor,
        details: { subject: ca.subject, fingerprint: ca.fingerprint },
      });
    }
    return { added, alreadyTrusted: certificates.length - added.length };
  });
}

export async function removeTrustedCa(ctx: AppContext, actor: Actor, id: string) {
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await deleteImportedCa(trx, id)))
      throw new AppError('NOT_FOUND', 'Такого імпортованого сертифіката ЦСК немає (власні ЦСК надавача не видаляються)');
    await appendAudit(trx, { event: 'TRUSTED_CA_REMOVED', entityType: 'trusted_ca', entityId: id, actor });
  });
}

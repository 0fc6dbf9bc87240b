import type { SignatureReport } from '../../shared/domain/signature';
import type { Executor } from '../db/database';

/** Every signature check is kept: the valid one and each refused attempt, with its report. */
export async function insertSignatureCheck(
  db: Executor,
  values: {
    applicationId: string;
    requestId: string | null;
    purpose: 'statement' | 'kdp_application';
    result: 'valid' | 'refused';
    failureCode: string | null;
    message: string | null;
    report: SignatureReport | null;
    signatureSha256: string;
    ip: string | null;
    now: Date;
  },
) {
  await db
    .insertInto('signature_check')
    .values({
      application_id: values.applicationId,
      request_id: values.requestId,
      purpose: values.purpose,
      result: values.result,
      failure_code: values.failureCode,
      message: values.message,
      report: values.report ? JSON.stringify(values.report) : null,
      signature_sha256: values.signatureSha256,
      ip: values.ip,
      created_at: values.now,
    })
    .execute();
}

/** The latest refused attempt on a request since a moment (the link being sent). */
export async function findLastRefusal(db: Executor, requestId: string, since: Date) {
  return db
    .selectFrom('signature_check')
    .select(['created_at', 'message'])
    .where('request_id', '=', requestId)
    .where('result', '=', 'refused')
    .where('created_at', '>=', since)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function listTrustedCas(db: Executor) {
  return db.selectFrom('trusted_ca').selectAll().orderBy('source', 'desc').orderBy('created_at').execute();
}

export async function insertTrustedCa(
  db: Executor,
  values: {
    fingerprint: string;
    subject: string;
    issuer: string;
    serial: string;
    notBefore: Date;
    notAfter: Date;
    der: Uint8Array;
    source: 'provider' | 'imported';
    createdBy: string | null;
  },
) {
  return db
    .insertInto('trusted_ca')
    .values({
      fingerprint: values.fingerprint,
      subject: values.subject,
      issuer: values.issuer,
      serial: values.serial,
      not_before: values.notBefore,
      not_after: values.notAfter,
      der: Buffer.from(values.der),
      source: values.source,
      created_by: values.createdBy,
    })
    .onConflict((oc) => oc.column('fingerprint').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function deleteImportedCa(db: Executor, id: string) {
  const result = await db.deleteFrom('trusted_ca').where('id', '=', id).where('source', '=', 'imported').executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Revocation of a certificate the provider issued, by serial (upper-case hex). */
export async function findCertificateBySerial(db: Executor, serial: string) {
  return db.selectFrom('certificate').selectAll().where('serial', '=', serial.toUpperCase()).executeTakeFirst();
}

/** Revoked or blocked certificates the provider issued, for its CRL. */
export async function listRevokedCertificates(db: Executor) {
  return db
    .selectFrom('certificate')
    .select(['serial', 'revoked_at', 'created_at', 'revocation_reason'])
    .where('status', 'in', ['revoked', 'blocked'])
    .where('der', 'is not', null)
    .orderBy('serial')
    .execute();
}

import { sql } from 'kysely';
import type { Executor } from '../db/database';

/** The certificate registry: what the provider issued, and what was known before. */
export async function findCertificateByRequest(db: Executor, requestId: string) {
  return db.selectFrom('certificate').selectAll().where('request_id', '=', requestId).executeTakeFirst();
}

export async function findCertificatesByRequests(db: Executor, requestIds: string[]) {
  if (requestIds.length === 0) return [];
  return db.selectFrom('certificate').selectAll().where('request_id', 'in', requestIds).execute();
}

export async function findCertificateById(db: Executor, id: string) {
  return db.selectFrom('certificate').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertIssuedCertificate(
  db: Executor,
  values: {
    serial: string;
    personId: string;
    organizationId: string;
    holderName: string;
    position: string;
    notBefore: Date;
    notAfter: Date;
    der: Uint8Array;
    issuerName: string;
    requestId: string;
    identification: 'in_person' | 'remote';
    remoteChain: number;
    keyStorage: 'cloud' | 'token' | 'file';
    published: boolean;
    now: Date;
  },
) {
  return db
    .insertInto('certificate')
    .values({
      serial: values.serial,
      person_id: values.personId,
      organization_id: values.organizationId,
      holder_name: values.holderName,
      position: values.position,
      not_before: values.notBefore,
      not_after: values.notAfter,
      status: 'valid',
      der: Buffer.from(values.der),
      issuer_name: values.issuerName,
      request_id: values.requestId,
      identification: values.identification,
      remote_chain: values.remoteChain,
      key_storage: values.keyStorage,
      published: values.published,
      created_at: values.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function revokeCertificate(db: Executor, id: string, reason: number, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('certificate')
    .set({ status: 'revoked', revoked_at: at, revocation_reason: reason })
    .where('id', '=', id)
    .where('status', '!=', 'revoked')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

function withOrganization(db: Executor) {
  return db
    .selectFrom('certificate')
    .innerJoin('organization', 'organization.id', 'certificate.organization_id')
    .selectAll('certificate')
    .select(['organization.name as organization_name', 'organization.edrpou as organization_edrpou']);
}

/** One certificate as the registry lists it (with its organization). */
export async function findRegistryCertificate(db: Executor, id: string) {
  return withOrganization(db).where('certificate.id', '=', id).executeTakeFirst();
}

export type RegistryFilter = {
  q?: string;
  organizationId?: string;
  status?: 'valid' | 'revoked' | 'blocked' | 'expired';
  publishedOnly?: boolean;
  limit: number;
};

/** Certificates by holder name, organization or serial (never by РНОКПП: it is not searchable here). */
export async function searchCertificates(db: Executor, filter: RegistryFilter) {
  let query = withOrganization(db);
  if (filter.publishedOnly) query = query.where('certificate.published', '=', true).where('certificate.der', 'is not', null);
  if (filter.organizationId) query = query.where('certificate.organization_id', '=', filter.organizationId);
  if (filter.status === 'expired')
    query = query.where('certificate.status', '=', 'valid').where('certificate.not_after', '<', sql<Date>`now()`);
  else if (filter.status === 'valid')
    query = query.where('certificate.status', '=', 'valid').where('certificate.not_after', '>=', sql<Date>`now()`);
  else if (filter.status) query = query.where('certificate.status', '=', filter.status);
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const serial = filter.q.replace(/[\s:]/g, '').toUpperCase();
    query = query.where((eb) =>
      eb.or([
        eb('certificate.holder_name', 'ilike', like),
        eb('organization.name', 'ilike', like),
        eb('organization.edrpou', '=', filter.q as string),
        eb('certificate.serial', '=', serial),
      ]),
    );
  }
  return query.orderBy('certificate.not_after', 'desc').limit(filter.limit).execute();
}

export async function findPublishedBySerial(db: Executor, serial: string) {
  return db
    .selectFrom('certificate')
    .selectAll()
    .where('serial', '=', serial.toUpperCase())
    .where('published', '=', true)
    .where('der', 'is not', null)
    .executeTakeFirst();
}

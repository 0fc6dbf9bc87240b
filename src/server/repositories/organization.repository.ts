import { sql } from 'kysely';
import type { Executor } from '../db/database';

export async function createOrganization(db: Executor, values: { name: string; edrpou: string }) {
  return db.insertInto('organization').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function findOrganizationById(db: Executor, id: string) {
  return db.selectFrom('organization').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findOrganizationByEdrpou(db: Executor, edrpou: string) {
  return db.selectFrom('organization').selectAll().where('edrpou', '=', edrpou).executeTakeFirst();
}

export async function listOrganizationsByIds(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('organization').selectAll().where('id', 'in', ids).orderBy('name').execute();
}

export async function findOrCreateService(db: Executor, values: { name: string; validityMonths: number }) {
  const existing = await db.selectFrom('service').selectAll().where('name', '=', values.name).executeTakeFirst();
  if (existing) return existing;
  return db
    .insertInto('service')
    .values({ name: values.name, validity_months: values.validityMonths })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function createContract(
  db: Executor,
  values: {
    organizationId: string;
    number: string;
    signedOn: string;
    quantity: number;
    validFrom: string;
    validTo: string | null;
    serviceIds: string[];
  },
) {
  const contract = await db
    .insertInto('contract')
    .values({
      organization_id: values.organizationId,
      number: values.number,
      signed_on: values.signedOn,
      quantity: values.quantity,
      valid_from: values.validFrom,
      valid_to: values.validTo,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (values.serviceIds.length > 0) {
    await db
      .insertInto('contract_service')
      .values(values.serviceIds.map((service_id) => ({ contract_id: contract.id, service_id })))
      .execute();
  }
  return contract;
}

export async function findContractById(db: Executor, id: string) {
  return db.selectFrom('contract').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Locks the contract row until the transaction ends. The quantity is shared by all of the
 * contract's applications, so requests that take a place under it must queue here: locking only
 * their application let two applications take the last place at once.
 */
export async function lockContract(db: Executor, id: string) {
  return db.selectFrom('contract').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Contracts in force on `today`: active and within their validity period. */
export async function listActiveContracts(db: Executor, organizationIds: string[], today: string) {
  if (organizationIds.length === 0) return [];
  return db
    .selectFrom('contract')
    .selectAll()
    .where('organization_id', 'in', organizationIds)
    .where('is_active', '=', true)
    .where('valid_from', '<=', today)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', today)]))
    .orderBy('signed_on', 'desc')
    .execute();
}

export async function listContractServices(db: Executor, contractIds: string[]) {
  if (contractIds.length === 0) return [];
  return db
    .selectFrom('contract_service')
    .innerJoin('service', 'service.id', 'contract_service.service_id')
    .select(['contract_service.contract_id', 'service.id', 'service.name', 'service.validity_months'])
    .where('contract_service.contract_id', 'in', contractIds)
    .orderBy('service.validity_months')
    .execute();
}

/**
 * Requests counted against each contract's quantity: every request of an application that
 * was not withdrawn.
 */
export async function countContractUsage(db: Executor, contractIds: string[]): Promise<Map<string, number>> {
  const usage = new Map<string, number>();
  if (contractIds.length === 0) return usage;
  const rows = await db
    .selectFrom('certificate_request')
    .innerJoin('application', 'application.id', 'certificate_request.application_id')
    .select(['application.contract_id', sql<string>`count(*)`.as('n')])
    .where('application.contract_id', 'in', contractIds)
    .where('application.status', '!=', 'cancelled')
    .groupBy('application.contract_id')
    .execute();
  for (const row of rows) usage.set(row.contract_id, Number(row.n));
  return usage;
}

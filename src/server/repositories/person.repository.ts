import type { Executor } from '../db/database';

export async function findPersonByIdentity(db: Executor, code: string, kind: 'rnokpp' | 'passport') {
  return db
    .selectFrom('person')
    .selectAll()
    .where(kind === 'rnokpp' ? 'rnokpp' : 'passport', '=', code)
    .executeTakeFirst();
}

/**
 * The person, only if they hold or held a certificate in one of `organizationIds`: a ВО must not
 * learn anything about another organization's people.
 */
export async function findPersonInOrganizations(db: Executor, code: string, kind: 'rnokpp' | 'passport', organizationIds: string[]) {
  if (organizationIds.length === 0) return undefined;
  return db
    .selectFrom('person')
    .selectAll()
    .where(kind === 'rnokpp' ? 'rnokpp' : 'passport', '=', code)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('certificate')
          .select('certificate.id')
          .whereRef('certificate.person_id', '=', 'person.id')
          .where('certificate.organization_id', 'in', organizationIds),
      ),
    )
    .executeTakeFirst();
}

/** The person's newest certificate in the organization (the one a re-issue renews). */
export async function findCurrentCertificate(db: Executor, personId: string, organizationId: string) {
  return db
    .selectFrom('certificate')
    .selectAll()
    .where('person_id', '=', personId)
    .where('organization_id', '=', organizationId)
    .orderBy('not_after', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function findCurrentCertificates(db: Executor, personIds: string[], organizationId: string) {
  if (personIds.length === 0) return new Map<string, Awaited<ReturnType<typeof findCurrentCertificate>>>();
  const rows = await db
    .selectFrom('certificate')
    .selectAll()
    .where('person_id', 'in', personIds)
    .where('organization_id', '=', organizationId)
    .orderBy('not_after', 'asc')
    .execute();
  // Ascending, so the newest certificate of each person is the one left in the map.
  const map = new Map<string, (typeof rows)[number]>();
  for (const row of rows) map.set(row.person_id, row);
  return map;
}

export async function createPerson(
  db: Executor,
  values: {
    rnokpp: string | null;
    passport: string | null;
    lastName: string;
    firstAndMiddleName: string;
    phone: string;
    email: string;
    locality: string;
    region: string;
    department: string;
    position: string;
  },
) {
  return db
    .insertInto('person')
    .values({
      rnokpp: values.rnokpp,
      passport: values.passport,
      last_name: values.lastName,
      first_and_middle_name: values.firstAndMiddleName,
      phone: values.phone,
      email: values.email,
      locality: values.locality,
      region: values.region,
      department: values.department,
      position: values.position,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function createCertificate(
  db: Executor,
  values: {
    serial: string;
    personId: string;
    organizationId: string;
    holderName: string;
    notBefore: Date;
    notAfter: Date;
    status?: 'valid' | 'revoked' | 'blocked';
    der?: Uint8Array;
    issuerName?: string;
  },
) {
  return db
    .insertInto('certificate')
    .values({
      serial: values.serial,
      person_id: values.personId,
      organization_id: values.organizationId,
      holder_name: values.holderName,
      not_before: values.notBefore,
      not_after: values.notAfter,
      status: values.status ?? 'valid',
      der: values.der ? Buffer.from(values.der) : null,
      issuer_name: values.issuerName ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The registry keeps the data of the person's latest certificate. */
export async function updatePersonData(
  db: Executor,
  id: string,
  values: {
    lastName: string;
    firstAndMiddleName: string;
    phone: string;
    email: string;
    locality: string;
    region: string;
    department: string;
    position: string;
  },
  now: Date,
) {
  await db
    .updateTable('person')
    .set({
      last_name: values.lastName,
      first_and_middle_name: values.firstAndMiddleName,
      phone: values.phone,
      email: values.email,
      locality: values.locality,
      region: values.region,
      department: values.department,
      position: values.position,
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}

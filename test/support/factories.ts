import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import type { Database } from '../../src/server/db/schema';
import { DEMO } from '../../src/server/demo/seed';
import { insertApplication, nextApplicationSequence, transitionApplication } from '../../src/server/repositories/application.repository';
import { insertDocument } from '../../src/server/repositories/document.repository';
import { createContract, createOrganization, findOrCreateService } from '../../src/server/repositories/organization.repository';
import { createCertificate, createPerson } from '../../src/server/repositories/person.repository';
import {
  insertRequest,
  markRequestSigned,
  nextRequestNumber,
  updateRequestGuarded,
} from '../../src/server/repositories/request.repository';
import { createUser, linkUserToOrganization } from '../../src/server/repositories/user.repository';
import { hashPassword } from '../../src/server/security/password';
import { newSigningId } from '../../src/server/security/tokens';
import type { CertificateRequestBody } from '../../src/shared/contracts/requests';
import { formatApplicationNumber, periodOf } from '../../src/shared/domain/application-number';
import { kyivToday } from '../../src/shared/domain/dates';
import { edrpouCheckDigit } from '../../src/shared/domain/edrpou';
import { rnokppCheckDigit } from '../../src/shared/domain/rnokpp';
import type { ApplicationStatus, RequestStatus } from '../../src/shared/domain/status';
import type { TestApp } from './app';

/**
 * Test data made through the real repositories (the same SQL the services run), so a factory
 * row is a row the product could have written.
 */

export type DemoOrganization = { id: string; name: string; edrpou: string; contractId: string; serviceId: string };
export type Demo = {
  hospital: DemoOrganization;
  clinic: DemoOrganization;
  users: { vo1: string; vo2: string; operator: string };
  people: Record<string, { id: string; rnokpp: string }>;
};

const demoCache = new WeakMap<TestApp, Promise<Demo>>();

/** The ids of the fixed demo data (`src/server/demo/seed.ts`), read once per app. */
export function demoData(test: TestApp): Promise<Demo> {
  let demo = demoCache.get(test);
  if (!demo) {
    demo = readDemoData(test);
    demoCache.set(test, demo);
  }
  return demo;
}

async function readDemoData(test: TestApp): Promise<Demo> {
  const db = test.ctx.db;
  const organization = async (key: 'hospital' | 'clinic'): Promise<DemoOrganization> => {
    const o = DEMO.organizations.find((x) => x.key === key);
    if (!o) throw new Error(key);
    const row = await db
      .selectFrom('organization')
      .innerJoin('contract', 'contract.organization_id', 'organization.id')
      .innerJoin('contract_service', 'contract_service.contract_id', 'contract.id')
      .select([
        'organization.id',
        'organization.name',
        'organization.edrpou',
        'contract.id as contractId',
        'contract_service.service_id as serviceId',
      ])
      .where('organization.edrpou', '=', o.edrpou)
      .where('contract.number', '=', o.contract)
      .executeTakeFirstOrThrow();
    return row;
  };
  const user = async (phone: string) =>
    (await db.selectFrom('app_user').select('id').where('phone', '=', phone).executeTakeFirstOrThrow()).id;
  const people: Demo['people'] = {};
  for (const p of await db.selectFrom('person').select(['id', 'rnokpp']).execute()) {
    if (p.rnokpp) people[p.rnokpp] = { id: p.id, rnokpp: p.rnokpp };
  }
  return {
    hospital: await organization('hospital'),
    clinic: await organization('clinic'),
    users: { vo1: await user(DEMO.users[0].phone), vo2: await user(DEMO.users[1].phone), operator: await user(DEMO.users[2].phone) },
    people,
  };
}

let sequence = Number.parseInt(randomBytes(2).toString('hex'), 16);
function next(): number {
  sequence += 1;
  return sequence;
}

/** A valid РНОКПП no one in the demo registry has (unique within this process). */
export function newRnokpp(): string {
  const firstNine = `1${String(next()).padStart(8, '0')}`;
  return `${firstNine}${rnokppCheckDigit(firstNine)}`;
}

/** The same code with its check digit broken. */
export function withBadCheckDigit(code: string): string {
  return `${code.slice(0, 9)}${(Number(code[9]) + 1) % 10}`;
}

/** A valid ЄДРПОУ below 30000000 (unique within this process). */
export function newEdrpou(): string {
  const firstSeven = `2${String(next() % 1_000_000).padStart(6, '0')}`;
  return `${firstSeven}${edrpouCheckDigit(`${firstSeven}0`)}`;
}

/** A valid `+380…` mobile number (unique within this process). */
export function newPhone(): string {
  return `+38067${String(next() % 10_000_000).padStart(7, '0')}`;
}

/** A body for `СТВОРИТИ ЗАПИТ` that passes every check; override one field to break it. */
export function requestBody(
  serviceId: string,
  overrides: Partial<Record<keyof CertificateRequestBody, unknown>> = {},
): Record<string, unknown> {
  return {
    identityCode: newRnokpp(),
    isReissue: false,
    lastName: 'Іваненко',
    firstAndMiddleName: 'Степан Григорович',
    phone: '0671234567',
    locality: 'Київ',
    region: 'м.Київ',
    otherDocument: null,
    department: 'Терапевтичне відділення',
    position: 'Лікар-терапевт',
    email: 's.ivanenko@example.com',
    serviceId,
    keyStorage: 'cloud',
    publishConsent: true,
    ...overrides,
  };
}

export async function newOrganization(test: TestApp, values: { name?: string; edrpou?: string } = {}) {
  return createOrganization(test.ctx.db, { name: values.name ?? `ТОВ «Тест-${next()}»`, edrpou: values.edrpou ?? newEdrpou() });
}

/** A contract in force from the demo's signing day, with the demo service; quantity 1000 by default. */
export async function newContract(
  test: TestApp,
  organizationId: string,
  values: { quantity?: number; validFrom?: string; validTo?: string | null; isActive?: boolean } = {},
) {
  const service = await findOrCreateService(test.ctx.db, DEMO.service);
  const contract = await createContract(test.ctx.db, {
    organizationId,
    number: `Т-${next()}`,
    signedOn: DEMO.contractSignedOn,
    quantity: values.quantity ?? 1000,
    validFrom: values.validFrom ?? DEMO.contractSignedOn,
    validTo: values.validTo ?? null,
    serviceIds: [service.id],
  });
  if (values.isActive === false)
    await test.ctx.db.updateTable('contract').set({ is_active: false }).where('id', '=', contract.id).execute();
  return { ...contract, serviceId: service.id };
}

/** A ВО of `organizationId` with a password, ready to log in. */
export async function newResponsiblePerson(test: TestApp, organizationId: string, values: { password?: string; blocked?: boolean } = {}) {
  const password = values.password ?? 'secret-password-1';
  const user = await createUser(test.ctx.db, {
    phone: newPhone(),
    email: `vo${next()}@example.com`,
    fullName: 'Тестова Особа Іванівна',
    role: 'responsible_person',
    passwordHash: await hashPassword(password),
  });
  await linkUserToOrganization(test.ctx.db, user.id, organizationId);
  if (values.blocked) await test.ctx.db.updateTable('app_user').set({ is_blocked: true }).where('id', '=', user.id).execute();
  return { id: user.id, phone: user.phone, password };
}

/** A person in the registry with one certificate in `organizationId` ending at `notAfter`. */
export async function newPerson(
  test: TestApp,
  organizationId: string,
  values: { notAfter: Date; status?: 'valid' | 'revoked' | 'blocked'; rnokpp?: string; lastName?: string; firstAndMiddleName?: string },
) {
  const person = await createPerson(test.ctx.db, {
    rnokpp: values.rnokpp ?? newRnokpp(),
    passport: null,
    lastName: values.lastName ?? 'Реєстрова',
    firstAndMiddleName: values.firstAndMiddleName ?? 'Ганна Петрівна',
    phone: '+380671112299',
    email: 'registry.person@example.com',
    locality: 'Київ',
    region: 'м.Київ',
    department: 'Терапевтичне відділення',
    position: 'Лікар-терапевт',
  });
  const certificate = await createCertificate(test.ctx.db, {
    serial: randomBytes(16).toString('hex').toUpperCase(),
    personId: person.id,
    organizationId,
    holderName: `${person.last_name} ${person.first_and_middle_name}`,
    notBefore: new Date(values.notAfter.getTime() - 365 * 86_400_000),
    notAfter: values.notAfter,
    status: values.status,
  });
  return { ...person, rnokpp: person.rnokpp as string, certificate };
}

/**
 * An application in `status`, numbered the way the service numbers it. Statuses other than
 * `draft` are reached with the repository's guarded transition. Defaults: the demo hospital, its
 * contract ДЕМО-1 and ВО 1.
 */
export async function newApplication(
  test: TestApp,
  values: {
    organizationId?: string;
    contractId?: string;
    createdBy?: string;
    status?: ApplicationStatus;
    visitRequired?: boolean;
    visitDate?: string | null;
    renewalDate?: string;
  } = {},
) {
  const demo = await demoData(test);
  const organizationId = values.organizationId ?? demo.hospital.id;
  const contractId = values.contractId ?? demo.hospital.contractId;
  const createdBy = values.createdBy ?? demo.users.vo1;
  const now = test.ctx.now();
  return test.ctx.db.transaction().execute(async (trx) => {
    const period = periodOf(kyivToday(now));
    const application = await insertApplication(trx, {
      number: formatApplicationNumber(period, await nextApplicationSequence(trx, period)),
      organizationId,
      contractId,
      createdBy,
      visitRequired: values.visitRequired ?? false,
      visitDate: values.visitDate ?? null,
      now,
    });
    if (values.status && values.status !== 'draft') {
      const moved = await transitionApplication(trx, application.id, ['draft'], {
        status: values.status,
        renewal_date: values.renewalDate ?? null,
        sent_at: now,
        updated_at: now,
      });
      if (!moved) throw new Error('transition failed');
    }
    return { ...application, status: values.status ?? 'draft' };
  });
}

/** A request inserted straight into the application (no checks), moved to `status` through the guarded updates. */
export async function newRequest(
  test: TestApp,
  applicationId: string,
  serviceId: string,
  values: {
    status?: RequestStatus;
    identityCode?: string;
    isReissue?: boolean;
    personId?: string | null;
    lastName?: string;
    firstAndMiddleName?: string;
    email?: string;
  } = {},
) {
  const db = test.ctx.db;
  const now = test.ctx.now();
  const identityCode = values.identityCode ?? newRnokpp();
  const request = await insertRequest(db, {
    application_id: applicationId,
    number: await nextRequestNumber(db, applicationId),
    identity_code: identityCode,
    identity_kind: /^\d{10}$/.test(identityCode) ? 'rnokpp' : 'passport',
    person_id: values.personId ?? null,
    is_reissue: values.isReissue ?? false,
    last_name: values.lastName ?? 'Іваненко',
    first_and_middle_name: values.firstAndMiddleName ?? 'Степан Григорович',
    phone: '+380671234567',
    locality: 'Київ',
    region: 'м.Київ',
    other_document: null,
    department: 'Терапевтичне відділення',
    position: 'Лікар-терапевт',
    email: values.email ?? 's.ivanenko@example.com',
    service_id: serviceId,
    key_storage: 'cloud',
    publish_consent: true,
    created_at: now,
    updated_at: now,
  });
  const status = values.status ?? 'draft';
  if (status !== 'draft') {
    const signingId = newSigningId();
    await updateRequestGuarded(db, request.id, ['draft'], {
      status: 'awaiting_signature',
      signing_id: signingId,
      signing_expires_at: new Date(now.getTime() + 14 * 86_400_000),
      sent_for_signing_at: now,
      updated_at: now,
    });
    if (status !== 'awaiting_signature') {
      if (!(await markRequestSigned(db, request.id, now))) throw new Error('sign failed');
      if (status !== 'signed') await updateRequestGuarded(db, request.id, ['signed'], { status, updated_at: now });
    }
  }
  return { ...request, status };
}

/** A document row with its bytes in the file store, as an upload leaves it. */
export async function newDocument(
  test: TestApp,
  values: { applicationId: string; requestId?: string | null; kind: string; bytes?: Buffer; uploadedBy?: string | null },
) {
  const bytes = values.bytes ?? Buffer.from(`%PDF-1.4\n% ${randomBytes(8).toString('hex')}\n%%EOF\n`);
  const stored = await test.ctx.files.put(bytes);
  return insertDocument(test.ctx.db, {
    applicationId: values.applicationId,
    requestId: values.requestId ?? null,
    kind: values.kind,
    fileName: `${values.kind}.pdf`,
    mediaType: 'application/pdf',
    size: stored.size,
    sha256: stored.sha256,
    uploadedBy: values.uploadedBy ?? null,
    now: test.ctx.now(),
  });
}

// --- Reading what a call left behind --------------------------------------------------------

export type TableName = keyof Database;

/** Row counts of the tables a use case may write, for "nothing was saved" checks. */
export async function rowCounts(
  test: TestApp,
  tables: TableName[] = ['application', 'certificate_request', 'document', 'email_outbox', 'audit_log', 'person', 'application_counter'],
) {
  const counts: Partial<Record<TableName, number>> = {};
  for (const table of tables) {
    const row = await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(test.ctx.db);
    counts[table] = Number(row.rows[0].n);
  }
  return counts;
}

/** The audit rows of one entity (or of one event), oldest first. */
export async function auditRows(test: TestApp, filter: { event?: string; entityId?: string }) {
  let query = test.ctx.db.selectFrom('audit_log').selectAll().orderBy('id');
  if (filter.event) query = query.where('event', '=', filter.event);
  if (filter.entityId) query = query.where('entity_id', '=', filter.entityId);
  return query.execute();
}

export async function outboxRows(test: TestApp, filter: { to?: string } = {}) {
  let query = test.ctx.db.selectFrom('email_outbox').selectAll().orderBy('created_at');
  if (filter.to) query = query.where('recipient', '=', filter.to);
  return query.execute();
}

// --- Assertions on problem+json ----------------------------------------------------------------

export type ProblemBody = {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  errors?: Array<{ field: string; message: string }>;
  reasons?: string[];
};

/** The response is RFC 9457 problem+json with `status` and `code`; returns the body. */
export function problem(response: LightMyRequestResponse, status: number, code?: string): ProblemBody {
  const body = response.json() as ProblemBody;
  const where = `${response.statusCode} ${response.body}`;
  if (response.statusCode !== status) throw new Error(`expected ${status}, got ${where}`);
  if (!String(response.headers['content-type']).startsWith('application/problem+json'))
    throw new Error(`not problem+json: ${response.headers['content-type']} ${where}`);
  if (body.status !== status) throw new Error(`status field ${body.status} != ${status}`);
  if (code && body.code !== code) throw new Error(`expected code ${code}, got ${where}`);
  if (!/[А-ЯІЇЄҐа-яіїєґ]/.test(body.title)) throw new Error(`title is not Ukrainian: ${body.title}`);
  return body;
}

/** A 400 whose `errors[]` names `field` (exactly). */
export function fieldProblem(response: LightMyRequestResponse, field: string): ProblemBody {
  const body = problem(response, 400, 'VALIDATION_FAILED');
  const fields = (body.errors ?? []).map((e) => e.field);
  if (!fields.includes(field)) throw new Error(`expected errors[].field ${field}, got ${JSON.stringify(fields)} (${response.body})`);
  for (const e of body.errors ?? []) if (!e.message) throw new Error(`error without message: ${JSON.stringify(e)}`);
  return body;
}

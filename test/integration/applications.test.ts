import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pdfText } from '../../src/server/pdf/testing';
import { createContract, findOrCreateService } from '../../src/server/repositories/organization.repository';
import { call, createTestApp, login, OPERATOR, type Session, TEST_NOW, type TestApp, VO1, VO2 } from '../support/app';
import {
  auditRows,
  type Demo,
  demoData,
  fieldProblem,
  newApplication,
  newContract,
  newRequest,
  newRnokpp,
  problem,
  rowCounts,
} from '../support/factories';

let test: TestApp;
let demo: Demo;
let vo1: Session;
let vo2: Session;
let operator: Session;

before(async () => {
  test = await createTestApp();
  demo = await demoData(test);
  vo1 = await login(test.app, VO1);
  vo2 = await login(test.app, VO2);
  operator = await login(test.app, OPERATOR);
});
after(() => test.close());

const MISSING_ID = '00000000-0000-4000-8000-000000000000';
const WRITE_TABLES = ['application', 'application_counter', 'certificate_request', 'audit_log'] as const;

function create(session: Session, payload: Record<string, unknown>) {
  return call(test.app, session, 'POST', '/api/applications', payload);
}

/** A draft of ВО 1 on a contract of its own with room for many requests. */
async function hospitalDraft(values: { status?: 'draft' | 'sent' | 'rework' } = {}) {
  const contract = await newContract(test, demo.hospital.id);
  const application = await newApplication(test, {
    organizationId: demo.hospital.id,
    contractId: contract.id,
    createdBy: demo.users.vo1,
    status: values.status,
  });
  return { application, contract };
}

describe('organizations', () => {
  it('ВО 1 sees only its own organization, with contract ДЕМО-1 and its service', async () => {
    const response = await call(test.app, vo1, 'GET', '/api/organizations');
    assert.equal(response.statusCode, 200);
    const { items } = response.json();
    assert.equal(items.length, 1);
    assert.equal(items[0].id, demo.hospital.id);
    assert.equal(items[0].name, 'КНП «Демонстраційна лікарня №1»');
    assert.equal(items[0].edrpou, '01990016');
    const demoContract = items[0].contracts.find((c: { number: string }) => c.number === 'ДЕМО-1');
    assert.ok(demoContract, 'ДЕМО-1 listed');
    assert.equal(demoContract.quantity, 10);
    assert.equal(demoContract.isActive, true);
    assert.deepEqual(
      demoContract.services.map((s: { name: string; validityMonths: number }) => [s.name, s.validityMonths]),
      [['Формування сертифікату КЕП на 1 рік', 12]],
    );
    assert.ok(!JSON.stringify(items).includes('ДЕМО-2'));
  });

  it('ВО 2 sees only the clinic', async () => {
    const { items } = (await call(test.app, vo2, 'GET', '/api/organizations')).json();
    assert.deepEqual(
      items.map((o: { id: string }) => o.id),
      [demo.clinic.id],
    );
    assert.deepEqual(
      items[0].contracts.map((c: { number: string }) => c.number),
      ['ДЕМО-2'],
    );
  });

  it('lists only contracts in force: not an inactive or an ended one', async () => {
    const inactive = await newContract(test, demo.hospital.id, { isActive: false });
    const ended = await newContract(test, demo.hospital.id, { validFrom: '2025-01-01', validTo: '2026-12-06' });
    const { items } = (await call(test.app, vo1, 'GET', '/api/organizations')).json();
    const ids = items[0].contracts.map((c: { id: string }) => c.id);
    assert.ok(!ids.includes(inactive.id));
    assert.ok(!ids.includes(ended.id));
  });

  it('needs a session', async () => {
    problem(await call(test.app, null, 'GET', '/api/organizations'), 401, 'UNAUTHENTICATED');
  });
});

describe('create application', () => {
  it('creates a draft numbered MMYYYY/N, audits it, and shows it', async () => {
    const response = await create(vo1, { organizationId: demo.hospital.id, contractId: demo.hospital.contractId });
    assert.equal(response.statusCode, 201, response.body);
    const { id, number } = response.json();
    assert.match(number, /^122026\/[1-9]\d*$/);

    const detail = await call(test.app, vo1, 'GET', `/api/applications/${id}`);
    assert.equal(detail.statusCode, 200, detail.body);
    const body = detail.json();
    assert.equal(body.number, number);
    assert.equal(body.status, 'draft');
    assert.equal(body.createdAt, TEST_NOW.toISOString());
    assert.equal(body.visitRequired, false);
    assert.equal(body.visitDate, null);
    assert.equal(body.renewalDate, null);
    assert.equal(body.sentAt, null);
    assert.equal(body.canEdit, true);
    assert.deepEqual(body.organization, { id: demo.hospital.id, name: 'КНП «Демонстраційна лікарня №1»', edrpou: '01990016' });
    assert.equal(body.contract.number, 'ДЕМО-1');
    assert.deepEqual(body.requests, []);
    assert.deepEqual(body.documents, []);

    const row = await test.ctx.db.selectFrom('application').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.created_by, demo.users.vo1);
    const audit = await auditRows(test, { event: 'APPLICATION_CREATED', entityId: id });
    assert.equal(audit.length, 1);
    assert.equal(audit[0].actor_user_id, demo.users.vo1);
    assert.equal(audit[0].organization_id, demo.hospital.id);
    assert.deepEqual(audit[0].details, { number });
  });

  it('numbers consecutive applications one apart', async () => {
    const first = (await create(vo1, { organizationId: demo.hospital.id, contractId: demo.hospital.contractId })).json().number;
    const second = (await create(vo1, { organizationId: demo.hospital.id, contractId: demo.hospital.contractId })).json().number;
    assert.equal(Number(second.split('/')[1]), Number(first.split('/')[1]) + 1);
  });

  it('keeps a visit date when a visit is required', async () => {
    const response = await create(vo1, {
      organizationId: demo.hospital.id,
      contractId: demo.hospital.contractId,
      visitRequired: true,
      visitDate: '2026-12-10',
    });
    assert.equal(response.statusCode, 201, response.body);
    const body = (await call(test.app, vo1, 'GET', `/api/applications/${response.json().id}`)).json();
    assert.equal(body.visitRequired, true);
    assert.equal(body.visitDate, '2026-12-10');
  });

  it('a visit date of today is allowed; without a visit the date is dropped', async () => {
    const today = await create(vo1, {
      organizationId: demo.hospital.id,
      contractId: demo.hospital.contractId,
      visitRequired: true,
      visitDate: '2026-12-07',
    });
    assert.equal(today.statusCode, 201, today.body);
    const dropped = await create(vo1, {
      organizationId: demo.hospital.id,
      contractId: demo.hospital.contractId,
      visitRequired: false,
      visitDate: '2026-12-10',
    });
    const body = (await call(test.app, vo1, 'GET', `/api/applications/${dropped.json().id}`)).json();
    assert.equal(body.visitDate, null);
  });

  it('an organization that is not mine is 404, and nothing is saved', async () => {
    const counts = await rowCounts(test, [...WRITE_TABLES]);
    problem(await create(vo1, { organizationId: demo.clinic.id, contractId: demo.clinic.contractId }), 404, 'NOT_FOUND');
    problem(await create(vo1, { organizationId: MISSING_ID, contractId: demo.hospital.contractId }), 404, 'NOT_FOUND');
    assert.deepEqual(await rowCounts(test, [...WRITE_TABLES]), counts);
  });

  it('the operator cannot create one (404), and nothing is saved', async () => {
    const counts = await rowCounts(test, [...WRITE_TABLES]);
    problem(await create(operator, { organizationId: demo.hospital.id, contractId: demo.hospital.contractId }), 404, 'NOT_FOUND');
    assert.deepEqual(await rowCounts(test, [...WRITE_TABLES]), counts);
  });

  const invalid: Array<[string, string, () => Record<string, unknown>]> = [
    ['a contract of another organization', 'contractId', () => ({ organizationId: demo.hospital.id, contractId: demo.clinic.contractId })],
    ['an unknown contract', 'contractId', () => ({ organizationId: demo.hospital.id, contractId: MISSING_ID })],
    ['a contract id that is not a uuid', 'contractId', () => ({ organizationId: demo.hospital.id, contractId: 'ДЕМО-1' })],
    ['no contract', 'contractId', () => ({ organizationId: demo.hospital.id })],
    [
      'an organization id that is not a uuid',
      'organizationId',
      () => ({ organizationId: '01990016', contractId: demo.hospital.contractId }),
    ],
    [
      'visitRequired that is not a boolean',
      'visitRequired',
      () => ({ organizationId: demo.hospital.id, contractId: demo.hospital.contractId, visitRequired: 'так' }),
    ],
    [
      'visitRequired without visitDate',
      'visitDate',
      () => ({ organizationId: demo.hospital.id, contractId: demo.hospital.contractId, visitRequired: true }),
    ],
    [
      'visitRequired with a null visitDate',
      'visitDate',
      () => ({ organizationId: demo.hospital.id, contractId: demo.hospital.contractId, visitRequired: true, visitDate: null }),
    ],
    [
      'a visit date in the past',
      'visitDate',
      () => ({ organizationId: demo.hospital.id, contractId: demo.hospital.contractId, visitRequired: true, visitDate: '2026-12-06' }),
    ],
    [
      'a visit date as ДД.ММ.РРРР',
      'visitDate',
      () => ({ organizationId: demo.hospital.id, contractId: demo.hospital.contractId, visitRequired: true, visitDate: '10.12.2026' }),
    ],
    [
      'a visit date that does not exist',
      'visitDate',
      () => ({ organizationId: demo.hospital.id, contractId: demo.hospital.contractId, visitRequired: true, visitDate: '2027-02-29' }),
    ],
  ];
  for (const [what, field, payload] of invalid) {
    it(`${what} → 400 naming ${field}, nothing saved`, async () => {
      const counts = await rowCounts(test, [...WRITE_TABLES]);
      fieldProblem(await create(vo1, payload()), field);
      assert.deepEqual(await rowCounts(test, [...WRITE_TABLES]), counts);
    });
  }

  it('an inactive or ended contract → 400 contractId', async () => {
    const inactive = await newContract(test, demo.hospital.id, { isActive: false });
    const ended = await newContract(test, demo.hospital.id, { validFrom: '2025-01-01', validTo: '2026-12-06' });
    const future = await newContract(test, demo.hospital.id, { validFrom: '2026-12-08' });
    for (const contract of [inactive, ended, future]) {
      fieldProblem(await create(vo1, { organizationId: demo.hospital.id, contractId: contract.id }), 'contractId');
    }
  });
});

describe('list applications', () => {
  it('a ВО sees only its organizations’ applications; the operator sees all', async () => {
    const mine = await newApplication(test, {
      organizationId: demo.hospital.id,
      contractId: demo.hospital.contractId,
      createdBy: demo.users.vo1,
    });
    const theirs = await newApplication(test, {
      organizationId: demo.clinic.id,
      contractId: demo.clinic.contractId,
      createdBy: demo.users.vo2,
    });
    const ids = async (session: Session) =>
      ((await call(test.app, session, 'GET', '/api/applications')).json().items as Array<{ id: string }>).map((a) => a.id);
    const vo1Ids = await ids(vo1);
    assert.ok(vo1Ids.includes(mine.id));
    assert.ok(!vo1Ids.includes(theirs.id));
    const vo2Ids = await ids(vo2);
    assert.ok(vo2Ids.includes(theirs.id));
    assert.ok(!vo2Ids.includes(mine.id));
    const all = await ids(operator);
    assert.ok(all.includes(mine.id) && all.includes(theirs.id));
  });

  it('shows each row’s fields, with the request count', async () => {
    const { application, contract } = await hospitalDraft();
    await newRequest(test, application.id, contract.serviceId);
    await newRequest(test, application.id, contract.serviceId);
    const { items } = (await call(test.app, vo1, 'GET', `/api/applications?number=${encodeURIComponent(application.number)}`)).json();
    const row = items.find((a: { id: string }) => a.id === application.id);
    assert.deepEqual(row, {
      id: application.id,
      number: application.number,
      status: 'draft',
      createdAt: TEST_NOW.toISOString(),
      visitDate: null,
      renewalDate: null,
      organization: { id: demo.hospital.id, name: 'КНП «Демонстраційна лікарня №1»' },
      requestCount: 2,
    });
  });

  it('filtering by another organization shows nothing', async () => {
    await newApplication(test, { organizationId: demo.clinic.id, contractId: demo.clinic.contractId, createdBy: demo.users.vo2 });
    const { items } = (await call(test.app, vo1, 'GET', `/api/applications?organizationId=${demo.clinic.id}`)).json();
    assert.deepEqual(items, []);
    const own = (await call(test.app, vo1, 'GET', `/api/applications?organizationId=${demo.hospital.id}`)).json().items;
    assert.ok(own.length > 0 && own.every((a: { organization: { id: string } }) => a.organization.id === demo.hospital.id));
  });

  it('filters by status', async () => {
    const draft = await newApplication(test, {
      organizationId: demo.hospital.id,
      contractId: demo.hospital.contractId,
      createdBy: demo.users.vo1,
    });
    const sent = await newApplication(test, {
      organizationId: demo.hospital.id,
      contractId: demo.hospital.contractId,
      createdBy: demo.users.vo1,
      status: 'sent',
      renewalDate: '2026-12-14',
    });
    const { items } = (await call(test.app, vo1, 'GET', '/api/applications?status=sent')).json();
    const ids = items.map((a: { id: string }) => a.id);
    assert.ok(ids.includes(sent.id));
    assert.ok(!ids.includes(draft.id));
    assert.ok(items.every((a: { status: string }) => a.status === 'sent'));
    assert.equal(items.find((a: { id: string }) => a.id === sent.id).renewalDate, '2026-12-14');
  });

  it('filters by number (part of it), exactly', async () => {
    const application = await newApplication(test, {
      organizationId: demo.hospital.id,
      contractId: demo.hospital.contractId,
      createdBy: demo.users.vo1,
    });
    const { items } = (await call(test.app, vo1, 'GET', `/api/applications?number=${encodeURIComponent(application.number)}`)).json();
    assert.ok(items.some((a: { id: string }) => a.id === application.id));
    assert.ok(items.every((a: { number: string }) => a.number.includes(application.number)));
    const none = (await call(test.app, vo1, 'GET', '/api/applications?number=999999%2F999')).json();
    assert.deepEqual(none.items, []);
    // LIKE wildcards are taken literally, not as "anything".
    const wildcard = (await call(test.app, vo1, 'GET', '/api/applications?number=%25')).json();
    assert.deepEqual(wildcard.items.length, (await call(test.app, vo1, 'GET', '/api/applications')).json().items.length);
  });

  it('filters by creation date in Kyiv calendar days', async () => {
    const start = test.clock.now;
    let november: { id: string };
    let firstOfDecember: { id: string };
    try {
      // 30.11.2026 23:30 Kyiv and 01.12.2026 00:30 Kyiv (UTC+2 in winter).
      test.clock.now = new Date('2026-11-30T21:30:00Z');
      november = await newApplication(test, {
        organizationId: demo.hospital.id,
        contractId: demo.hospital.contractId,
        createdBy: demo.users.vo1,
      });
      test.clock.now = new Date('2026-11-30T22:30:00Z');
      firstOfDecember = await newApplication(test, {
        organizationId: demo.hospital.id,
        contractId: demo.hospital.contractId,
        createdBy: demo.users.vo1,
      });
    } finally {
      test.clock.now = start;
    }
    const ids = async (query: string) =>
      ((await call(test.app, vo1, 'GET', `/api/applications?${query}`)).json().items as Array<{ id: string }>).map((a) => a.id);

    const fromDecember = await ids('createdFrom=2026-12-01');
    assert.ok(fromDecember.includes(firstOfDecember.id));
    assert.ok(!fromDecember.includes(november.id));

    const toNovember = await ids('createdTo=2026-11-30');
    assert.deepEqual(toNovember, [november.id]);

    const firstDay = await ids('createdFrom=2026-12-01&createdTo=2026-12-01');
    assert.deepEqual(firstDay, [firstOfDecember.id]);

    assert.deepEqual(await ids('createdFrom=2026-12-08'), []);
  });

  it('names the field of a bad filter', async () => {
    fieldProblem(await call(test.app, vo1, 'GET', '/api/applications?status=bogus'), 'status');
    fieldProblem(await call(test.app, vo1, 'GET', '/api/applications?createdFrom=01.12.2026'), 'createdFrom');
    fieldProblem(await call(test.app, vo1, 'GET', '/api/applications?createdTo=2026-13-01'), 'createdTo');
    fieldProblem(await call(test.app, vo1, 'GET', '/api/applications?organizationId=1'), 'organizationId');
  });

  it('needs a session', async () => {
    problem(await call(test.app, null, 'GET', '/api/applications'), 401, 'UNAUTHENTICATED');
  });
});

describe('application detail', () => {
  it('another organization’s application is 404; so is an unknown one', async () => {
    const { application } = await hospitalDraft();
    problem(await call(test.app, vo2, 'GET', `/api/applications/${application.id}`), 404, 'NOT_FOUND');
    problem(await call(test.app, vo1, 'GET', `/api/applications/${MISSING_ID}`), 404, 'NOT_FOUND');
    fieldProblem(await call(test.app, vo1, 'GET', '/api/applications/not-a-uuid'), 'id');
  });

  it('shows the requests with their current certificates and the contract usage', async () => {
    const { application, contract } = await hospitalDraft();
    const kovalenko = demo.people['3111923464'];
    await newRequest(test, application.id, contract.serviceId, {
      identityCode: kovalenko.rnokpp,
      personId: kovalenko.id,
      isReissue: true,
      lastName: 'Коваленко',
      firstAndMiddleName: 'Олена Петрівна',
    });
    const body = (await call(test.app, vo1, 'GET', `/api/applications/${application.id}`)).json();
    assert.equal(body.contract.usedQuantity, 1);
    assert.equal(body.requests.length, 1);
    const request = body.requests[0];
    assert.equal(request.fullName, 'Коваленко Олена Петрівна');
    assert.equal(request.identityCode, '3111923464');
    assert.equal(request.status, 'draft');
    assert.equal(request.isReissue, true);
    assert.equal(request.currentCertificate.status, 'valid');
    assert.equal(request.currentCertificate.notAfter.slice(0, 10), '2026-12-12');
    // Five days left and no renewal date yet: the form warns.
    assert.equal(request.renewalWarning.level, 'warning');
  });

  it('the operator may read any application', async () => {
    const { application } = await hospitalDraft();
    assert.equal((await call(test.app, operator, 'GET', `/api/applications/${application.id}`)).statusCode, 200);
  });
});

describe('update application', () => {
  it('saves the contract, the visit and the renewal date, and audits it', async () => {
    const { application, contract } = await hospitalDraft();
    const response = await call(test.app, vo1, 'PUT', `/api/applications/${application.id}`, {
      contractId: contract.id,
      visitRequired: true,
      visitDate: '2026-12-09',
      renewalDate: '2026-12-14',
    });
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json();
    assert.equal(body.visitRequired, true);
    assert.equal(body.visitDate, '2026-12-09');
    assert.equal(body.renewalDate, '2026-12-14');
    assert.equal(body.status, 'draft');
    const audit = await auditRows(test, { event: 'APPLICATION_UPDATED', entityId: application.id });
    assert.equal(audit.length, 1);
    assert.equal(audit[0].actor_user_id, demo.users.vo1);
    assert.deepEqual(audit[0].details, {
      contractId: contract.id,
      visitRequired: true,
      visitDate: '2026-12-09',
      renewalDate: '2026-12-14',
    });
  });

  it('moves it to another contract of the same organization', async () => {
    const { application } = await hospitalDraft();
    const other = await newContract(test, demo.hospital.id);
    const response = await call(test.app, vo1, 'PUT', `/api/applications/${application.id}`, { contractId: other.id });
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json().contract.id, other.id);
  });

  it('refuses a contract whose services or room do not fit the requests (400 contractId), the row unchanged', async () => {
    const { application, contract } = await hospitalDraft();
    await newRequest(test, application.id, contract.serviceId);
    await newRequest(test, application.id, contract.serviceId);
    const small = await newContract(test, demo.hospital.id, { quantity: 1 });
    const tooSmall = await call(test.app, vo1, 'PUT', `/api/applications/${application.id}`, { contractId: small.id });
    assert.match(fieldProblem(tooSmall, 'contractId').errors?.[0]?.message ?? '', /залишилось 1 місць/);
    const otherService = await findOrCreateService(test.ctx.db, { name: 'Формування сертифікату КЕП на 2 роки', validityMonths: 24 });
    const twoYears = await createContract(test.ctx.db, {
      organizationId: demo.hospital.id,
      number: `2Р-${application.number}`,
      signedOn: '2026-12-01',
      quantity: 50,
      validFrom: '2026-12-01',
      validTo: null,
      serviceIds: [otherService.id],
    });
    const wrongService = await call(test.app, vo1, 'PUT', `/api/applications/${application.id}`, { contractId: twoYears.id });
    assert.match(fieldProblem(wrongService, 'contractId').errors?.[0]?.message ?? '', /Послуги запитів/);
    const row = await test.ctx.db
      .selectFrom('application')
      .select('contract_id')
      .where('id', '=', application.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.contract_id, contract.id);
  });

  const invalid: Array<[string, string, (contractId: string) => Record<string, unknown>]> = [
    ['a contract of another organization', 'contractId', () => ({ contractId: demo.clinic.contractId })],
    ['visitRequired without visitDate', 'visitDate', (contractId) => ({ contractId, visitRequired: true })],
    ['a visit date in the past', 'visitDate', (contractId) => ({ contractId, visitRequired: true, visitDate: '2026-11-30' })],
    ['a renewal date in the past', 'renewalDate', (contractId) => ({ contractId, renewalDate: '2026-12-04' })],
    ['a renewal date today', 'renewalDate', (contractId) => ({ contractId, renewalDate: '2026-12-07' })],
    ['a renewal date on a Saturday', 'renewalDate', (contractId) => ({ contractId, renewalDate: '2026-12-12' })],
    ['a renewal date that is not a date', 'renewalDate', (contractId) => ({ contractId, renewalDate: '14.12.2026' })],
  ];
  for (const [what, field, payload] of invalid) {
    it(`${what} → 400 naming ${field}, the row unchanged`, async () => {
      const { application, contract } = await hospitalDraft();
      const before = await test.ctx.db.selectFrom('application').selectAll().where('id', '=', application.id).executeTakeFirstOrThrow();
      const audits = (await auditRows(test, { entityId: application.id })).length;
      fieldProblem(await call(test.app, vo1, 'PUT', `/api/applications/${application.id}`, payload(contract.id)), field);
      const after = await test.ctx.db.selectFrom('application').selectAll().where('id', '=', application.id).executeTakeFirstOrThrow();
      assert.deepEqual(after, before);
      assert.equal((await auditRows(test, { entityId: application.id })).length, audits);
    });
  }

  it('another organization’s application is 404; the operator gets 404', async () => {
    const { application, contract } = await hospitalDraft();
    problem(await call(test.app, vo2, 'PUT', `/api/applications/${application.id}`, { contractId: contract.id }), 404, 'NOT_FOUND');
    problem(await call(test.app, operator, 'PUT', `/api/applications/${application.id}`, { contractId: contract.id }), 404, 'NOT_FOUND');
  });

  it('a sent application cannot be edited (409); one back for rework can', async () => {
    const { application: sent, contract } = await hospitalDraft({ status: 'sent' });
    const refused = await call(test.app, vo1, 'PUT', `/api/applications/${sent.id}`, {
      contractId: contract.id,
      visitRequired: true,
      visitDate: '2026-12-09',
    });
    problem(refused, 409, 'INVALID_STATE');
    const row = await test.ctx.db.selectFrom('application').selectAll().where('id', '=', sent.id).executeTakeFirstOrThrow();
    assert.equal(row.visit_required, false);

    const { application: rework, contract: reworkContract } = await hospitalDraft({ status: 'rework' });
    const saved = await call(test.app, vo1, 'PUT', `/api/applications/${rework.id}`, {
      contractId: reworkContract.id,
      visitRequired: true,
      visitDate: '2026-12-09',
    });
    assert.equal(saved.statusCode, 200, saved.body);
    assert.equal(saved.json().status, 'rework');
  });
});

describe('delete application', () => {
  it('deletes a draft with its requests, and audits it', async () => {
    const { application, contract } = await hospitalDraft();
    await newRequest(test, application.id, contract.serviceId);
    const response = await call(test.app, vo1, 'DELETE', `/api/applications/${application.id}`);
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(response.json(), { ok: true });
    assert.equal(await test.ctx.db.selectFrom('application').select('id').where('id', '=', application.id).executeTakeFirst(), undefined);
    assert.equal(
      (await test.ctx.db.selectFrom('certificate_request').select('id').where('application_id', '=', application.id).execute()).length,
      0,
    );
    const audit = await auditRows(test, { event: 'APPLICATION_DELETED', entityId: application.id });
    assert.equal(audit.length, 1);
    assert.deepEqual(audit[0].details, { number: application.number });
    problem(await call(test.app, vo1, 'GET', `/api/applications/${application.id}`), 404, 'NOT_FOUND');
    problem(await call(test.app, vo1, 'DELETE', `/api/applications/${application.id}`), 404, 'NOT_FOUND');
  });

  for (const status of ['sent', 'rework'] as const) {
    it(`refuses to delete a ${status} application (409), and keeps it`, async () => {
      const { application } = await hospitalDraft({ status });
      problem(await call(test.app, vo1, 'DELETE', `/api/applications/${application.id}`), 409, 'INVALID_STATE');
      assert.ok(await test.ctx.db.selectFrom('application').select('id').where('id', '=', application.id).executeTakeFirst());
    });
  }

  it('another organization’s application is 404, the operator gets 404, and nothing is deleted', async () => {
    const { application } = await hospitalDraft();
    const counts = await rowCounts(test, [...WRITE_TABLES]);
    problem(await call(test.app, vo2, 'DELETE', `/api/applications/${application.id}`), 404, 'NOT_FOUND');
    problem(await call(test.app, operator, 'DELETE', `/api/applications/${application.id}`), 404, 'NOT_FOUND');
    assert.deepEqual(await rowCounts(test, [...WRITE_TABLES]), counts);
  });
});

describe('application PDF (РОЗДРУКУВАТИ ЗАЯВКУ)', () => {
  it('is a PDF with the application number, the organization and each employee’s name and РНОКПП', async () => {
    const { application, contract } = await hospitalDraft();
    const code = newRnokpp();
    await newRequest(test, application.id, contract.serviceId, {
      identityCode: code,
      lastName: "Мар'яненко",
      firstAndMiddleName: 'Ганна Юріївна',
    });
    const response = await call(test.app, vo1, 'GET', `/api/applications/${application.id}/pdf`);
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['content-type'], 'application/pdf');
    assert.match(String(response.headers['content-disposition']), /application-122026-\d+\.pdf/);
    const bytes = response.rawPayload;
    assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
    const text = await pdfText(bytes);
    assert.ok(text.includes(application.number), 'number');
    assert.ok(text.includes('01990016'), 'ЄДРПОУ');
    assert.ok(text.includes("Мар'яненко Ганна Юріївна"), 'full name');
    assert.ok(text.includes(code), 'РНОКПП');
  });

  it('another organization’s PDF is 404', async () => {
    const { application } = await hospitalDraft();
    problem(await call(test.app, vo2, 'GET', `/api/applications/${application.id}/pdf`), 404, 'NOT_FOUND');
  });
});

describe('time', () => {
  it('numbers follow the Kyiv month of creation', async () => {
    const start = test.clock.now;
    try {
      // 31.12.2026 23:30 UTC is already 01.01.2027 in Kyiv.
      test.clock.now = new Date('2026-12-31T22:30:00Z');
      const session = await login(test.app, VO1);
      const response = await create(session, { organizationId: demo.hospital.id, contractId: demo.hospital.contractId });
      assert.equal(response.statusCode, 201, response.body);
      assert.equal(response.json().number, '012027/1');
    } finally {
      test.clock.now = start;
    }
  });
});

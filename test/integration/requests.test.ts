import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pdfText } from '../../src/server/pdf/testing';
import { findOrCreateService } from '../../src/server/repositories/organization.repository';
import { call, createTestApp, login, OPERATOR, type Session, TEST_NOW, type TestApp, VO1, VO2 } from '../support/app';
import {
  auditRows,
  type Demo,
  demoData,
  fieldProblem,
  newApplication,
  newContract,
  newRequest,
  newResponsiblePerson,
  newRnokpp,
  outboxRows,
  problem,
  requestBody,
  rowCounts,
  withBadCheckDigit,
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

const WRITE_TABLES = ['certificate_request', 'audit_log', 'email_outbox', 'person'] as const;

/** A draft of ВО 1 on its own contract (1000 places, the demo service). */
async function draft(values: { status?: 'draft' | 'sent' | 'rework'; quantity?: number } = {}) {
  const contract = await newContract(test, demo.hospital.id, { quantity: values.quantity });
  const application = await newApplication(test, {
    organizationId: demo.hospital.id,
    contractId: contract.id,
    createdBy: demo.users.vo1,
    status: values.status,
  });
  return { application, contract, serviceId: contract.serviceId };
}

function lookup(session: Session, organizationId: string, code: string) {
  return call(test.app, session, 'GET', `/api/people/lookup?organizationId=${organizationId}&code=${encodeURIComponent(code)}`);
}

describe('person lookup', () => {
  it('finds Коваленко Олена Петрівна by РНОКПП, with re-issue ticked by default', async () => {
    const response = await lookup(vo1, demo.hospital.id, '3111923464');
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json();
    assert.equal(body.found, true);
    assert.equal(body.person.fullName, 'Коваленко Олена Петрівна');
    assert.equal(body.person.lastName, 'Коваленко');
    assert.equal(body.person.firstAndMiddleName, 'Олена Петрівна');
    assert.equal(body.person.email, 'o.kovalenko@example.com');
    assert.equal(body.person.region, 'м.Київ');
    assert.equal(body.person.position, 'Лікар-терапевт');
    assert.equal(body.person.isReissueDefault, true);
    assert.equal(body.person.currentCertificate.status, 'valid');
    assert.match(body.person.currentCertificate.serial, /^[0-9A-F]{32}$/);
    const audit = (await auditRows(test, { event: 'PERSON_LOOKED_UP', entityId: demo.people['3111923464'].id })).at(-1);
    assert.equal(audit?.actor_user_id, demo.users.vo1);
    assert.deepEqual(audit?.details, { found: true });
  });

  it('finds the code written with spaces', async () => {
    const body = (await lookup(vo1, demo.hospital.id, ' 3111 923 464 ')).json();
    assert.equal(body.found, true);
  });

  it('a person whose certificate has expired is found, without re-issue by default', async () => {
    const body = (await lookup(vo1, demo.hospital.id, '2736372181')).json();
    assert.equal(body.found, true);
    assert.equal(body.person.fullName, 'Олійник Світлана Вікторівна');
    assert.equal(body.person.isReissueDefault, false);
    assert.equal(body.person.currentCertificate.status, 'expired');
  });

  it('another organization’s person is not found (no leak)', async () => {
    const response = await lookup(vo1, demo.hospital.id, '3236280936');
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), { found: false, person: null, warnings: [] });
    // ВО 2 does find its own person.
    assert.equal((await lookup(vo2, demo.clinic.id, '3236280936')).json().person.fullName, 'Лисенко Дмитро Богданович');
  });

  it('looking up in another organization is 404', async () => {
    problem(await lookup(vo1, demo.clinic.id, '3236280936'), 404, 'NOT_FOUND');
  });

  it('an unknown valid code or passport is not found', async () => {
    assert.equal((await lookup(vo1, demo.hospital.id, newRnokpp())).json().found, false);
    assert.equal((await lookup(vo1, demo.hospital.id, 'ме 123456')).json().found, false);
    assert.equal((await lookup(vo1, demo.hospital.id, '123456789')).json().found, false);
  });

  it('an invalid code → 400 naming code', async () => {
    fieldProblem(await lookup(vo1, demo.hospital.id, withBadCheckDigit('3111923464')), 'code');
    fieldProblem(await lookup(vo1, demo.hospital.id, 'AB123456'), 'code');
    fieldProblem(await lookup(vo1, demo.hospital.id, ''), 'code');
    fieldProblem(await call(test.app, vo1, 'GET', `/api/people/lookup?code=3111923464`), 'organizationId');
  });

  it('the operator cannot use it (404)', async () => {
    problem(await lookup(operator, demo.hospital.id, '3111923464'), 404, 'NOT_FOUND');
  });

  it('is rate-limited per user: 60 a minute, then 429', async () => {
    const person = await newResponsiblePerson(test, demo.hospital.id);
    const session = await login(test.app, person);
    assert.equal(test.ctx.config.lookupRateLimit, 60);
    for (let i = 0; i < test.ctx.config.lookupRateLimit; i++) {
      const response = await lookup(session, demo.hospital.id, '3111923464');
      assert.equal(response.statusCode, 200, `attempt ${i + 1}: ${response.body}`);
    }
    problem(await lookup(session, demo.hospital.id, '3111923464'), 429, 'RATE_LIMITED');
    // Other users are not affected.
    assert.equal((await lookup(vo1, demo.hospital.id, '3111923464')).statusCode, 200);
  });
});

describe('create request', () => {
  it('creates a draft request numbered within the application, links the registry person, audits it', async () => {
    const { application, serviceId } = await draft();
    const body = requestBody(serviceId, {
      identityCode: '3111923464',
      isReissue: true,
      lastName: 'Коваленко',
      firstAndMiddleName: 'Олена Петрівна',
      phone: '+38 (067) 111-22-01',
      email: 'o.kovalenko@example.com',
      department: 'Терапевтичне відділення; Приймальне відділення',
      otherDocument: 'Наказ № 15-к від 02.03.2020',
      keyStorage: 'token',
      publishConsent: false,
    });
    const response = await call(test.app, vo1, 'POST', `/api/applications/${application.id}/requests`, body);
    assert.equal(response.statusCode, 201, response.body);
    const { id, number } = response.json();
    assert.equal(number, 1);

    const detail = await call(test.app, vo1, 'GET', `/api/requests/${id}`);
    assert.equal(detail.statusCode, 200, detail.body);
    const saved = detail.json();
    assert.equal(saved.applicationId, application.id);
    assert.equal(saved.applicationNumber, application.number);
    assert.equal(saved.status, 'draft');
    assert.equal(saved.createdAt, TEST_NOW.toISOString());
    assert.equal(saved.identityCode, '3111923464');
    assert.equal(saved.isReissue, true);
    assert.equal(saved.phone, '+380671112201');
    assert.equal(saved.department, 'Терапевтичне відділення; Приймальне відділення');
    assert.equal(saved.otherDocument, 'Наказ № 15-к від 02.03.2020');
    assert.equal(saved.keyStorage, 'token');
    assert.equal(saved.publishConsent, false);
    assert.equal(saved.signing, null);
    assert.equal(saved.canEdit, true);
    assert.deepEqual(saved.documents, []);

    const row = await test.ctx.db.selectFrom('certificate_request').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.person_id, demo.people['3111923464'].id);
    assert.equal(row.identity_kind, 'rnokpp');

    const audit = await auditRows(test, { event: 'REQUEST_CREATED', entityId: id });
    assert.equal(audit.length, 1);
    assert.equal(audit[0].actor_user_id, demo.users.vo1);
    assert.deepEqual(audit[0].details, { applicationId: application.id, number: 1 });

    const second = await call(test.app, vo1, 'POST', `/api/applications/${application.id}/requests`, requestBody(serviceId));
    assert.equal(second.json().number, 2);
  });

  it('accepts a passport instead of the РНОКПП, normalized', async () => {
    const { application, serviceId } = await draft();
    const response = await call(
      test.app,
      vo1,
      'POST',
      `/api/applications/${application.id}/requests`,
      requestBody(serviceId, { identityCode: 'ме 123456' }),
    );
    assert.equal(response.statusCode, 201, response.body);
    const saved = (await call(test.app, vo1, 'GET', `/api/requests/${response.json().id}`)).json();
    assert.equal(saved.identityCode, 'МЕ123456');
    const row = await test.ctx.db
      .selectFrom('certificate_request')
      .select('identity_kind')
      .where('id', '=', response.json().id)
      .executeTakeFirstOrThrow();
    assert.equal(row.identity_kind, 'passport');
  });

  it('accepts names with apostrophes and hyphens', async () => {
    const { application, serviceId } = await draft();
    const response = await call(
      test.app,
      vo1,
      'POST',
      `/api/applications/${application.id}/requests`,
      requestBody(serviceId, { lastName: "Кос'яненко-Петрук", firstAndMiddleName: 'Ярослава Ґеннадіївна' }),
    );
    assert.equal(response.statusCode, 201, response.body);
  });

  const invalid: Array<[string, string, (serviceId: string) => Record<string, unknown>]> = [
    ['an РНОКПП with a bad check digit', 'identityCode', (s) => requestBody(s, { identityCode: withBadCheckDigit(newRnokpp()) })],
    ['an РНОКПП of 9 letters and digits', 'identityCode', (s) => requestBody(s, { identityCode: 'AB1234567' })],
    ['no identity code', 'identityCode', (s) => requestBody(s, { identityCode: '' })],
    ['a last name in Latin letters', 'lastName', (s) => requestBody(s, { lastName: 'Ivanenko' })],
    ['a last name with Russian letters', 'lastName', (s) => requestBody(s, { lastName: 'Иванёнко' })],
    ['an empty last name', 'lastName', (s) => requestBody(s, { lastName: '   ' })],
    ['a last name of 101 letters', 'lastName', (s) => requestBody(s, { lastName: 'Ж'.repeat(101) })],
    ['a first name with digits', 'firstAndMiddleName', (s) => requestBody(s, { firstAndMiddleName: 'Степан 2' })],
    ['a phone that is not Ukrainian', 'phone', (s) => requestBody(s, { phone: '+48 601 234 567' })],
    ['a short phone', 'phone', (s) => requestBody(s, { phone: '067123' })],
    ['an e-mail without a domain', 'email', (s) => requestBody(s, { email: 'ivanenko@' })],
    ['an e-mail with a space', 'email', (s) => requestBody(s, { email: 'iva nenko@example.com' })],
    ['a region not in the list', 'region', (s) => requestBody(s, { region: 'Московська' })],
    ['a region spelt differently', 'region', (s) => requestBody(s, { region: 'Київ' })],
    ['no locality', 'locality', (s) => requestBody(s, { locality: '' })],
    ['no department', 'department', (s) => requestBody(s, { department: '' })],
    ['no position', 'position', (s) => requestBody(s, { position: ' ' })],
    ['another document of 201 characters', 'otherDocument', (s) => requestBody(s, { otherDocument: 'Н'.repeat(201) })],
    ['a service id that is not a uuid', 'serviceId', (s) => requestBody(s, { serviceId: 'КЕП' })],
    ['a service that is not the contract’s', 'serviceId', () => requestBody('00000000-0000-4000-8000-000000000000')],
    ['a bogus key storage', 'keyStorage', (s) => requestBody(s, { keyStorage: 'usb' })],
    ['no key storage', 'keyStorage', (s) => requestBody(s, { keyStorage: undefined })],
    ['isReissue that is not a boolean', 'isReissue', (s) => requestBody(s, { isReissue: 'так' })],
    ['publishConsent that is not a boolean', 'publishConsent', (s) => requestBody(s, { publishConsent: 1 })],
  ];
  for (const [what, field, body] of invalid) {
    it(`${what} → 400 naming ${field}, nothing saved`, async () => {
      const { application, serviceId } = await draft();
      const counts = await rowCounts(test, [...WRITE_TABLES]);
      const response = await call(test.app, vo1, 'POST', `/api/applications/${application.id}/requests`, body(serviceId));
      fieldProblem(response, field);
      assert.deepEqual(await rowCounts(test, [...WRITE_TABLES]), counts);
    });
  }

  it('a real service the contract does not include → 400 serviceId', async () => {
    const { application } = await draft();
    const twoYears = await findOrCreateService(test.ctx.db, { name: 'Формування сертифікату КЕП на 2 роки', validityMonths: 24 });
    fieldProblem(await call(test.app, vo1, 'POST', `/api/applications/${application.id}/requests`, requestBody(twoYears.id)), 'serviceId');
  });

  it('the same person twice in one application → 400 identityCode, however it is written', async () => {
    const { application, serviceId } = await draft();
    const code = newRnokpp();
    assert.equal(
      (await call(test.app, vo1, 'POST', `/api/applications/${application.id}/requests`, requestBody(serviceId, { identityCode: code })))
        .statusCode,
      201,
    );
    const counts = await rowCounts(test, [...WRITE_TABLES]);
    for (const spelling of [code, ` ${code.slice(0, 5)} ${code.slice(5)} `]) {
      const body = fieldProblem(
        await call(
          test.app,
          vo1,
          'POST',
          `/api/applications/${application.id}/requests`,
          requestBody(serviceId, { identityCode: spelling }),
        ),
        'identityCode',
      );
      assert.match(body.errors?.[0].message ?? '', /№1/);
    }
    assert.deepEqual(await rowCounts(test, [...WRITE_TABLES]), counts);
    // The same person in another application is fine.
    const { application: other, serviceId: otherService } = await draft();
    assert.equal(
      (await call(test.app, vo1, 'POST', `/api/applications/${other.id}/requests`, requestBody(otherService, { identityCode: code })))
        .statusCode,
      201,
    );
  });

  it('the contract’s quantity (10) counts across its applications: the 11th → 422 QUOTA_EXCEEDED', async () => {
    const contract = await newContract(test, demo.hospital.id, { quantity: 10 });
    const first = await newApplication(test, { organizationId: demo.hospital.id, contractId: contract.id, createdBy: demo.users.vo1 });
    const second = await newApplication(test, { organizationId: demo.hospital.id, contractId: contract.id, createdBy: demo.users.vo1 });
    for (let i = 0; i < 6; i++) await newRequest(test, first.id, contract.serviceId);
    for (let i = 0; i < 3; i++) {
      const response = await call(test.app, vo1, 'POST', `/api/applications/${second.id}/requests`, requestBody(contract.serviceId));
      assert.equal(response.statusCode, 201, response.body);
    }
    const tenth = await call(test.app, vo1, 'POST', `/api/applications/${second.id}/requests`, requestBody(contract.serviceId));
    assert.equal(tenth.statusCode, 201, tenth.body);
    const counts = await rowCounts(test, [...WRITE_TABLES]);
    const body = problem(
      await call(test.app, vo1, 'POST', `/api/applications/${second.id}/requests`, requestBody(contract.serviceId)),
      422,
      'QUOTA_EXCEEDED',
    );
    assert.match(body.detail ?? '', /10/);
    assert.deepEqual(await rowCounts(test, [...WRITE_TABLES]), counts);
    const detail = (await call(test.app, vo1, 'GET', `/api/applications/${second.id}`)).json();
    assert.equal(detail.contract.usedQuantity, 10);
    assert.equal(detail.contract.quantity, 10);
    // A withdrawn application gives its places back.
    await test.ctx.db.updateTable('application').set({ status: 'cancelled' }).where('id', '=', first.id).execute();
    assert.equal(
      (await call(test.app, vo1, 'POST', `/api/applications/${second.id}/requests`, requestBody(contract.serviceId))).statusCode,
      201,
    );
  });

  it('another organization’s application is 404; the operator gets 404; nothing saved', async () => {
    const { application, serviceId } = await draft();
    const counts = await rowCounts(test, [...WRITE_TABLES]);
    problem(await call(test.app, vo2, 'POST', `/api/applications/${application.id}/requests`, requestBody(serviceId)), 404, 'NOT_FOUND');
    problem(
      await call(test.app, operator, 'POST', `/api/applications/${application.id}/requests`, requestBody(serviceId)),
      404,
      'NOT_FOUND',
    );
    problem(
      await call(test.app, vo1, 'POST', '/api/applications/00000000-0000-4000-8000-000000000000/requests', requestBody(serviceId)),
      404,
      'NOT_FOUND',
    );
    assert.deepEqual(await rowCounts(test, [...WRITE_TABLES]), counts);
  });

  it('a sent application takes no new requests (409)', async () => {
    const { application, serviceId } = await draft({ status: 'sent' });
    const counts = await rowCounts(test, [...WRITE_TABLES]);
    problem(
      await call(test.app, vo1, 'POST', `/api/applications/${application.id}/requests`, requestBody(serviceId)),
      409,
      'INVALID_STATE',
    );
    assert.deepEqual(await rowCounts(test, [...WRITE_TABLES]), counts);
  });

  it('an application back for rework takes new requests', async () => {
    const { application, serviceId } = await draft({ status: 'rework' });
    assert.equal(
      (await call(test.app, vo1, 'POST', `/api/applications/${application.id}/requests`, requestBody(serviceId))).statusCode,
      201,
    );
  });
});

describe('request detail', () => {
  it('another organization’s request is 404; the operator may read it', async () => {
    const { application, serviceId } = await draft();
    const request = await newRequest(test, application.id, serviceId);
    problem(await call(test.app, vo2, 'GET', `/api/requests/${request.id}`), 404, 'NOT_FOUND');
    assert.equal((await call(test.app, operator, 'GET', `/api/requests/${request.id}`)).statusCode, 200);
    problem(await call(test.app, vo1, 'GET', '/api/requests/00000000-0000-4000-8000-000000000000'), 404, 'NOT_FOUND');
  });
});

describe('update request', () => {
  it('saves every field and audits it', async () => {
    const { application, serviceId } = await draft();
    const request = await newRequest(test, application.id, serviceId);
    const body = requestBody(serviceId, {
      identityCode: request.identity_code,
      position: 'Завідувач відділення',
      keyStorage: 'file',
      region: 'Львівська',
      locality: 'Львів',
    });
    const response = await call(test.app, vo1, 'PUT', `/api/requests/${request.id}`, body);
    assert.equal(response.statusCode, 200, response.body);
    const saved = response.json();
    assert.equal(saved.position, 'Завідувач відділення');
    assert.equal(saved.keyStorage, 'file');
    assert.equal(saved.region, 'Львівська');
    assert.equal(saved.locality, 'Львів');
    assert.equal(saved.status, 'draft');
    const audit = await auditRows(test, { event: 'REQUEST_UPDATED', entityId: request.id });
    assert.equal(audit.length, 1);
    assert.deepEqual(audit[0].details, { previousStatus: 'draft' });
  });

  it('editing a request that waits for the signature voids the link: back to draft', async () => {
    const { application, serviceId } = await draft();
    const request = await newRequest(test, application.id, serviceId, { status: 'awaiting_signature' });
    const response = await call(
      test.app,
      vo1,
      'PUT',
      `/api/requests/${request.id}`,
      requestBody(serviceId, { identityCode: request.identity_code, position: 'Інша посада' }),
    );
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json().status, 'draft');
    assert.equal(response.json().signing, null);
    const audit = await auditRows(test, { event: 'REQUEST_UPDATED', entityId: request.id });
    assert.deepEqual(audit[0].details, { previousStatus: 'awaiting_signature' });
  });

  it('editing a signed request makes it draft again, to be signed anew', async () => {
    const { application, serviceId } = await draft();
    const request = await newRequest(test, application.id, serviceId, { status: 'signed' });
    const response = await call(
      test.app,
      vo1,
      'PUT',
      `/api/requests/${request.id}`,
      requestBody(serviceId, { identityCode: request.identity_code }),
    );
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json().status, 'draft');
    assert.equal(response.json().signedAt, null);
  });

  for (const [field, value] of [
    ['identityCode', '1234567890'],
    ['lastName', 'Smith'],
    ['phone', '+1 202 555 0100'],
    ['email', 'no-at-sign'],
    ['region', 'Крим'],
    ['keyStorage', 'cd-rom'],
  ] as const) {
    it(`an invalid ${field} → 400 naming it, the row unchanged`, async () => {
      const { application, serviceId } = await draft();
      const request = await newRequest(test, application.id, serviceId);
      const before = await test.ctx.db.selectFrom('certificate_request').selectAll().where('id', '=', request.id).executeTakeFirstOrThrow();
      fieldProblem(
        await call(
          test.app,
          vo1,
          'PUT',
          `/api/requests/${request.id}`,
          requestBody(serviceId, { identityCode: request.identity_code, [field]: value }),
        ),
        field,
      );
      const after = await test.ctx.db.selectFrom('certificate_request').selectAll().where('id', '=', request.id).executeTakeFirstOrThrow();
      assert.deepEqual(after, before);
    });
  }

  it('changing the code to another request’s person → 400 identityCode', async () => {
    const { application, serviceId } = await draft();
    const first = await newRequest(test, application.id, serviceId);
    const second = await newRequest(test, application.id, serviceId);
    fieldProblem(
      await call(test.app, vo1, 'PUT', `/api/requests/${second.id}`, requestBody(serviceId, { identityCode: first.identity_code })),
      'identityCode',
    );
  });

  it('another organization’s request is 404; the operator gets 404', async () => {
    const { application, serviceId } = await draft();
    const request = await newRequest(test, application.id, serviceId);
    const body = requestBody(serviceId, { identityCode: request.identity_code, lastName: 'Чужий' });
    problem(await call(test.app, vo2, 'PUT', `/api/requests/${request.id}`, body), 404, 'NOT_FOUND');
    problem(await call(test.app, operator, 'PUT', `/api/requests/${request.id}`, body), 404, 'NOT_FOUND');
    const row = await test.ctx.db
      .selectFrom('certificate_request')
      .select('last_name')
      .where('id', '=', request.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.last_name, 'Іваненко');
  });

  it('a request in a sent application cannot be edited (409)', async () => {
    const { application, serviceId } = await draft();
    const request = await newRequest(test, application.id, serviceId, { status: 'signed' });
    await test.ctx.db.updateTable('application').set({ status: 'sent' }).where('id', '=', application.id).execute();
    problem(
      await call(
        test.app,
        vo1,
        'PUT',
        `/api/requests/${request.id}`,
        requestBody(serviceId, { identityCode: request.identity_code, lastName: 'Інший' }),
      ),
      409,
      'INVALID_STATE',
    );
    const row = await test.ctx.db
      .selectFrom('certificate_request')
      .select(['last_name', 'status'])
      .where('id', '=', request.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { last_name: 'Іваненко', status: 'signed' });
  });

  it('an issued request cannot be edited (409)', async () => {
    const { application, serviceId } = await draft({ status: 'rework' });
    const request = await newRequest(test, application.id, serviceId, { status: 'issued' });
    problem(
      await call(test.app, vo1, 'PUT', `/api/requests/${request.id}`, requestBody(serviceId, { identityCode: request.identity_code })),
      409,
      'INVALID_STATE',
    );
  });
});

describe('delete request', () => {
  it('deletes a draft request and audits it', async () => {
    const { application, serviceId } = await draft();
    const request = await newRequest(test, application.id, serviceId);
    const response = await call(test.app, vo1, 'DELETE', `/api/requests/${request.id}`);
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(
      await test.ctx.db.selectFrom('certificate_request').select('id').where('id', '=', request.id).executeTakeFirst(),
      undefined,
    );
    const audit = await auditRows(test, { event: 'REQUEST_DELETED', entityId: request.id });
    assert.deepEqual(audit[0].details, { applicationId: application.id, number: request.number });
    problem(await call(test.app, vo1, 'DELETE', `/api/requests/${request.id}`), 404, 'NOT_FOUND');
  });

  it('another organization’s request is 404; the operator gets 404; a sent application’s is 409', async () => {
    const { application, serviceId } = await draft();
    const request = await newRequest(test, application.id, serviceId);
    problem(await call(test.app, vo2, 'DELETE', `/api/requests/${request.id}`), 404, 'NOT_FOUND');
    problem(await call(test.app, operator, 'DELETE', `/api/requests/${request.id}`), 404, 'NOT_FOUND');
    await test.ctx.db.updateTable('application').set({ status: 'sent' }).where('id', '=', application.id).execute();
    problem(await call(test.app, vo1, 'DELETE', `/api/requests/${request.id}`), 409, 'INVALID_STATE');
    assert.ok(await test.ctx.db.selectFrom('certificate_request').select('id').where('id', '=', request.id).executeTakeFirst());
  });

  it('an issued request cannot be deleted (409)', async () => {
    const { application, serviceId } = await draft({ status: 'rework' });
    const request = await newRequest(test, application.id, serviceId, { status: 'issued' });
    problem(await call(test.app, vo1, 'DELETE', `/api/requests/${request.id}`), 409, 'INVALID_STATE');
  });
});

describe('send for signing (ВІДПРАВИТИ ЗАЯВКУ НА ПІДПИС)', () => {
  it('waits for the signature, e-mails “Підпис файлу <ID>” with the link, shows the link, audits it', async () => {
    const { application, serviceId } = await draft();
    const email = `employee.${newRnokpp()}@example.com`;
    const created = await call(
      test.app,
      vo1,
      'POST',
      `/api/applications/${application.id}/requests`,
      requestBody(serviceId, { email, lastName: 'Гнатюк', firstAndMiddleName: 'Ольга Миколаївна' }),
    );
    const id = created.json().id;

    const response = await call(test.app, vo1, 'POST', `/api/requests/${id}/send-for-signing`);
    assert.equal(response.statusCode, 200, response.body);
    const detail = response.json();
    assert.equal(detail.status, 'awaiting_signature');
    assert.match(detail.signing.signingId, /^[0-9A-F]{32}$/);
    assert.match(detail.signing.link, new RegExp(`^http://cabinet\\.test/sign/${detail.signing.signingId}\\.[\\w-]+$`));
    assert.equal(detail.signing.sentAt, TEST_NOW.toISOString());
    assert.equal(detail.signing.expiresAt, new Date(TEST_NOW.getTime() + 14 * 86_400_000).toISOString());
    assert.equal(detail.canEdit, true);
    assert.deepEqual((await call(test.app, vo1, 'GET', `/api/requests/${id}`)).json().signing, detail.signing);

    const mails = await outboxRows(test, { to: email });
    assert.equal(mails.length, 1);
    assert.match(mails[0].subject, /^Підпис файлу [0-9A-F]{32}$/);
    assert.equal(mails[0].subject, `Підпис файлу ${detail.signing.signingId}`);
    assert.equal(mails[0].status, 'pending');
    assert.ok(mails[0].text_body.includes(detail.signing.link), 'link in the text');
    assert.ok(mails[0].html_body.includes(detail.signing.link), 'link in the html');
    assert.ok(mails[0].text_body.includes('Гнатюк Ольга Миколаївна'));

    const audit = await auditRows(test, { event: 'REQUEST_SENT_FOR_SIGNING', entityId: id });
    assert.equal(audit.length, 1);
    assert.deepEqual(audit[0].details, { signingId: detail.signing.signingId, email });

    // Sending again makes a fresh id and a fresh letter.
    const again = (await call(test.app, vo1, 'POST', `/api/requests/${id}/send-for-signing`)).json();
    assert.notEqual(again.signing.signingId, detail.signing.signingId);
    assert.equal((await outboxRows(test, { to: email })).length, 2);
  });

  it('a signed request is not sent again (409); no letter', async () => {
    const { application, serviceId } = await draft();
    const request = await newRequest(test, application.id, serviceId, { status: 'signed', email: 'signed.one@example.com' });
    problem(await call(test.app, vo1, 'POST', `/api/requests/${request.id}/send-for-signing`), 409, 'INVALID_STATE');
    assert.equal((await outboxRows(test, { to: 'signed.one@example.com' })).length, 0);
    // Once signed, the detail keeps the signing id but no live link.
    const detail = (await call(test.app, vo1, 'GET', `/api/requests/${request.id}`)).json();
    assert.equal(detail.status, 'signed');
    assert.equal(detail.signing.link, null);
    assert.equal(detail.signedAt, TEST_NOW.toISOString());
  });

  it('another organization’s request is 404; the operator gets 404; a sent application’s is 409; no letter', async () => {
    const { application, serviceId } = await draft();
    const request = await newRequest(test, application.id, serviceId, { email: 'not.sent@example.com' });
    problem(await call(test.app, vo2, 'POST', `/api/requests/${request.id}/send-for-signing`), 404, 'NOT_FOUND');
    problem(await call(test.app, operator, 'POST', `/api/requests/${request.id}/send-for-signing`), 404, 'NOT_FOUND');
    await test.ctx.db.updateTable('application').set({ status: 'sent' }).where('id', '=', application.id).execute();
    problem(await call(test.app, vo1, 'POST', `/api/requests/${request.id}/send-for-signing`), 409, 'INVALID_STATE');
    assert.equal((await outboxRows(test, { to: 'not.sent@example.com' })).length, 0);
    const row = await test.ctx.db.selectFrom('certificate_request').select('status').where('id', '=', request.id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'draft');
  });
});

describe('statement PDF (РОЗДРУКУВАТИ ЗАЯВКУ)', () => {
  it('is a PDF naming the employee and the РНОКПП exactly', async () => {
    const { application, serviceId } = await draft();
    const kovalenko = demo.people['3111923464'];
    const request = await newRequest(test, application.id, serviceId, {
      identityCode: kovalenko.rnokpp,
      personId: kovalenko.id,
      isReissue: true,
      lastName: 'Коваленко',
      firstAndMiddleName: 'Олена Петрівна',
      status: 'awaiting_signature',
    });
    const response = await call(test.app, vo1, 'GET', `/api/requests/${request.id}/statement.pdf`);
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['content-type'], 'application/pdf');
    assert.match(String(response.headers['content-disposition']), /statement-122026-\d+-1\.pdf/);
    const text = await pdfText(response.rawPayload);
    assert.ok(text.includes('Коваленко Олена Петрівна'), 'full name');
    assert.ok(/(^|\D)3111923464(\D|$)/.test(text), 'РНОКПП');
    assert.ok(text.includes('TINUA-3111923464'), 'serialNumber');
    assert.ok(text.includes('КНП «Демонстраційна лікарня №1»'), 'organization');
    const row = await test.ctx.db
      .selectFrom('certificate_request')
      .select('signing_id')
      .where('id', '=', request.id)
      .executeTakeFirstOrThrow();
    assert.ok(row.signing_id && text.includes(row.signing_id), 'signing id');
  });

  it('another organization’s statement is 404', async () => {
    const { application, serviceId } = await draft();
    const request = await newRequest(test, application.id, serviceId);
    problem(await call(test.app, vo2, 'GET', `/api/requests/${request.id}/statement.pdf`), 404, 'NOT_FOUND');
  });
});

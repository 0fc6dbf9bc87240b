import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AdminContract, AdminOrganization, AdminUser } from '../../src/shared/contracts/admin';
import type { Service } from '../../src/shared/contracts/organizations';
import { call, createTestApp, login, OPERATOR, type Session, type TestApp, VO1 } from '../support/app';
import {
  auditRows,
  type Demo,
  demoData,
  fieldProblem,
  newApplication,
  newContract,
  newEdrpou,
  newOrganization,
  newPhone,
  newRequest,
  newResponsiblePerson,
  outboxRows,
  problem,
  rowCounts,
  type TableName,
} from '../support/factories';

let test: TestApp;
let demo: Demo;
let operator: Session;
let vo1: Session;

before(async () => {
  test = await createTestApp();
  demo = await demoData(test);
  operator = await login(test.app, OPERATOR);
  vo1 = await login(test.app, VO1);
});
after(() => test.close());

const ADMIN_TABLES: TableName[] = [
  'organization',
  'contract',
  'contract_service',
  'service',
  'app_user',
  'user_organization',
  'invitation',
  'session',
  'email_outbox',
  'audit_log',
];
const counts = () => rowCounts(test, ADMIN_TABLES);

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

function contractBody(serviceId: string, overrides: Record<string, unknown> = {}) {
  return {
    number: `Д-${Math.random().toString(36).slice(2, 8)}`,
    signedOn: '2026-12-01',
    quantity: 10,
    validFrom: '2026-12-01',
    validTo: '2027-11-30',
    serviceIds: [serviceId],
    ...overrides,
  };
}

let emailSequence = 0;
function userBody(overrides: Record<string, unknown> = {}) {
  emailSequence += 1;
  return {
    phone: newPhone(),
    email: `new.vo${emailSequence}@example.com`,
    fullName: 'Нова Відповідальна Особа',
    organizationIds: [demo.hospital.id],
    ...overrides,
  };
}

/** The token of the newest invitation link mailed to `to`. */
async function mailedToken(to: string): Promise<string> {
  const mail = (await outboxRows(test, { to })).at(-1);
  assert.ok(mail, `no mail to ${to}`);
  assert.equal(mail.subject, 'Запрошення до кабінету відповідальної особи');
  const match = /http:\/\/cabinet\.test\/invitation\/([A-Za-z0-9_-]{20,})/.exec(mail.text_body);
  assert.ok(match, mail.text_body);
  assert.ok(mail.html_body.includes(`/invitation/${match[1]}`));
  return match[1];
}

function acceptInvitation(token: string, password: string) {
  return test.app.inject({
    method: 'POST',
    url: `/api/auth/invitations/${token}`,
    payload: { password, passwordConfirmation: password },
  });
}

async function createUserViaApi(overrides: Record<string, unknown> = {}) {
  const body = userBody(overrides);
  const response = await call(test.app, operator, 'POST', '/api/admin/users', body);
  assert.equal(response.statusCode, 201, response.body);
  return { body, user: response.json() as AdminUser };
}

describe('who may call the back office', () => {
  const routes: Array<['GET' | 'POST' | 'PUT', string, unknown?]> = [
    ['GET', '/api/admin/organizations'],
    ['GET', '/api/admin/organizations?q=лікарня'],
    ['POST', '/api/admin/organizations', { name: 'ТОВ «Х»', edrpou: '43005049' }],
    ['POST', '/api/admin/organizations', { name: '', edrpou: 'bad' }],
    ['PUT', `/api/admin/organizations/${UNKNOWN_ID}`, { name: 'Нова назва' }],
    ['PUT', '/api/admin/organizations/not-an-id', {}],
    ['POST', `/api/admin/organizations/${UNKNOWN_ID}/contracts`, { number: 'X' }],
    ['PUT', `/api/admin/contracts/${UNKNOWN_ID}`, {}],
    ['GET', '/api/admin/services'],
    ['POST', '/api/admin/services', { name: 'Послуга', validityMonths: 12 }],
    ['GET', `/api/admin/users?organizationId=${UNKNOWN_ID}`],
    ['POST', '/api/admin/users', { phone: '0671234567' }],
    ['PUT', `/api/admin/users/${UNKNOWN_ID}`, {}],
    ['POST', `/api/admin/users/${UNKNOWN_ID}/invite`],
    ['POST', `/api/admin/users/${UNKNOWN_ID}/block`],
    ['POST', `/api/admin/users/${UNKNOWN_ID}/unblock`],
  ];

  it('a ВО gets 404 on every route, valid input or not, and nothing changes', async () => {
    const before = await counts();
    for (const [method, url, payload] of routes) {
      problem(await call(test.app, vo1, method, url, payload), 404, 'NOT_FOUND');
    }
    // Also for the ВО's own account and organization.
    problem(await call(test.app, vo1, 'POST', `/api/admin/users/${demo.users.vo2}/block`), 404, 'NOT_FOUND');
    problem(await call(test.app, vo1, 'PUT', `/api/admin/organizations/${demo.hospital.id}`, { name: 'Зламано' }), 404, 'NOT_FOUND');
    assert.deepEqual(await counts(), before);
  });

  it('without a session every route is 401', async () => {
    for (const [method, url, payload] of routes) {
      problem(await call(test.app, null, method, url, payload), 401, 'UNAUTHENTICATED');
    }
  });
});

describe('organizations', () => {
  it('lists organizations with all their contracts, the places used and the ВО count', async () => {
    const application = await newApplication(test, {});
    await newRequest(test, application.id, demo.hospital.serviceId);
    const response = await call(test.app, operator, 'GET', '/api/admin/organizations');
    assert.equal(response.statusCode, 200, response.body);
    const items = response.json().items as AdminOrganization[];
    const hospital = items.find((o) => o.id === demo.hospital.id);
    assert.ok(hospital);
    assert.equal(hospital.edrpou, '01990016');
    assert.ok(hospital.responsiblePersonCount >= 1);
    const contract = hospital.contracts.find((c) => c.id === demo.hospital.contractId);
    assert.ok(contract);
    assert.ok(contract.usedQuantity >= 1);
    assert.equal(contract.isActive, true);
    assert.deepEqual(
      contract.services.map((s) => s.id),
      [demo.hospital.serviceId],
    );
    // A contract no longer in force is listed too.
    const inactive = await newContract(test, demo.clinic.id, { isActive: false });
    const again = (await call(test.app, operator, 'GET', '/api/admin/organizations')).json().items as AdminOrganization[];
    const clinic = again.find((o) => o.id === demo.clinic.id);
    assert.equal(clinic?.contracts.find((c) => c.id === inactive.id)?.isActive, false);
  });

  it('searches by name in any case and by part of the ЄДРПОУ', async () => {
    const byName = await call(test.app, operator, 'GET', `/api/admin/organizations?q=${encodeURIComponent('демонстраційна ЛІКАРНЯ')}`);
    assert.deepEqual(
      (byName.json().items as AdminOrganization[]).map((o) => o.id),
      [demo.hospital.id],
    );
    const byCode = await call(test.app, operator, 'GET', '/api/admin/organizations?q=4099');
    assert.deepEqual(
      (byCode.json().items as AdminOrganization[]).map((o) => o.id),
      [demo.clinic.id],
    );
    const wildcard = await call(test.app, operator, 'GET', '/api/admin/organizations?q=%25');
    assert.deepEqual(wildcard.json().items, []);
  });

  it('creates an organization with an audit row', async () => {
    const edrpou = newEdrpou();
    const response = await call(test.app, operator, 'POST', '/api/admin/organizations', { name: '  КНП «Нова лікарня»  ', edrpou });
    assert.equal(response.statusCode, 201, response.body);
    const body = response.json() as AdminOrganization;
    assert.equal(body.name, 'КНП «Нова лікарня»');
    assert.equal(body.edrpou, edrpou);
    assert.deepEqual(body.contracts, []);
    assert.equal(body.responsiblePersonCount, 0);
    const audit = await auditRows(test, { event: 'ORGANIZATION_CREATED', entityId: body.id });
    assert.equal(audit.length, 1);
    assert.equal(audit[0].actor_user_id, demo.users.operator);
    assert.equal(audit[0].actor_role, 'operator');
    assert.equal(audit[0].organization_id, body.id);
  });

  for (const [payload, field] of [
    [{ name: 'ТОВ «Х»', edrpou: '43005048' }, 'edrpou'],
    [{ name: 'ТОВ «Х»', edrpou: '4300504' }, 'edrpou'],
    [{ name: 'ТОВ «Х»', edrpou: 'abcdefgh' }, 'edrpou'],
    [{ name: 'ТОВ «Х»' }, 'edrpou'],
    [{ name: '   ', edrpou: '43005049' }, 'name'],
    [{ name: 'ТОВ\u0000', edrpou: '43005049' }, 'name'],
    [{ name: 'Я'.repeat(301), edrpou: '43005049' }, 'name'],
  ] as const) {
    it(`refuses ${JSON.stringify(payload).slice(0, 60)} naming ${field}, saving nothing`, async () => {
      const before = await counts();
      const body = fieldProblem(await call(test.app, operator, 'POST', '/api/admin/organizations', payload), field);
      assert.match(body.errors?.[0].message ?? '', /[А-Яа-яЄІЇҐєіїґ]/);
      assert.deepEqual(await counts(), before);
    });
  }

  it('says in Ukrainian that the ЄДРПОУ is taken (409), saving nothing', async () => {
    const before = await counts();
    const body = problem(
      await call(test.app, operator, 'POST', '/api/admin/organizations', { name: 'Інша назва', edrpou: demo.hospital.edrpou }),
      409,
      'CONFLICT',
    );
    assert.match(body.detail ?? '', /ЄДРПОУ 01990016 вже є/);
    assert.equal(body.errors?.[0].field, 'edrpou');
    assert.deepEqual(await counts(), before);
  });

  it('two operators adding the same ЄДРПОУ at once: one 201, the other 409 (not a 500)', async () => {
    const edrpou = newEdrpou();
    const responses = await Promise.all(
      [1, 2].map((n) => call(test.app, operator, 'POST', '/api/admin/organizations', { name: `ТОВ «Двійник ${n}»`, edrpou })),
    );
    assert.deepEqual(responses.map((r) => r.statusCode).sort(), [201, 409], responses.map((r) => r.body).join('\n'));
    problem(responses.find((r) => r.statusCode === 409) as (typeof responses)[number], 409, 'CONFLICT');
  });

  it('renames an organization (the ЄДРПОУ stays) with an audit row naming both names', async () => {
    const organization = await newOrganization(test, { name: 'ТОВ «Стара назва»' });
    const response = await call(test.app, operator, 'PUT', `/api/admin/organizations/${organization.id}`, {
      name: 'ТОВ «Нова назва»',
      edrpou: '43005049',
    });
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json().name, 'ТОВ «Нова назва»');
    assert.equal(response.json().edrpou, organization.edrpou);
    const [audit] = await auditRows(test, { event: 'ORGANIZATION_UPDATED', entityId: organization.id });
    assert.deepEqual(audit.details, { name: { from: 'ТОВ «Стара назва»', to: 'ТОВ «Нова назва»' } });
    assert.equal(audit.actor_user_id, demo.users.operator);
  });

  it('renaming: an empty name is 400, an unknown organization 404, a bad id 400', async () => {
    const before = await counts();
    fieldProblem(await call(test.app, operator, 'PUT', `/api/admin/organizations/${demo.clinic.id}`, { name: '' }), 'name');
    problem(await call(test.app, operator, 'PUT', `/api/admin/organizations/${UNKNOWN_ID}`, { name: 'Назва' }), 404, 'NOT_FOUND');
    fieldProblem(await call(test.app, operator, 'PUT', '/api/admin/organizations/123', { name: 'Назва' }), 'id');
    assert.deepEqual(await counts(), before);
  });
});

describe('services', () => {
  it('lists services and creates one whose validity is data', async () => {
    const list = await call(test.app, operator, 'GET', '/api/admin/services');
    assert.equal(list.statusCode, 200);
    assert.ok((list.json().items as Service[]).some((s) => s.id === demo.hospital.serviceId && s.validityMonths === 12));
    const response = await call(test.app, operator, 'POST', '/api/admin/services', {
      name: 'Формування сертифікату КЕП на 2 роки',
      validityMonths: 24,
    });
    assert.equal(response.statusCode, 201, response.body);
    const service = response.json() as Service;
    assert.equal(service.validityMonths, 24);
    const [audit] = await auditRows(test, { event: 'SERVICE_CREATED', entityId: service.id });
    assert.equal(audit.entity_type, 'service');
    assert.deepEqual(audit.details, { name: 'Формування сертифікату КЕП на 2 роки', validityMonths: 24 });
    const again = (await call(test.app, operator, 'GET', '/api/admin/services')).json().items as Service[];
    assert.ok(again.some((s) => s.id === service.id));
  });

  for (const [payload, field] of [
    [{ name: 'Послуга А', validityMonths: 0 }, 'validityMonths'],
    [{ name: 'Послуга А', validityMonths: 61 }, 'validityMonths'],
    [{ name: 'Послуга А', validityMonths: 1.5 }, 'validityMonths'],
    [{ name: 'Послуга А', validityMonths: '12' }, 'validityMonths'],
    [{ name: 'Послуга А' }, 'validityMonths'],
    [{ name: '', validityMonths: 12 }, 'name'],
  ] as const) {
    it(`refuses ${JSON.stringify(payload)} naming ${field}`, async () => {
      const before = await counts();
      fieldProblem(await call(test.app, operator, 'POST', '/api/admin/services', payload), field);
      assert.deepEqual(await counts(), before);
    });
  }

  it('refuses a duplicate name with 409', async () => {
    const before = await counts();
    const body = problem(
      await call(test.app, operator, 'POST', '/api/admin/services', { name: 'Формування сертифікату КЕП на 1 рік', validityMonths: 12 }),
      409,
      'CONFLICT',
    );
    assert.equal(body.errors?.[0].field, 'name');
    assert.deepEqual(await counts(), before);
  });
});

describe('contracts', () => {
  it('creates a contract with its services and an audit row; the organization lists it', async () => {
    const organization = await newOrganization(test);
    const body = contractBody(demo.hospital.serviceId, { validTo: null, quantity: 40 });
    const response = await call(test.app, operator, 'POST', `/api/admin/organizations/${organization.id}/contracts`, body);
    assert.equal(response.statusCode, 201, response.body);
    const contract = response.json() as AdminContract;
    assert.equal(contract.organizationId, organization.id);
    assert.equal(contract.number, body.number);
    assert.equal(contract.quantity, 40);
    assert.equal(contract.usedQuantity, 0);
    assert.equal(contract.validTo, null);
    assert.equal(contract.isActive, true);
    assert.deepEqual(
      contract.services.map((s) => s.id),
      [demo.hospital.serviceId],
    );
    const [audit] = await auditRows(test, { event: 'CONTRACT_CREATED', entityId: contract.id });
    assert.equal(audit.organization_id, organization.id);
    assert.equal(audit.actor_user_id, demo.users.operator);
    const list = (await call(test.app, operator, 'GET', '/api/admin/organizations')).json().items as AdminOrganization[];
    assert.equal(list.find((o) => o.id === organization.id)?.contracts[0].id, contract.id);
  });

  const invalid: Array<[string, Record<string, unknown>, string]> = [
    ['an empty number', { number: ' ' }, 'number'],
    ['a signing date that does not exist', { signedOn: '2026-02-30' }, 'signedOn'],
    ['a signing date in another format', { signedOn: '01.12.2026' }, 'signedOn'],
    ['quantity 0', { quantity: 0 }, 'quantity'],
    ['a fractional quantity', { quantity: 2.5 }, 'quantity'],
    ['no start date', { validFrom: undefined }, 'validFrom'],
    ['an end before the start', { validFrom: '2026-12-01', validTo: '2026-11-30' }, 'validTo'],
    ['no services', { serviceIds: [] }, 'serviceIds'],
    ['a service id that is not an id', { serviceIds: ['x'] }, 'serviceIds.0'],
    ['an unknown service', { serviceIds: [UNKNOWN_ID] }, 'serviceIds'],
  ];
  for (const [what, overrides, field] of invalid) {
    it(`refuses ${what} naming ${field}, saving nothing`, async () => {
      const before = await counts();
      const response = await call(
        test.app,
        operator,
        'POST',
        `/api/admin/organizations/${demo.clinic.id}/contracts`,
        contractBody(demo.hospital.serviceId, overrides),
      );
      fieldProblem(response, field);
      assert.deepEqual(await counts(), before);
    });
  }

  it('refuses a number the organization already has (409), but another organization may use it', async () => {
    const before = await counts();
    const body = problem(
      await call(test.app, operator, 'POST', `/api/admin/organizations/${demo.hospital.id}/contracts`, {
        ...contractBody(demo.hospital.serviceId),
        number: 'ДЕМО-1',
      }),
      409,
      'CONFLICT',
    );
    assert.equal(body.errors?.[0].field, 'number');
    assert.match(body.detail ?? '', /ДЕМО-1/);
    assert.deepEqual(await counts(), before);
    const other = await newOrganization(test);
    const ok = await call(test.app, operator, 'POST', `/api/admin/organizations/${other.id}/contracts`, {
      ...contractBody(demo.hospital.serviceId),
      number: 'ДЕМО-1',
    });
    assert.equal(ok.statusCode, 201, ok.body);
  });

  it('an unknown organization is 404', async () => {
    problem(
      await call(test.app, operator, 'POST', `/api/admin/organizations/${UNKNOWN_ID}/contracts`, contractBody(demo.hospital.serviceId)),
      404,
      'NOT_FOUND',
    );
  });

  it('updates every field, deactivates it and writes the before and after to the audit', async () => {
    const organization = await newOrganization(test);
    const contract = await newContract(test, organization.id, { quantity: 5 });
    const service = (
      await call(test.app, operator, 'POST', '/api/admin/services', { name: 'Послуга на 6 місяців', validityMonths: 6 })
    ).json() as Service;
    const body = {
      ...contractBody(service.id),
      number: 'Н-2',
      quantity: 7,
      isActive: false,
      serviceIds: [service.id, contract.serviceId, service.id],
    };
    const response = await call(test.app, operator, 'PUT', `/api/admin/contracts/${contract.id}`, body);
    assert.equal(response.statusCode, 200, response.body);
    const updated = response.json() as AdminContract;
    assert.equal(updated.number, 'Н-2');
    assert.equal(updated.quantity, 7);
    assert.equal(updated.isActive, false);
    assert.equal(updated.validTo, '2027-11-30');
    assert.deepEqual(updated.services.map((s) => s.validityMonths).sort(), [12, 6]);
    const [audit] = await auditRows(test, { event: 'CONTRACT_UPDATED', entityId: contract.id });
    const details = audit.details as { before: { quantity: number; isActive: boolean }; after: { quantity: number } };
    assert.equal(details.before.quantity, 5);
    assert.equal(details.before.isActive, true);
    assert.equal(details.after.quantity, 7);
    assert.equal(audit.organization_id, organization.id);
  });

  it('the quantity may not go below the requests already made under it (409 naming quantity)', async () => {
    const organization = await newOrganization(test);
    const contract = await newContract(test, organization.id, { quantity: 5 });
    const vo = await newResponsiblePerson(test, organization.id);
    const application = await newApplication(test, { organizationId: organization.id, contractId: contract.id, createdBy: vo.id });
    await newRequest(test, application.id, contract.serviceId);
    await newRequest(test, application.id, contract.serviceId);
    const url = `/api/admin/contracts/${contract.id}`;
    const base = { ...contractBody(contract.serviceId), number: contract.number, isActive: true };
    const before = await counts();
    const body = problem(await call(test.app, operator, 'PUT', url, { ...base, quantity: 1 }), 409, 'INVALID_STATE');
    assert.match(body.detail ?? '', /вже подано 2/);
    assert.equal(body.errors?.[0].field, 'quantity');
    assert.deepEqual(await counts(), before);
    const row = await test.ctx.db.selectFrom('contract').select('quantity').where('id', '=', contract.id).executeTakeFirstOrThrow();
    assert.equal(row.quantity, 5);
    // Exactly the places used is fine.
    const ok = await call(test.app, operator, 'PUT', url, { ...base, quantity: 2 });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().usedQuantity, 2);
  });

  it('a service chosen by requests under the contract cannot be removed from it (409)', async () => {
    const organization = await newOrganization(test);
    const contract = await newContract(test, organization.id);
    const vo = await newResponsiblePerson(test, organization.id);
    const application = await newApplication(test, { organizationId: organization.id, contractId: contract.id, createdBy: vo.id });
    await newRequest(test, application.id, contract.serviceId);
    const other = (
      await call(test.app, operator, 'POST', '/api/admin/services', { name: 'Послуга на 18 місяців', validityMonths: 18 })
    ).json() as Service;
    const before = await counts();
    const body = problem(
      await call(test.app, operator, 'PUT', `/api/admin/contracts/${contract.id}`, {
        ...contractBody(other.id),
        number: contract.number,
        isActive: true,
      }),
      409,
      'INVALID_STATE',
    );
    assert.equal(body.errors?.[0].field, 'serviceIds');
    assert.deepEqual(await counts(), before);
  });

  it('updating: a number taken by another contract is 409, bad fields 400, an unknown contract 404', async () => {
    const organization = await newOrganization(test);
    const first = await newContract(test, organization.id);
    const second = await newContract(test, organization.id);
    const url = `/api/admin/contracts/${second.id}`;
    const base = { ...contractBody(second.serviceId), isActive: true };
    const before = await counts();
    const duplicate = problem(await call(test.app, operator, 'PUT', url, { ...base, number: first.number }), 409, 'CONFLICT');
    assert.equal(duplicate.errors?.[0].field, 'number');
    fieldProblem(await call(test.app, operator, 'PUT', url, { ...base, isActive: undefined }), 'isActive');
    fieldProblem(await call(test.app, operator, 'PUT', url, { ...base, quantity: 0 }), 'quantity');
    fieldProblem(await call(test.app, operator, 'PUT', url, { ...base, validTo: '2020-01-01' }), 'validTo');
    fieldProblem(await call(test.app, operator, 'PUT', url, { ...base, serviceIds: [UNKNOWN_ID] }), 'serviceIds');
    problem(await call(test.app, operator, 'PUT', `/api/admin/contracts/${UNKNOWN_ID}`, base), 404, 'NOT_FOUND');
    assert.deepEqual(await counts(), before);
    // Keeping its own number is not a duplicate.
    const same = await call(test.app, operator, 'PUT', url, { ...base, number: second.number });
    assert.equal(same.statusCode, 200, same.body);
  });
});

describe('ВО accounts', () => {
  it('creates a ВО, e-mails an invitation whose link sets the password, and the ВО can log in', async () => {
    const { body, user } = await createUserViaApi({
      phone: '067 765 43 21',
      email: 'invited.vo@example.com',
      fullName: '  Коваль   Ірина Петрівна ',
      organizationIds: [demo.hospital.id, demo.clinic.id, demo.hospital.id],
    });
    assert.equal(body.phone, '067 765 43 21');
    assert.equal(user.phone, '+380677654321');
    assert.equal(user.fullName, 'Коваль Ірина Петрівна');
    assert.equal(user.role, 'responsible_person');
    assert.equal(user.isBlocked, false);
    assert.equal(user.hasPassword, false);
    assert.deepEqual(user.organizations.map((o) => o.id).sort(), [demo.hospital.id, demo.clinic.id].sort());
    assert.equal(user.invitationPendingUntil, new Date(test.clock.now.getTime() + 72 * 3600_000).toISOString());
    assert.ok(!('link' in user), 'the API does not hand out the link');

    const token = await mailedToken('invited.vo@example.com');
    const mail = (await outboxRows(test, { to: 'invited.vo@example.com' })).at(-1);
    assert.match(mail?.text_body ?? '', /\+380677654321/);
    assert.match(mail?.text_body ?? '', /10\.12\.2026 10:00/);

    const created = await auditRows(test, { event: 'USER_CREATED', entityId: user.id });
    assert.equal(created.length, 1);
    assert.equal(created[0].actor_user_id, demo.users.operator);
    const invited = await auditRows(test, { event: 'USER_INVITED', entityId: user.id });
    assert.equal(invited.length, 1);
    assert.equal((invited[0].details as { via: string }).via, 'operator');

    const info = await test.app.inject({ method: 'GET', url: `/api/auth/invitations/${token}` });
    assert.equal(info.statusCode, 200, info.body);
    assert.equal(info.json().phone, '+380677654321');
    const accepted = await acceptInvitation(token, 'new-password-1');
    assert.equal(accepted.statusCode, 200, accepted.body);
    const session = await login(test.app, { phone: '0677654321', password: 'new-password-1' });
    assert.equal(session.userId, user.id);
    // Single use.
    problem(await acceptInvitation(token, 'other-password-2'), 404, 'NOT_FOUND');

    const listed = (await call(test.app, operator, 'GET', `/api/admin/users?q=${encodeURIComponent('+38 067 765 43 21')}`)).json()
      .items as AdminUser[];
    assert.deepEqual(
      listed.map((u) => u.id),
      [user.id],
    );
    assert.equal(listed[0].hasPassword, true);
    assert.equal(listed[0].invitationPendingUntil, null);
  });

  const invalid: Array<[string, Record<string, unknown>, string]> = [
    ['a phone that is not Ukrainian', { phone: '+48123456789' }, 'phone'],
    ['no phone', { phone: undefined }, 'phone'],
    ['an e-mail without a domain', { email: 'vo@localhost' }, 'email'],
    ['no e-mail', { email: '' }, 'email'],
    ['a name in Latin letters', { fullName: 'Ivan Petrenko' }, 'fullName'],
    ['an empty name', { fullName: '  ' }, 'fullName'],
    ['no organizations', { organizationIds: [] }, 'organizationIds'],
    ['an organization id that is not an id', { organizationIds: ['1'] }, 'organizationIds.0'],
    ['an unknown organization', { organizationIds: [UNKNOWN_ID] }, 'organizationIds'],
  ];
  for (const [what, overrides, field] of invalid) {
    it(`refuses ${what} naming ${field}: no account, invitation or mail`, async () => {
      const before = await counts();
      fieldProblem(await call(test.app, operator, 'POST', '/api/admin/users', userBody(overrides)), field);
      assert.deepEqual(await counts(), before);
    });
  }

  it('refuses a phone already in use, however it is written (409)', async () => {
    const before = await counts();
    const body = problem(await call(test.app, operator, 'POST', '/api/admin/users', userBody({ phone: '050 123 45 67' })), 409, 'CONFLICT');
    assert.equal(body.errors?.[0].field, 'phone');
    assert.match(body.detail ?? '', /\+380501234567/);
    assert.deepEqual(await counts(), before);
  });

  it('two operators creating the same phone at once: one account, one invitation, the other 409', async () => {
    const phone = newPhone();
    const before = await counts();
    const responses = await Promise.all([1, 2].map(() => call(test.app, operator, 'POST', '/api/admin/users', userBody({ phone }))));
    assert.deepEqual(responses.map((r) => r.statusCode).sort(), [201, 409], responses.map((r) => r.body).join('\n'));
    const after = await counts();
    assert.equal(after.app_user, (before.app_user ?? 0) + 1);
    assert.equal(after.invitation, (before.invitation ?? 0) + 1);
    assert.equal(after.email_outbox, (before.email_outbox ?? 0) + 1);
  });

  it('lists accounts with their organizations, filtered by organization and by name', async () => {
    const organization = await newOrganization(test);
    const { user } = await createUserViaApi({ organizationIds: [organization.id], fullName: 'Шукана Ганна Олегівна' });
    const byOrganization = await call(test.app, operator, 'GET', `/api/admin/users?organizationId=${organization.id}`);
    assert.equal(byOrganization.statusCode, 200, byOrganization.body);
    const items = byOrganization.json().items as AdminUser[];
    assert.deepEqual(
      items.map((u) => u.id),
      [user.id],
    );
    assert.deepEqual(items[0].organizations, [{ id: organization.id, name: organization.name, edrpou: organization.edrpou }]);
    assert.ok(items[0].invitationPendingUntil);
    const byName = (await call(test.app, operator, 'GET', `/api/admin/users?q=${encodeURIComponent('шукана')}`)).json()
      .items as AdminUser[];
    assert.deepEqual(
      byName.map((u) => u.id),
      [user.id],
    );
    const all = (await call(test.app, operator, 'GET', '/api/admin/users')).json().items as AdminUser[];
    const operatorRow = all.find((u) => u.id === demo.users.operator);
    assert.equal(operatorRow?.role, 'operator');
    assert.equal(operatorRow?.hasPassword, true);
    fieldProblem(await call(test.app, operator, 'GET', '/api/admin/users?organizationId=nope'), 'organizationId');
    const organizations = (await call(test.app, operator, 'GET', '/api/admin/organizations')).json().items as AdminOrganization[];
    assert.equal(organizations.find((o) => o.id === organization.id)?.responsiblePersonCount, 1);
  });

  it('a new invitation voids the earlier link', async () => {
    const { body, user } = await createUserViaApi();
    const first = await mailedToken(body.email);
    test.clock.now = new Date(test.clock.now.getTime() + 3600_000);
    try {
      const response = await call(test.app, operator, 'POST', `/api/admin/users/${user.id}/invite`);
      assert.equal(response.statusCode, 200, response.body);
      assert.equal((response.json() as AdminUser).invitationPendingUntil, new Date(test.clock.now.getTime() + 72 * 3600_000).toISOString());
      const second = await mailedToken(body.email);
      assert.notEqual(second, first);
      assert.equal((await outboxRows(test, { to: body.email })).length, 2);
      problem(await test.app.inject({ method: 'GET', url: `/api/auth/invitations/${first}` }), 404, 'NOT_FOUND');
      problem(await acceptInvitation(first, 'password-one-1'), 404, 'NOT_FOUND');
      assert.equal((await acceptInvitation(second, 'password-two-2')).statusCode, 200);
      await login(test.app, { phone: body.phone, password: 'password-two-2' });
      assert.equal((await auditRows(test, { event: 'USER_INVITED', entityId: user.id })).length, 2);
    } finally {
      test.clock.now = new Date(test.clock.now.getTime() - 3600_000);
    }
    problem(await call(test.app, operator, 'POST', `/api/admin/users/${UNKNOWN_ID}/invite`), 404, 'NOT_FOUND');
  });

  it('blocking ends the sessions and refuses login; unblocking lets the person in again', async () => {
    const vo = await newResponsiblePerson(test, demo.hospital.id);
    const session = await login(test.app, vo);
    assert.equal((await call(test.app, session, 'GET', '/api/auth/session')).statusCode, 200);

    const blocked = await call(test.app, operator, 'POST', `/api/admin/users/${vo.id}/block`);
    assert.equal(blocked.statusCode, 200, blocked.body);
    assert.equal((blocked.json() as AdminUser).isBlocked, true);
    const sessions = await test.ctx.db.selectFrom('session').select('token_hash').where('user_id', '=', vo.id).execute();
    assert.deepEqual(sessions, []);
    problem(await call(test.app, session, 'GET', '/api/auth/session'), 401, 'UNAUTHENTICATED');
    problem(await call(test.app, session, 'GET', '/api/applications'), 401, 'UNAUTHENTICATED');
    problem(await test.app.inject({ method: 'POST', url: '/api/auth/login', payload: vo }), 403, 'ACCOUNT_BLOCKED');
    const [audit] = await auditRows(test, { event: 'USER_BLOCKED', entityId: vo.id });
    assert.deepEqual(audit.details, { sessionsEnded: 1 });
    assert.equal(audit.actor_user_id, demo.users.operator);

    // Blocked again: the guarded update finds nothing to change.
    problem(await call(test.app, operator, 'POST', `/api/admin/users/${vo.id}/block`), 409, 'INVALID_STATE');
    // A blocked person gets no new invitation until unblocked.
    problem(await call(test.app, operator, 'POST', `/api/admin/users/${vo.id}/invite`), 409, 'INVALID_STATE');

    const unblocked = await call(test.app, operator, 'POST', `/api/admin/users/${vo.id}/unblock`);
    assert.equal(unblocked.statusCode, 200, unblocked.body);
    assert.equal((unblocked.json() as AdminUser).isBlocked, false);
    const again = await login(test.app, vo);
    assert.equal((await call(test.app, again, 'GET', '/api/auth/session')).statusCode, 200);
    assert.equal((await auditRows(test, { event: 'USER_UNBLOCKED', entityId: vo.id })).length, 1);
    problem(await call(test.app, operator, 'POST', `/api/admin/users/${vo.id}/unblock`), 409, 'INVALID_STATE');
  });

  it('an operator cannot block their own account; unknown accounts are 404', async () => {
    const before = await counts();
    problem(await call(test.app, operator, 'POST', `/api/admin/users/${demo.users.operator}/block`), 409, 'INVALID_STATE');
    problem(await call(test.app, operator, 'POST', `/api/admin/users/${UNKNOWN_ID}/block`), 404, 'NOT_FOUND');
    problem(await call(test.app, operator, 'POST', `/api/admin/users/${UNKNOWN_ID}/unblock`), 404, 'NOT_FOUND');
    fieldProblem(await call(test.app, operator, 'POST', '/api/admin/users/zzz/block'), 'id');
    assert.deepEqual(await counts(), before);
  });

  it('updates e-mail, name and organizations with an audit row; the ВО then sees only the new ones', async () => {
    const vo = await newResponsiblePerson(test, demo.hospital.id);
    const response = await call(test.app, operator, 'PUT', `/api/admin/users/${vo.id}`, {
      email: 'changed@example.com',
      fullName: 'Змінена Особа Петрівна',
      organizationIds: [demo.clinic.id],
    });
    assert.equal(response.statusCode, 200, response.body);
    const user = response.json() as AdminUser;
    assert.equal(user.email, 'changed@example.com');
    assert.equal(user.fullName, 'Змінена Особа Петрівна');
    assert.deepEqual(
      user.organizations.map((o) => o.id),
      [demo.clinic.id],
    );
    const [audit] = await auditRows(test, { event: 'USER_UPDATED', entityId: vo.id });
    const details = audit.details as { before: { organizationIds: string[] }; after: { organizationIds: string[]; email: string } };
    assert.deepEqual(details.before.organizationIds, [demo.hospital.id]);
    assert.deepEqual(details.after.organizationIds, [demo.clinic.id]);
    assert.equal(details.after.email, 'changed@example.com');
    const session = await login(test.app, vo);
    const mine = (await call(test.app, session, 'GET', '/api/organizations')).json();
    assert.deepEqual(
      (mine.items as Array<{ id: string }>).map((o) => o.id),
      [demo.clinic.id],
    );
  });

  it('updating: bad fields are 400 and change nothing, an operator account 409, an unknown one 404', async () => {
    const vo = await newResponsiblePerson(test, demo.hospital.id);
    const url = `/api/admin/users/${vo.id}`;
    const base = { email: 'ok@example.com', fullName: 'Нормальна Особа', organizationIds: [demo.hospital.id] };
    const before = await counts();
    fieldProblem(await call(test.app, operator, 'PUT', url, { ...base, email: 'nope' }), 'email');
    fieldProblem(await call(test.app, operator, 'PUT', url, { ...base, fullName: 'X1' }), 'fullName');
    fieldProblem(await call(test.app, operator, 'PUT', url, { ...base, organizationIds: [] }), 'organizationIds');
    fieldProblem(
      await call(test.app, operator, 'PUT', url, { ...base, organizationIds: [demo.hospital.id, UNKNOWN_ID] }),
      'organizationIds',
    );
    problem(await call(test.app, operator, 'PUT', `/api/admin/users/${demo.users.operator}`, base), 409, 'INVALID_STATE');
    problem(await call(test.app, operator, 'PUT', `/api/admin/users/${UNKNOWN_ID}`, base), 404, 'NOT_FOUND');
    assert.deepEqual(await counts(), before);
    const links = await test.ctx.db.selectFrom('user_organization').select('organization_id').where('user_id', '=', vo.id).execute();
    assert.deepEqual(links, [{ organization_id: demo.hospital.id }]);
  });
});

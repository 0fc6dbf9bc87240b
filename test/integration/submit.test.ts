import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { applicationStatusLabel } from '../../src/shared/domain/status';
import { call, createTestApp, login, OPERATOR, PDF_BYTES, type Session, TEST_NOW, type TestApp, upload, VO1, VO2 } from '../support/app';
import {
  auditRows,
  type Demo,
  demoData,
  fieldProblem,
  newApplication,
  newContract,
  newDocument,
  newPerson,
  newRequest,
  newRnokpp,
  outboxRows,
  problem,
  requestBody,
  rowCounts,
} from '../support/factories';
import { demoKey, issuedKey, signedKdpApplication, signRequest, uploadFiles } from '../support/signing';

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

const MONDAY = '2026-12-14';
const OPERATOR_EMAIL = 'operator@example.com';

function submit(session: Session, id: string, renewalDate: unknown = MONDAY) {
  return call(test.app, session, 'POST', `/api/applications/${id}/submit`, { renewalDate });
}

async function statusOf(id: string) {
  return (await test.ctx.db.selectFrom('application').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
}

/** An application of ВО 1 made through the API, with one request for a new person and one re-issue for `reissuePerson`. */
async function applicationWithRequests(reissuePerson: string) {
  const contract = await newContract(test, demo.hospital.id);
  const created = await call(test.app, vo1, 'POST', '/api/applications', { organizationId: demo.hospital.id, contractId: contract.id });
  assert.equal(created.statusCode, 201, created.body);
  const { id, number } = created.json();
  const newcomer = await call(
    test.app,
    vo1,
    'POST',
    `/api/applications/${id}/requests`,
    requestBody(contract.serviceId, { email: `newcomer.${number.replace('/', '-')}@example.com` }),
  );
  assert.equal(newcomer.statusCode, 201, newcomer.body);
  const person = await call(test.app, vo1, 'GET', `/api/people/lookup?organizationId=${demo.hospital.id}&code=${reissuePerson}`);
  const p = person.json().person;
  const reissue = await call(
    test.app,
    vo1,
    'POST',
    `/api/applications/${id}/requests`,
    requestBody(contract.serviceId, {
      identityCode: reissuePerson,
      isReissue: p.isReissueDefault,
      lastName: p.lastName,
      firstAndMiddleName: p.firstAndMiddleName,
      phone: p.phone,
      email: p.email,
      locality: p.locality,
      region: p.region,
      department: p.department,
      position: p.position,
    }),
  );
  assert.equal(reissue.statusCode, 201, reissue.body);
  return {
    id,
    number,
    contract,
    newcomerId: newcomer.json().id as string,
    reissueId: reissue.json().id as string,
    reissueName: p.fullName as string,
  };
}

describe('submit refused (422 with every reason)', () => {
  it('lists unsigned requests, missing documents and an expiring re-issue certificate; nothing changes', async () => {
    // Коваленко's certificate ends on 12.12.2026, before the Monday chosen as the renewal day.
    const a = await applicationWithRequests('3111923464');
    const outbox = (await outboxRows(test, { to: OPERATOR_EMAIL })).length;
    const response = await submit(vo1, a.id, MONDAY);
    const body = problem(response, 422, 'SUBMIT_REFUSED');
    assert.equal(body.title, 'Заявку не можна відправити');
    assert.deepEqual(
      body.reasons?.sort(),
      [
        'Запит №1 (Іваненко Степан Григорович): заяву не підписано співробітником',
        'Запит №1 (Іваненко Степан Григорович): не прикріплено «Завірена копія ІПН»',
        'Запит №1 (Іваненко Степан Григорович): не прикріплено «Завірена копія Паспорту»',
        'Запит №2 (Коваленко Олена Петрівна): Сертифікат діє до 12.12.2026 — обрана дата продовження пізніша; повторна видача за існуючим ключем неможлива',
        'Запит №2 (Коваленко Олена Петрівна): заяву не підписано співробітником',
        'Не прикріплено документ «Довідка про співробітників»',
        'Не прикріплено документ «Електронна версія заявки на КДП»',
      ].sort(),
    );

    assert.equal(await statusOf(a.id), 'draft');
    assert.equal((await outboxRows(test, { to: OPERATOR_EMAIL })).length, outbox);
    assert.equal((await auditRows(test, { event: 'APPLICATION_SENT', entityId: a.id })).length, 0);
    const refused = await auditRows(test, { event: 'APPLICATION_SEND_REFUSED', entityId: a.id });
    assert.equal(refused.length, 1);
    assert.equal(refused[0].actor_user_id, demo.users.vo1);
    assert.deepEqual((refused[0].details as { reasons: string[] }).reasons.sort(), body.reasons?.sort());
    const row = await test.ctx.db
      .selectFrom('application')
      .select(['renewal_date', 'sent_at'])
      .where('id', '=', a.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { renewal_date: null, sent_at: null });
  });

  for (const [what, date, reasons] of [
    ['in the past', '2026-12-04', ['Дата продовження має бути пізнішою за сьогоднішню']],
    ['today', '2026-12-07', ['Дата продовження має бути пізнішою за сьогоднішню']],
    ['on a Saturday', '2026-12-12', ['Дата продовження має бути робочим днем (пн–пт)']],
    ['on a Sunday', '2026-12-13', ['Дата продовження має бути робочим днем (пн–пт)']],
    [
      'on a past Sunday',
      '2026-12-06',
      ['Дата продовження має бути пізнішою за сьогоднішню', 'Дата продовження має бути робочим днем (пн–пт)'],
    ],
  ] as const) {
    it(`a renewal date ${what} is a reason`, async () => {
      const ready = await readyApplication();
      const body = problem(await submit(vo1, ready.id, date), 422, 'SUBMIT_REFUSED');
      assert.deepEqual(body.reasons, [...reasons]);
      assert.equal(await statusOf(ready.id), 'draft');
    });
  }

  it('a re-issue whose certificate has already expired is a reason', async () => {
    const ready = await readyApplication();
    const oliinyk = demo.people['2736372181'];
    const request = await newRequest(test, ready.id, ready.serviceId, {
      identityCode: oliinyk.rnokpp,
      personId: oliinyk.id,
      isReissue: true,
      lastName: 'Олійник',
      firstAndMiddleName: 'Світлана Вікторівна',
      status: 'signed',
    });
    const body = problem(await submit(vo1, ready.id), 422, 'SUBMIT_REFUSED');
    assert.deepEqual(body.reasons, [
      `Запит №${request.number} (Олійник Світлана Вікторівна): Немає чинного сертифіката для повторної видачі`,
    ]);
  });

  it('expiry is judged by the Kyiv calendar day of notAfter', async () => {
    // 14.12.2026 22:30 UTC is 15.12 00:30 in Kyiv: the certificate is valid all of the 14th, the
    // last day a re-issue can happen. 21:30 UTC is still the 14th in Kyiv: then it is too late.
    for (const [notAfter, accepted] of [
      ['2026-12-14T22:30:00Z', true],
      ['2026-12-14T21:30:00Z', false],
    ] as const) {
      const ready = await readyApplication();
      const person = await newPerson(test, demo.hospital.id, { notAfter: new Date(notAfter) });
      const request = await newRequest(test, ready.id, ready.serviceId, {
        identityCode: person.rnokpp,
        personId: person.id,
        isReissue: true,
        lastName: 'Реєстрова',
        firstAndMiddleName: 'Ганна Петрівна',
        status: 'signed',
      });
      const response = await submit(vo1, ready.id, MONDAY);
      if (accepted) {
        assert.equal(response.statusCode, 200, `${notAfter}: ${response.body}`);
      } else {
        const body = problem(response, 422, 'SUBMIT_REFUSED');
        assert.deepEqual(body.reasons, [
          `Запит №${request.number} (Реєстрова Ганна Петрівна): Сертифікат діє до 14.12.2026 — обрана дата продовження пізніша; повторна видача за існуючим ключем неможлива`,
        ]);
      }
    }
  });

  it('a revoked certificate cannot identify a re-issue', async () => {
    const ready = await readyApplication();
    const person = await newPerson(test, demo.hospital.id, { notAfter: new Date('2027-06-01T10:00:00Z'), status: 'revoked' });
    const request = await newRequest(test, ready.id, ready.serviceId, {
      identityCode: person.rnokpp,
      personId: person.id,
      isReissue: true,
      lastName: 'Реєстрова',
      firstAndMiddleName: 'Ганна Петрівна',
      status: 'signed',
    });
    const body = problem(await submit(vo1, ready.id), 422, 'SUBMIT_REFUSED');
    assert.deepEqual(body.reasons, [`Запит №${request.number} (Реєстрова Ганна Петрівна): Немає чинного сертифіката для повторної видачі`]);
  });

  it('a re-issue signed with a certificate that ends before the renewal day is a reason', async () => {
    // Шевченко's registered certificate lasts to 19.12, but the statement was signed with another
    // certificate of his that ends on 10.12: identification by that key fails on 14.12.
    const a = await applicationWithRequests('2879510270');
    const sent = await call(test.app, vo1, 'POST', `/api/requests/${a.reissueId}/send-for-signing`);
    assert.equal(sent.statusCode, 200, sent.body);
    const shortKey = await issuedKey(test, {
      identityCode: '2879510270',
      lastName: 'Шевченко',
      firstAndMiddleName: 'Андрій Іванович',
      notAfter: new Date('2026-12-10T12:00:00Z'),
    });
    await signRequest(test, vo1, a.reissueId, shortKey);
    const body = problem(await submit(vo1, a.id), 422, 'SUBMIT_REFUSED');
    assert.ok(
      body.reasons?.some((r) => /Шевченко.*сертифікат, яким підписано заяву, діє до 10\.12\.2026 — раніше дня продовження/.test(r)),
      JSON.stringify(body.reasons),
    );
  });

  it('a request identified by passport needs the passport copy only', async () => {
    const ready = await readyApplication();
    const request = await newRequest(test, ready.id, ready.serviceId, { identityCode: 'КВ123456', status: 'signed' });
    const body = problem(await submit(vo1, ready.id), 422, 'SUBMIT_REFUSED');
    assert.deepEqual(body.reasons, [`Запит №${request.number} (Іваненко Степан Григорович): не прикріплено «Завірена копія Паспорту»`]);
    await newDocument(test, { applicationId: ready.id, requestId: request.id, kind: 'passport_copy' });
    assert.equal((await submit(vo1, ready.id)).statusCode, 200);
  });

  it('an empty application, a past visit date and a contract no longer in force are reasons', async () => {
    const contract = await newContract(test, demo.hospital.id);
    const application = await newApplication(test, {
      organizationId: demo.hospital.id,
      contractId: contract.id,
      createdBy: demo.users.vo1,
      visitRequired: true,
      visitDate: '2026-12-01',
    });
    await newDocument(test, { applicationId: application.id, kind: 'employee_list' });
    await newDocument(test, { applicationId: application.id, kind: 'kdp_application' });
    await test.ctx.db.updateTable('contract').set({ is_active: false }).where('id', '=', contract.id).execute();
    const body = problem(await submit(vo1, application.id), 422, 'SUBMIT_REFUSED');
    assert.deepEqual(body.reasons, ['Дата виїзду в минулому', 'Контракт заявки не чинний', 'Додайте хоча б один запит на сертифікат']);
  });

  it('the renewal date must be a date (400 naming renewalDate)', async () => {
    const ready = await readyApplication();
    fieldProblem(await call(test.app, vo1, 'POST', `/api/applications/${ready.id}/submit`, {}), 'renewalDate');
    fieldProblem(await submit(vo1, ready.id, null), 'renewalDate');
    fieldProblem(await submit(vo1, ready.id, '14.12.2026'), 'renewalDate');
    fieldProblem(await submit(vo1, ready.id, '2026-12-32'), 'renewalDate');
    fieldProblem(await submit(vo1, ready.id, 20261214), 'renewalDate');
    assert.equal(await statusOf(ready.id), 'draft');
  });
});

/** Everything in place: a signed newcomer request with both copies, both application documents. */
async function readyApplication(values: { status?: 'draft' | 'rework' } = {}) {
  const contract = await newContract(test, demo.hospital.id);
  const application = await newApplication(test, {
    organizationId: demo.hospital.id,
    contractId: contract.id,
    createdBy: demo.users.vo1,
    status: values.status,
  });
  const request = await newRequest(test, application.id, contract.serviceId, { status: 'signed' });
  await newDocument(test, { applicationId: application.id, requestId: request.id, kind: 'passport_copy' });
  await newDocument(test, { applicationId: application.id, requestId: request.id, kind: 'tax_id_copy' });
  await newDocument(test, { applicationId: application.id, kind: 'employee_list' });
  await newDocument(test, { applicationId: application.id, kind: 'kdp_application' });
  return { id: application.id, number: application.number, serviceId: contract.serviceId, requestId: request.id };
}

describe('submit (ВІДПРАВИТИ)', () => {
  it('once everything is signed and attached: `Відправлено до eSign`, operators e-mailed, audited', async () => {
    // Шевченко's certificate ends on 19.12.2026: a renewal on 14.12 is still possible.
    const a = await applicationWithRequests('2879510270');
    const refused = problem(await submit(vo1, a.id), 422, 'SUBMIT_REFUSED');
    assert.equal(refused.reasons?.length, 6);

    // The employees sign through their links: the newcomer with a КЕП of their own, Шевченко with the demo key.
    for (const id of [a.newcomerId, a.reissueId]) {
      const sent = await call(test.app, vo1, 'POST', `/api/requests/${id}/send-for-signing`);
      assert.equal(sent.statusCode, 200, sent.body);
    }
    const newcomer = (await call(test.app, vo1, 'GET', `/api/requests/${a.newcomerId}`)).json() as { identityCode: string };
    await signRequest(test, vo1, a.newcomerId, await issuedKey(test, { identityCode: newcomer.identityCode }));
    await signRequest(test, vo1, a.reissueId, await demoKey(test, '2879510270'));
    for (const [url, name] of [
      [`/api/requests/${a.newcomerId}/documents/passport_copy`, 'passport.pdf'],
      [`/api/requests/${a.newcomerId}/documents/tax_id_copy`, 'ipn.pdf'],
      [`/api/applications/${a.id}/documents/employee_list`, 'list.pdf'],
    ]) {
      const uploaded = await upload(test.app, vo1, url, Buffer.concat([PDF_BYTES, Buffer.from(`% ${url}\n`)]), name);
      assert.equal(uploaded.statusCode, 201, uploaded.body);
    }
    const kdp = await uploadFiles(test.app, vo1, `/api/applications/${a.id}/documents/kdp_application`, {
      file: { bytes: await signedKdpApplication(test, PDF_BYTES), name: 'kdp.pdf.p7s' },
    });
    assert.equal(kdp.statusCode, 201, kdp.body);

    const response = await submit(vo1, a.id);
    assert.equal(response.statusCode, 200, response.body);
    const detail = response.json();
    assert.equal(detail.status, 'sent');
    assert.equal(applicationStatusLabel[detail.status as 'sent'], 'Відправлено до eSign');
    assert.equal(detail.renewalDate, MONDAY);
    assert.equal(detail.sentAt, TEST_NOW.toISOString());
    assert.equal(detail.canEdit, false);
    assert.deepEqual(
      detail.requests.map((r: { status: string }) => r.status),
      ['signed', 'signed'],
    );
    const shevchenko = detail.requests.find((r: { identityCode: string }) => r.identityCode === '2879510270');
    assert.equal(shevchenko.renewalWarning.level, 'warning');

    const listed = (await call(test.app, vo1, 'GET', '/api/applications?status=sent')).json().items;
    assert.ok(listed.some((x: { id: string }) => x.id === a.id));

    const mails = (await outboxRows(test, { to: OPERATOR_EMAIL })).filter((m) => m.subject.includes(a.number));
    assert.equal(mails.length, 1);
    assert.equal(mails[0].subject, `Заявка ${a.number} відправлена до eSign — КНП «Демонстраційна лікарня №1»`);
    assert.ok(mails[0].text_body.includes(`http://cabinet.test/applications/${a.id}`));
    assert.ok(mails[0].text_body.includes('14.12.2026'));
    assert.ok(mails[0].text_body.includes('Петренко Марія Іванівна'));
    assert.ok(mails[0].text_body.includes('01990016'));

    const audit = await auditRows(test, { event: 'APPLICATION_SENT', entityId: a.id });
    assert.equal(audit.length, 1);
    assert.equal(audit[0].actor_user_id, demo.users.vo1);
    assert.equal(audit[0].actor_role, 'responsible_person');
    assert.equal(audit[0].organization_id, demo.hospital.id);
    assert.deepEqual(audit[0].details, { renewalDate: MONDAY, requestCount: 2, notified: 1 });
  });

  it('an application back for rework can be sent again', async () => {
    const ready = await readyApplication({ status: 'rework' });
    const response = await submit(vo1, ready.id);
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json().status, 'sent');
  });

  it('another organization’s application is 404; the operator gets 404; nothing changes', async () => {
    const ready = await readyApplication();
    const counts = await rowCounts(test, ['email_outbox', 'audit_log']);
    problem(await submit(vo2, ready.id), 404, 'NOT_FOUND');
    problem(await submit(operator, ready.id), 404, 'NOT_FOUND');
    problem(await submit(vo1, '00000000-0000-4000-8000-000000000000'), 404, 'NOT_FOUND');
    assert.equal(await statusOf(ready.id), 'draft');
    assert.deepEqual(await rowCounts(test, ['email_outbox', 'audit_log']), counts);
  });
});

describe('after sending, everything is frozen (409)', () => {
  it('no second sending, edit, delete, new request, request change, signing, upload or document removal', async () => {
    const ready = await readyApplication();
    assert.equal((await submit(vo1, ready.id)).statusCode, 200);
    const counts = await rowCounts(test, ['application', 'certificate_request', 'document', 'email_outbox']);
    const doc = await test.ctx.db.selectFrom('document').select('id').where('application_id', '=', ready.id).executeTakeFirstOrThrow();
    const requestUpdate = requestBody(ready.serviceId, { identityCode: newRnokpp() });

    problem(await submit(vo1, ready.id), 409, 'INVALID_STATE');
    problem(
      await call(test.app, vo1, 'PUT', `/api/applications/${ready.id}`, {
        contractId: (await test.ctx.db.selectFrom('application').select('contract_id').where('id', '=', ready.id).executeTakeFirstOrThrow())
          .contract_id,
      }),
      409,
      'INVALID_STATE',
    );
    problem(await call(test.app, vo1, 'DELETE', `/api/applications/${ready.id}`), 409, 'INVALID_STATE');
    problem(
      await call(test.app, vo1, 'POST', `/api/applications/${ready.id}/requests`, requestBody(ready.serviceId)),
      409,
      'INVALID_STATE',
    );
    problem(await call(test.app, vo1, 'PUT', `/api/requests/${ready.requestId}`, requestUpdate), 409, 'INVALID_STATE');
    problem(await call(test.app, vo1, 'DELETE', `/api/requests/${ready.requestId}`), 409, 'INVALID_STATE');
    problem(await call(test.app, vo1, 'POST', `/api/requests/${ready.requestId}/send-for-signing`), 409, 'INVALID_STATE');
    problem(await upload(test.app, vo1, `/api/applications/${ready.id}/documents/employee_list`, PDF_BYTES), 409, 'INVALID_STATE');
    problem(await upload(test.app, vo1, `/api/requests/${ready.requestId}/documents/passport_copy`, PDF_BYTES), 409, 'INVALID_STATE');
    problem(await call(test.app, vo1, 'DELETE', `/api/documents/${doc.id}`), 409, 'INVALID_STATE');

    assert.equal(await statusOf(ready.id), 'sent');
    assert.deepEqual(await rowCounts(test, ['application', 'certificate_request', 'document', 'email_outbox']), counts);
    const detail = (await call(test.app, vo1, 'GET', `/api/requests/${ready.requestId}`)).json();
    assert.equal(detail.canEdit, false);
    assert.equal(detail.applicationStatus, 'sent');
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { lockApplication, transitionApplication } from '../../src/server/repositories/application.repository';
import { call, createTestApp, login, PDF_BYTES, type Session, type TestApp, upload, VO1 } from '../support/app';
import {
  auditRows,
  type Demo,
  demoData,
  newApplication,
  newContract,
  newDocument,
  newRequest,
  newRnokpp,
  outboxRows,
  requestBody,
} from '../support/factories';
import { signedKdpApplication, uploadFiles } from '../support/signing';

// On PostgreSQL these calls really run in parallel (a pool of 25 connections); on PGlite they
// queue for its one session. Either way the outcome must be the same.

let test: TestApp;
let demo: Demo;
let vo1: Session;

before(async () => {
  test = await createTestApp();
  demo = await demoData(test);
  vo1 = await login(test.app, VO1);
});
after(() => test.close());

function statuses(responses: Array<{ statusCode: number }>): number[] {
  return responses.map((r) => r.statusCode).sort();
}

describe('concurrency', () => {
  it('20 applications created at once get 20 distinct numbers MMYYYY/1..20, with no gaps', async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        call(test.app, vo1, 'POST', '/api/applications', { organizationId: demo.hospital.id, contractId: demo.hospital.contractId }),
      ),
    );
    for (const r of responses) assert.equal(r.statusCode, 201, r.body);
    const numbers = responses.map((r) => r.json().number as string);
    assert.deepEqual(
      [...numbers].sort((a, b) => Number(a.split('/')[1]) - Number(b.split('/')[1])),
      Array.from({ length: 20 }, (_, i) => `122026/${i + 1}`),
    );
    const rows = await test.ctx.db.selectFrom('application').select(['id', 'number']).execute();
    assert.equal(rows.length, 20);
    assert.equal(new Set(rows.map((r) => r.id)).size, 20);
    const counter = await test.ctx.db
      .selectFrom('application_counter')
      .selectAll()
      .where('period', '=', '122026')
      .executeTakeFirstOrThrow();
    assert.equal(counter.last_value, 20);
    assert.equal((await auditRows(test, { event: 'APPLICATION_CREATED' })).length, 20);
  });

  it('the last place under a contract goes to one request only, across applications', async () => {
    for (let round = 0; round < 5; round++) {
      const contract = await newContract(test, demo.hospital.id, { quantity: 10 });
      const full = await newApplication(test, { organizationId: demo.hospital.id, contractId: contract.id, createdBy: demo.users.vo1 });
      for (let i = 0; i < 9; i++) await newRequest(test, full.id, contract.serviceId);
      const targets = await Promise.all(
        [0, 1, 2].map(() => newApplication(test, { organizationId: demo.hospital.id, contractId: contract.id, createdBy: demo.users.vo1 })),
      );
      const responses = await Promise.all(
        targets.map((a) => call(test.app, vo1, 'POST', `/api/applications/${a.id}/requests`, requestBody(contract.serviceId))),
      );
      assert.deepEqual(statuses(responses), [201, 422, 422], responses.map((r) => r.body).join('\n'));
      const used = await test.ctx.db
        .selectFrom('certificate_request')
        .innerJoin('application', 'application.id', 'certificate_request.application_id')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('application.contract_id', '=', contract.id)
        .executeTakeFirstOrThrow();
      assert.equal(Number(used.n), 10);
    }
  });

  it('the same person added twice at once: one request, the other 400 identityCode', async () => {
    const contract = await newContract(test, demo.hospital.id);
    const application = await newApplication(test, {
      organizationId: demo.hospital.id,
      contractId: contract.id,
      createdBy: demo.users.vo1,
    });
    const body = requestBody(contract.serviceId, { identityCode: newRnokpp() });
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => call(test.app, vo1, 'POST', `/api/applications/${application.id}/requests`, body)),
    );
    assert.deepEqual(statuses(responses), [201, 400, 400, 400, 400], responses.map((r) => r.body).join('\n'));
    for (const r of responses.filter((x) => x.statusCode === 400)) assert.equal(r.json().errors[0].field, 'identityCode');
    const numbers = (
      await test.ctx.db.selectFrom('certificate_request').select('number').where('application_id', '=', application.id).execute()
    ).map((r) => r.number);
    assert.deepEqual(numbers, [1]);
  });

  it('two requests changed at once to the same person: one saved, the other 400 identityCode', async () => {
    const contract = await newContract(test, demo.hospital.id);
    const application = await newApplication(test, {
      organizationId: demo.hospital.id,
      contractId: contract.id,
      createdBy: demo.users.vo1,
    });
    const first = await newRequest(test, application.id, contract.serviceId);
    const second = await newRequest(test, application.id, contract.serviceId);
    const code = newRnokpp();
    const responses = await Promise.all(
      [first, second].map((r) =>
        call(test.app, vo1, 'PUT', `/api/requests/${r.id}`, requestBody(contract.serviceId, { identityCode: code })),
      ),
    );
    assert.deepEqual(statuses(responses), [200, 400], responses.map((r) => r.body).join('\n'));
    assert.equal(responses.find((r) => r.statusCode === 400)?.json().errors[0].field, 'identityCode');
  });

  it('requests added at once to one application are numbered 1..N', async () => {
    const contract = await newContract(test, demo.hospital.id);
    const application = await newApplication(test, {
      organizationId: demo.hospital.id,
      contractId: contract.id,
      createdBy: demo.users.vo1,
    });
    const responses = await Promise.all(
      Array.from({ length: 8 }, () =>
        call(test.app, vo1, 'POST', `/api/applications/${application.id}/requests`, requestBody(contract.serviceId)),
      ),
    );
    for (const r of responses) assert.equal(r.statusCode, 201, r.body);
    assert.deepEqual(
      responses.map((r) => r.json().number).sort((a, b) => a - b),
      [1, 2, 3, 4, 5, 6, 7, 8],
    );
  });

  it('an application sent five times at once is sent once: one notice, one audit row', async () => {
    const contract = await newContract(test, demo.hospital.id);
    const application = await newApplication(test, {
      organizationId: demo.hospital.id,
      contractId: contract.id,
      createdBy: demo.users.vo1,
    });
    const request = await newRequest(test, application.id, contract.serviceId, { status: 'signed' });
    for (const kind of ['passport_copy', 'tax_id_copy'])
      await newDocument(test, { applicationId: application.id, requestId: request.id, kind });
    for (const kind of ['employee_list', 'kdp_application']) await newDocument(test, { applicationId: application.id, kind });

    const responses = await Promise.all(
      Array.from({ length: 5 }, () =>
        call(test.app, vo1, 'POST', `/api/applications/${application.id}/submit`, { renewalDate: '2026-12-14' }),
      ),
    );
    assert.deepEqual(statuses(responses), [200, 409, 409, 409, 409], responses.map((r) => r.body).join('\n'));
    assert.equal((await auditRows(test, { event: 'APPLICATION_SENT', entityId: application.id })).length, 1);
    const notices = (await outboxRows(test, { to: 'operator@example.com' })).filter((m) => m.subject.includes(`${application.number} `));
    assert.equal(notices.length, 1);
  });

  it('a draft deleted three times at once is deleted once; the others are refused, never a 500', async () => {
    const application = await newApplication(test, {
      organizationId: demo.hospital.id,
      contractId: demo.hospital.contractId,
      createdBy: demo.users.vo1,
    });
    const responses = await Promise.all(
      Array.from({ length: 3 }, () => call(test.app, vo1, 'DELETE', `/api/applications/${application.id}`)),
    );
    const codes = statuses(responses);
    assert.equal(codes.filter((c) => c === 200).length, 1, responses.map((r) => r.body).join('\n'));
    assert.ok(
      codes.every((c) => c === 200 || c === 404 || c === 409),
      codes.join(),
    );
    assert.equal((await auditRows(test, { event: 'APPLICATION_DELETED', entityId: application.id })).length, 1);
  });

  it('sending one request for signing three times at once leaves one live link per success, never a 500', async () => {
    const contract = await newContract(test, demo.hospital.id);
    const application = await newApplication(test, {
      organizationId: demo.hospital.id,
      contractId: contract.id,
      createdBy: demo.users.vo1,
    });
    const request = await newRequest(test, application.id, contract.serviceId, { email: 'race.signing@example.com' });
    const responses = await Promise.all(
      Array.from({ length: 3 }, () => call(test.app, vo1, 'POST', `/api/requests/${request.id}/send-for-signing`)),
    );
    const codes = statuses(responses);
    assert.ok(
      codes.every((c) => c === 200 || c === 409),
      codes.join(),
    );
    const successes = codes.filter((c) => c === 200).length;
    assert.ok(successes >= 1);
    assert.equal((await outboxRows(test, { to: 'race.signing@example.com' })).length, successes);
    const row = await test.ctx.db
      .selectFrom('certificate_request')
      .select(['status', 'signing_id'])
      .where('id', '=', request.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.status, 'awaiting_signature');
    const latest = (await outboxRows(test, { to: 'race.signing@example.com' })).map((m) => m.subject);
    assert.ok(latest.includes(`Підпис файлу ${row.signing_id}`));
  });
});

describe('documents', () => {
  it('five uploads to one slot at once leave one file in it', async () => {
    const application = await newApplication(test);
    const responses = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        upload(
          test.app,
          vo1,
          `/api/applications/${application.id}/documents/employee_list`,
          Buffer.concat([PDF_BYTES, Buffer.from(`% ${i}\n`)]),
        ),
      ),
    );
    for (const r of responses) assert.equal(r.statusCode, 201, r.body);
    const rows = await test.ctx.db
      .selectFrom('document')
      .select('id')
      .where('application_id', '=', application.id)
      .where('kind', '=', 'employee_list')
      .execute();
    assert.equal(rows.length, 1);
  });
});

describe('changes racing the sending of the application', () => {
  /**
   * Holds the application's row lock the way `submit` does while it checks, runs `change` against
   * it, then marks the application sent and commits. A change that honours the lock waits and then
   * finds the application sent (409); one that ignores it slips in under the check.
   */
  async function raceWithSending(applicationId: string, change: () => Promise<{ statusCode: number; body: string }>) {
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let taken!: () => void;
    const lockTaken = new Promise<void>((resolve) => {
      taken = resolve;
    });
    const sending = test.ctx.db.transaction().execute(async (trx) => {
      await lockApplication(trx, applicationId);
      taken();
      await released;
      await transitionApplication(trx, applicationId, ['draft'], {
        status: 'sent',
        renewal_date: '2026-12-14',
        sent_at: test.ctx.now(),
        updated_at: test.ctx.now(),
      });
    });
    await lockTaken;
    const changing = change();
    // Long enough for a change that ignores the lock to finish (it needs a few milliseconds).
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    await sending;
    return changing;
  }

  async function sentApplicationFixture() {
    const contract = await newContract(test, demo.hospital.id);
    const application = await newApplication(test, {
      organizationId: demo.hospital.id,
      contractId: contract.id,
      createdBy: demo.users.vo1,
    });
    const request = await newRequest(test, application.id, contract.serviceId, {
      status: 'signed',
      email: `race.${application.number.replace('/', '-')}@example.com`,
    });
    const document = await newDocument(test, { applicationId: application.id, kind: 'employee_list' });
    return { contract, application, request, document };
  }

  it('editing a request waits for the sending and is then refused (409)', async () => {
    const { contract, application, request } = await sentApplicationFixture();
    const response = await raceWithSending(application.id, () =>
      call(
        test.app,
        vo1,
        'PUT',
        `/api/requests/${request.id}`,
        requestBody(contract.serviceId, { identityCode: request.identity_code, position: 'Інша посада' }),
      ),
    );
    assert.equal(response.statusCode, 409, response.body);
    const row = await test.ctx.db
      .selectFrom('certificate_request')
      .select(['status', 'position'])
      .where('id', '=', request.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { status: 'signed', position: 'Лікар-терапевт' });
  });

  it('deleting a request waits for the sending and is then refused (409)', async () => {
    const { application, request } = await sentApplicationFixture();
    const response = await raceWithSending(application.id, () => call(test.app, vo1, 'DELETE', `/api/requests/${request.id}`));
    assert.equal(response.statusCode, 409, response.body);
    assert.ok(await test.ctx.db.selectFrom('certificate_request').select('id').where('id', '=', request.id).executeTakeFirst());
  });

  it('sending a request for signing waits for the sending and is then refused (409), with no letter', async () => {
    const contract = await newContract(test, demo.hospital.id);
    const application = await newApplication(test, {
      organizationId: demo.hospital.id,
      contractId: contract.id,
      createdBy: demo.users.vo1,
    });
    const request = await newRequest(test, application.id, contract.serviceId, { email: 'race.sign.sent@example.com' });
    const response = await raceWithSending(application.id, () =>
      call(test.app, vo1, 'POST', `/api/requests/${request.id}/send-for-signing`),
    );
    assert.equal(response.statusCode, 409, response.body);
    assert.equal((await outboxRows(test, { to: 'race.sign.sent@example.com' })).length, 0);
  });

  it('uploading a document waits for the sending and is then refused (409)', async () => {
    const { application } = await sentApplicationFixture();
    const signed = await signedKdpApplication(test, PDF_BYTES);
    const response = await raceWithSending(application.id, () =>
      uploadFiles(test.app, vo1, `/api/applications/${application.id}/documents/kdp_application`, {
        file: { bytes: signed, name: 'kdp.p7s' },
      }),
    );
    assert.equal(response.statusCode, 409, response.body);
    const kinds = (await test.ctx.db.selectFrom('document').select('kind').where('application_id', '=', application.id).execute()).map(
      (d) => d.kind,
    );
    assert.deepEqual(kinds, ['employee_list']);
  });

  it('removing a document waits for the sending and is then refused (409)', async () => {
    const { application, document } = await sentApplicationFixture();
    const response = await raceWithSending(application.id, () => call(test.app, vo1, 'DELETE', `/api/documents/${document.id}`));
    assert.equal(response.statusCode, 409, response.body);
    assert.ok(await test.ctx.db.selectFrom('document').select('id').where('id', '=', document.id).executeTakeFirst());
  });

  it('editing the application waits for the sending and is then refused (409)', async () => {
    const { contract, application } = await sentApplicationFixture();
    const response = await raceWithSending(application.id, () =>
      call(test.app, vo1, 'PUT', `/api/applications/${application.id}`, {
        contractId: contract.id,
        visitRequired: true,
        visitDate: '2026-12-09',
      }),
    );
    assert.equal(response.statusCode, 409, response.body);
  });
});

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEMO } from '../../src/server/demo/seed';
import type { RequestDetail } from '../../src/shared/contracts/requests';
import type { ApplicationReview, Inbox, PublicCertificate } from '../../src/shared/contracts/review';
import { toPem } from '../../src/shared/crypto/bytes';
import { x509 } from '../../src/shared/crypto/engine';
import { call, createTestApp, login, OPERATOR, PDF_BYTES, type Session, type TestApp, upload, VO1 } from '../support/app';
import { auditRows, demoData, newApplication, newContract, newRequest, outboxRows, problem, requestBody } from '../support/factories';
import { runJobsUntilIdle } from '../support/renewal';
import { demoKey, signedKdpApplication, signRequest, uploadFiles } from '../support/signing';

const RENEWAL_DAY = '2026-12-14';
const person = (rnokpp: string) =>
  DEMO.people.find((p) => p.rnokpp === rnokpp) ??
  (() => {
    throw new Error(rnokpp);
  })();
const SHEVCHENKO = person('2879510270');
const BONDARENKO = person('3304844106');
const MELNYK = person('2521131334');

describe('the renewal, from ВІДПРАВИТИ to issued certificates', () => {
  let test: TestApp;
  let vo: Session;
  let operator: Session;
  let applicationId: string;
  const requestIds: Record<string, string> = {};
  let dir: string;

  before(async () => {
    test = await createTestApp();
    vo = await login(test.app, VO1);
    operator = await login(test.app, OPERATOR);
    dir = mkdtempSync(path.join(tmpdir(), 'kep-renewal-'));
    const demo = await demoData(test);
    const contract = await newContract(test, demo.hospital.id);
    const created = await call(test.app, vo, 'POST', '/api/applications', { organizationId: demo.hospital.id, contractId: contract.id });
    applicationId = created.json().id;
    for (const [p, keyStorage] of [
      [SHEVCHENKO, 'cloud'],
      [BONDARENKO, 'cloud'],
      [MELNYK, 'token'],
    ] as const) {
      const response = await call(
        test.app,
        vo,
        'POST',
        `/api/applications/${applicationId}/requests`,
        requestBody(contract.serviceId, {
          identityCode: p.rnokpp,
          isReissue: true,
          lastName: p.lastName,
          firstAndMiddleName: p.firstAndMiddleName,
          department: p.department,
          position: p.position,
          email: p.email,
          keyStorage,
        }),
      );
      assert.equal(response.statusCode, 201, response.body);
      requestIds[p.rnokpp] = response.json().id;
      assert.equal((await call(test.app, vo, 'POST', `/api/requests/${response.json().id}/send-for-signing`)).statusCode, 200);
    }
    await signRequest(test, vo, requestIds[SHEVCHENKO.rnokpp] as string, await demoKey(test, SHEVCHENKO.rnokpp));
    await signRequest(test, vo, requestIds[BONDARENKO.rnokpp] as string, await demoKey(test, BONDARENKO.rnokpp));
    // Мельник keeps his key on a token: its software made the PKCS#10 (OpenSSL here).
    execFileSync('openssl', [
      'req',
      '-new',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      path.join(dir, 'token.key'),
      '-subj',
      `/serialNumber=TINUA-${MELNYK.rnokpp}/CN=Melnyk`,
      '-outform',
      'DER',
      '-out',
      path.join(dir, 'token.csr'),
    ]);
    await signRequest(test, vo, requestIds[MELNYK.rnokpp] as string, await demoKey(test, MELNYK.rnokpp), {
      csr: new Uint8Array(readFileSync(path.join(dir, 'token.csr'))),
    });
    await upload(test.app, vo, `/api/applications/${applicationId}/documents/employee_list`, PDF_BYTES);
    await uploadFiles(test.app, vo, `/api/applications/${applicationId}/documents/kdp_application`, {
      file: { bytes: await signedKdpApplication(test, PDF_BYTES), name: 'kdp.p7s' },
    });
    const sent = await call(test.app, vo, 'POST', `/api/applications/${applicationId}/submit`, { renewalDate: RENEWAL_DAY });
    assert.equal(sent.statusCode, 200, sent.body);
  });
  after(async () => {
    await test.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const review = async () =>
    (await call(test.app, operator, 'GET', `/api/operator/applications/${applicationId}`)).json() as ApplicationReview;

  it('the operator’s inbox shows it with its counts; the review has each signature report and the warnings', async () => {
    const inbox = (await call(test.app, operator, 'GET', '/api/operator/inbox?status=sent')).json() as Inbox;
    const item = inbox.items.find((i) => i.id === applicationId);
    assert.ok(item);
    assert.deepEqual([item.requestCount, item.signedCount, item.rejectedCount, item.issuedCount], [3, 3, 0, 0]);
    assert.ok((inbox.counts.sent ?? 0) >= 1);
    const r = await review();
    assert.equal(r.requests.length, 3);
    for (const request of r.requests) {
      const statement = request.documents.find((d) => d.kind === 'signed_statement');
      assert.equal(statement?.signature?.subjectSerialNumber, `TINUA-${request.identityCode}`);
    }
    assert.deepEqual(r.acceptBlockers, []);
    assert.equal(r.progress.state, 'none');
  });

  it('a ВО gets 404 on every operator route', async () => {
    for (const [method, url] of [
      ['GET', '/api/operator/inbox'],
      ['GET', `/api/operator/applications/${applicationId}`],
      ['POST', `/api/operator/applications/${applicationId}/accept`],
      ['POST', `/api/operator/applications/${applicationId}/run`],
      ['POST', `/api/operator/requests/${requestIds[SHEVCHENKO.rnokpp]}/reject`],
      ['GET', '/api/operator/certificates'],
      ['GET', '/api/operator/settings'],
    ] as const) {
      problem(await call(test.app, vo, method, url, method === 'POST' ? {} : undefined), 404, 'NOT_FOUND');
    }
  });

  it('rejecting a request: ВІДХИЛЕНО with the reason for the ВО, who corrects it and has it signed again', async () => {
    const id = requestIds[SHEVCHENKO.rnokpp] as string;
    const rejected = await call(test.app, operator, 'POST', `/api/operator/requests/${id}/reject`, {
      reason: 'Посада не збігається з наказом',
    });
    assert.equal(rejected.statusCode, 200, rejected.body);
    const mail = await outboxRows(test, { to: DEMO.users[0].email });
    assert.ok(mail.some((m) => m.subject.includes('ВІДХИЛЕНО')));
    let detail = (await call(test.app, vo, 'GET', `/api/requests/${id}`)).json() as RequestDetail;
    assert.equal(detail.status, 'rejected');
    assert.equal(detail.rejectionReason, 'Посада не збігається з наказом');
    assert.equal(detail.canEdit, true);
    // While one request is being corrected, the application cannot be accepted.
    const demo = await demoData(test);
    const edited = await call(
      test.app,
      vo,
      'PUT',
      `/api/requests/${id}`,
      requestBody(demo.hospital.serviceId, {
        identityCode: SHEVCHENKO.rnokpp,
        isReissue: true,
        lastName: SHEVCHENKO.lastName,
        firstAndMiddleName: SHEVCHENKO.firstAndMiddleName,
        department: SHEVCHENKO.department,
        position: 'Завідувач хірургічного відділення',
        email: SHEVCHENKO.email,
      }),
    );
    assert.equal(edited.statusCode, 200, edited.body);
    const blocked = problem(
      await call(test.app, operator, 'POST', `/api/operator/applications/${applicationId}/accept`, { renewalDate: RENEWAL_DAY }),
      422,
      'SUBMIT_REFUSED',
    );
    assert.ok(blocked.reasons?.some((r) => r.includes('Шевченко')));
    assert.equal((await call(test.app, vo, 'POST', `/api/requests/${id}/send-for-signing`)).statusCode, 200);
    await signRequest(test, vo, id, await demoKey(test, SHEVCHENKO.rnokpp));
    detail = (await call(test.app, vo, 'GET', `/api/requests/${id}`)).json() as RequestDetail;
    assert.equal(detail.status, 'signed');
    // The new position differs from the current certificate: the operator is warned.
    const warnings = (await review()).requests.find((r) => r.id === id)?.warnings ?? [];
    assert.ok(
      warnings.some((w) => w.code === 'DATA_CHANGED' && w.message.includes('посада')),
      JSON.stringify(warnings),
    );
    assert.equal((await auditRows(test, { event: 'REQUEST_REJECTED', entityId: id })).length, 1);
  });

  it('accepting with the date schedules the renewal for 00:05 Kyiv time that day; nothing is issued before', async () => {
    const accepted = await call(test.app, operator, 'POST', `/api/operator/applications/${applicationId}/accept`, {
      renewalDate: RENEWAL_DAY,
    });
    assert.equal(accepted.statusCode, 200, accepted.body);
    const r = accepted.json() as ApplicationReview;
    assert.equal(r.application.status, 'accepted');
    assert.equal(r.progress.state, 'scheduled');
    assert.equal(r.progress.runAt, '2026-12-13T22:05:00.000Z');
    assert.equal(r.progress.total, 3);
    assert.equal(await runJobsUntilIdle(test), 0, 'the jobs wait for their day');
    problem(
      await call(test.app, operator, 'POST', `/api/operator/applications/${applicationId}/accept`, { renewalDate: RENEWAL_DAY }),
      409,
      'INVALID_STATE',
    );
    problem(
      await call(test.app, operator, 'POST', `/api/operator/requests/${requestIds[BONDARENKO.rnokpp]}/reject`, { reason: 'Пізно' }),
      409,
      'INVALID_STATE',
    );
  });

  it('running it now issues every certificate once; the application is Виконано and people are told', async () => {
    const started = await call(test.app, operator, 'POST', `/api/operator/applications/${applicationId}/run`);
    assert.equal(started.statusCode, 200, started.body);
    assert.equal(await runJobsUntilIdle(test), 3);
    assert.equal(await runJobsUntilIdle(test), 0);
    const r = await review();
    assert.equal(r.application.status, 'completed');
    assert.deepEqual([r.progress.state, r.progress.issued, r.progress.failed], ['done', 3, 0]);
    assert.ok(r.requests.every((q) => q.status === 'issued' && q.certificate));
    const certificates = await test.ctx.db.selectFrom('certificate').selectAll().where('request_id', 'is not', null).execute();
    assert.equal(certificates.length, 3);
    for (const p of [SHEVCHENKO, BONDARENKO, MELNYK]) {
      assert.ok((await outboxRows(test, { to: p.email })).some((m) => m.subject.startsWith('Ваш сертифікат сформовано')));
    }
    assert.ok((await outboxRows(test, { to: DEMO.users[0].email })).some((m) => m.subject.includes('виконано')));
  });

  it('each certificate verifies with openssl against the chain and carries the subject profile exactly', async () => {
    const r = await review();
    writeFileSync(path.join(dir, 'root.pem'), toPem('CERTIFICATE', new Uint8Array(test.ctx.ca.root.rawData)));
    writeFileSync(path.join(dir, 'issuing.pem'), toPem('CERTIFICATE', new Uint8Array(test.ctx.ca.issuing.rawData)));
    const attime = String(Math.floor(new Date('2026-12-15T12:00:00Z').getTime() / 1000));
    for (const request of r.requests) {
      const row = await test.ctx.db.selectFrom('certificate').selectAll().where('request_id', '=', request.id).executeTakeFirstOrThrow();
      const file = path.join(dir, `${row.serial}.pem`);
      writeFileSync(file, toPem('CERTIFICATE', new Uint8Array(row.der ?? [])));
      const verified = execFileSync('openssl', [
        'verify',
        '-attime',
        attime,
        '-CAfile',
        path.join(dir, 'root.pem'),
        '-untrusted',
        path.join(dir, 'issuing.pem'),
        file,
      ]).toString();
      assert.match(verified, /: OK/);
      const text = execFileSync('openssl', ['x509', '-in', file, '-noout', '-text', '-nameopt', 'utf8,sep_comma_plus']).toString();
      const expected = `O=${DEMO.organizations[0].name},OU=${request.department},title=${request.position},CN=${request.lastName} ${request.firstAndMiddleName},SN=${request.lastName},GN=${request.firstAndMiddleName},serialNumber=TINUA-${request.identityCode},C=UA,L=${request.locality},organizationIdentifier=NTRUA-${DEMO.organizations[0].edrpou}`;
      assert.ok(text.includes(`Subject: ${expected}`), text);
      assert.match(text, /Not Before: Dec 13 22:00:00 2026 GMT/);
      assert.match(text, /Not After : Dec 13 21:59:59 2027 GMT/);
      assert.match(text, /Digital Signature, Non Repudiation/);
      assert.match(text, /X509v3 CRL Distribution Points/);
      assert.match(text, /X509v3 Certificate Policies:\s+Policy: 1\.2\.804\.2\.1\.1\.1\.2\.2\s+Policy: 0\.4\.0\.194112\.1\.2/);
      assert.match(text, /qcStatements|1\.3\.6\.1\.5\.5\.7\.1\.3/);
      assert.equal(row.identification, 'remote');
      assert.equal(row.remote_chain, 1);
    }
  });

  it('keys: a cloud key is made by the provider and kept sealed; a token key is the one in the PKCS#10', async () => {
    for (const rnokpp of [SHEVCHENKO.rnokpp, BONDARENKO.rnokpp]) {
      const file = path.join(test.dataDir, 'keystore', `${requestIds[rnokpp]}.key.json`);
      assert.ok(existsSync(file));
      assert.doesNotMatch(readFileSync(file, 'utf8'), /PRIVATE KEY|"d"/);
    }
    const melnyk = await test.ctx.db
      .selectFrom('certificate')
      .selectAll()
      .where('request_id', '=', requestIds[MELNYK.rnokpp] as string)
      .executeTakeFirstOrThrow();
    const issued = new x509.X509Certificate(new Uint8Array(melnyk.der ?? []));
    const csr = new x509.Pkcs10CertificateRequest(new Uint8Array(readFileSync(path.join(dir, 'token.csr'))));
    assert.deepEqual(new Uint8Array(issued.publicKey.rawData), new Uint8Array(csr.publicKey.rawData));
  });

  it('the ВО and the employee download the certificate; the directory finds published ones without any РНОКПП', async () => {
    const detail = (await call(test.app, vo, 'GET', `/api/requests/${requestIds[BONDARENKO.rnokpp]}`)).json() as RequestDetail;
    assert.equal(detail.status, 'issued');
    const url = new URL(detail.issuedCertificate?.downloadUrl ?? '');
    const file = await test.app.inject({ url: url.pathname });
    assert.equal(file.statusCode, 200);
    assert.equal(new x509.X509Certificate(new Uint8Array(file.rawPayload)).serialNumber.toUpperCase(), detail.issuedCertificate?.serial);
    problem(await test.app.inject({ url: `${url.pathname.slice(0, -3)}xyz` }), 404, 'NOT_FOUND');

    const found = await test.app.inject({ url: `/api/public/certificates?q=${encodeURIComponent('Бондаренко')}` });
    const items = (found.json() as { items: PublicCertificate[] }).items;
    assert.ok(items.some((c) => c.serial === detail.issuedCertificate?.serial));
    assert.doesNotMatch(found.body, new RegExp(BONDARENKO.rnokpp));
    const cer = await test.app.inject({ url: `/api/public/certificates/${detail.issuedCertificate?.serial}.pem` });
    assert.match(cer.body, /BEGIN CERTIFICATE/);
    problem(await test.app.inject({ url: '/api/public/certificates?q=ab' }), 400, 'VALIDATION_FAILED');
  });

  it('revoking a certificate puts it on the CRL with its reason; a ВО may not revoke', async () => {
    const r = await review();
    const certificate = r.requests[0]?.certificate;
    assert.ok(certificate);
    problem(await call(test.app, vo, 'POST', `/api/operator/certificates/${certificate.id}/revoke`, { reasonCode: 1 }), 404, 'NOT_FOUND');
    problem(
      await call(test.app, operator, 'POST', `/api/operator/certificates/${certificate.id}/revoke`, { reasonCode: 7 }),
      400,
      'VALIDATION_FAILED',
    );
    const revoked = await call(test.app, operator, 'POST', `/api/operator/certificates/${certificate.id}/revoke`, { reasonCode: 1 });
    assert.equal(revoked.statusCode, 200, revoked.body);
    assert.equal(revoked.json().status, 'revoked');
    problem(
      await call(test.app, operator, 'POST', `/api/operator/certificates/${certificate.id}/revoke`, { reasonCode: 1 }),
      409,
      'INVALID_STATE',
    );
    const crl = new x509.X509Crl(new Uint8Array((await test.app.inject({ url: '/ca/issuing.crl' })).rawPayload));
    const entry = crl.findRevoked(certificate.serial.toLowerCase()) ?? crl.findRevoked(certificate.serial);
    assert.equal(entry?.reason, 1);
    const registry = (await call(test.app, operator, 'GET', '/api/operator/certificates?status=revoked')).json() as {
      items: { id: string }[];
    };
    assert.ok(registry.items.some((c) => c.id === certificate.id));
  });

  it('a second remote re-issue in a row is blocked by the policy until the operator allows more', async () => {
    const demo = await demoData(test);
    const contract = await newContract(test, demo.hospital.id);
    const application = await newApplication(test, { contractId: contract.id, status: 'sent', renewalDate: '2027-11-15' });
    const melnyk = demo.people[MELNYK.rnokpp];
    await newRequest(test, application.id, contract.serviceId, {
      identityCode: MELNYK.rnokpp,
      personId: melnyk?.id,
      isReissue: true,
      lastName: MELNYK.lastName,
      firstAndMiddleName: MELNYK.firstAndMiddleName,
      status: 'signed',
    });
    const get = async () =>
      (await call(test.app, operator, 'GET', `/api/operator/applications/${application.id}`)).json() as ApplicationReview;
    const warnings = (await get()).requests[0]?.warnings ?? [];
    assert.ok(
      warnings.some((w) => w.code === 'REMOTE_LIMIT'),
      JSON.stringify(warnings),
    );
    assert.ok((await get()).acceptBlockers.some((b) => b.includes('особиста ідентифікація')));
    assert.equal((await call(test.app, operator, 'GET', '/api/operator/settings')).json().remoteReissueLimit, 1);
    const changed = await call(test.app, operator, 'PUT', '/api/operator/settings', { remoteReissueLimit: 2 });
    assert.equal(changed.json().remoteReissueLimit, 2);
    assert.equal(
      (await get()).requests[0]?.warnings.some((w) => w.code === 'REMOTE_LIMIT'),
      false,
    );
    problem(await call(test.app, operator, 'PUT', '/api/operator/settings', { remoteReissueLimit: 9 }), 400, 'VALIDATION_FAILED');
    assert.equal((await auditRows(test, { event: 'SETTINGS_UPDATED' })).length, 1);
  });
});

describe('a renewal that cannot issue for a request', () => {
  let test: TestApp;
  let operator: Session;
  before(async () => {
    test = await createTestApp();
    operator = await login(test.app, OPERATOR);
  });
  after(() => test.close());

  it('records the reason as a failure, issues the rest, and stays Прийнято until it is dealt with', async () => {
    const demo = await demoData(test);
    const contract = await newContract(test, demo.hospital.id);
    const application = await newApplication(test, { contractId: contract.id, status: 'sent', renewalDate: RENEWAL_DAY });
    const good = await newRequest(test, application.id, contract.serviceId, {
      status: 'signed',
      lastName: 'Петренко',
      firstAndMiddleName: 'Іван Іванович',
    });
    const token = await newRequest(test, application.id, contract.serviceId, {
      status: 'signed',
      lastName: 'Сидоренко',
      firstAndMiddleName: 'Петро Петрович',
    });
    // A token request whose PKCS#10 never arrived (e.g. data restored from an old backup).
    await test.ctx.db.updateTable('certificate_request').set({ key_storage: 'token' }).where('id', '=', token.id).execute();
    const accepted = await call(test.app, operator, 'POST', `/api/operator/applications/${application.id}/accept`, {
      renewalDate: RENEWAL_DAY,
    });
    assert.equal(accepted.statusCode, 200, accepted.body);
    await call(test.app, operator, 'POST', `/api/operator/applications/${application.id}/run`);
    await runJobsUntilIdle(test);
    const progress = (await call(test.app, operator, 'GET', `/api/operator/applications/${application.id}/progress`)).json();
    assert.deepEqual([progress.issued, progress.failed, progress.total], [1, 1, 2]);
    assert.equal(progress.failures[0].requestId, token.id);
    assert.match(progress.failures[0].error, /Немає запиту PKCS#10/);
    const r = (await call(test.app, operator, 'GET', `/api/operator/applications/${application.id}`)).json() as ApplicationReview;
    assert.equal(r.application.status, 'accepted');
    assert.equal(r.requests.find((q) => q.id === good.id)?.status, 'issued');
    // Starting again retries the failed one (and it fails again, for the same reason, without a second certificate for the other).
    await call(test.app, operator, 'POST', `/api/operator/applications/${application.id}/run`);
    await runJobsUntilIdle(test);
    const again = (await call(test.app, operator, 'GET', `/api/operator/applications/${application.id}/progress`)).json();
    assert.deepEqual([again.issued, again.failed], [1, 1]);
    const certificates = await test.ctx.db.selectFrom('certificate').select('id').where('request_id', 'in', [good.id, token.id]).execute();
    assert.equal(certificates.length, 1);
  });
});

describe('ПОВЕРНУТИ НА ДООПРАЦЮВАННЯ', () => {
  let test: TestApp;
  let operator: Session;
  let vo: Session;
  before(async () => {
    test = await createTestApp();
    operator = await login(test.app, OPERATOR);
    vo = await login(test.app, VO1);
  });
  after(() => test.close());

  async function sentApplication() {
    const demo = await demoData(test);
    const contract = await newContract(test, demo.hospital.id);
    const application = await newApplication(test, { contractId: contract.id, status: 'sent', renewalDate: RENEWAL_DAY });
    await newRequest(test, application.id, contract.serviceId, { status: 'signed' });
    return application;
  }

  it('sends the application back with the comment: the ВО sees it, may edit it again and is e-mailed', async () => {
    const application = await sentApplication();
    problem(
      await call(test.app, operator, 'POST', `/api/operator/applications/${application.id}/return`, { comment: 'ok' }),
      400,
      'VALIDATION_FAILED',
    );
    const returned = await call(test.app, operator, 'POST', `/api/operator/applications/${application.id}/return`, {
      comment: 'Додайте довідку за новою формою',
    });
    assert.equal(returned.statusCode, 200, returned.body);
    const detail = (await call(test.app, vo, 'GET', `/api/applications/${application.id}`)).json();
    assert.equal(detail.status, 'rework');
    assert.equal(detail.reworkComment, 'Додайте довідку за новою формою');
    assert.equal(detail.canEdit, true);
    assert.ok((await outboxRows(test, { to: DEMO.users[0].email })).some((m) => m.subject.includes('повернуто на доопрацювання')));
    assert.equal((await auditRows(test, { event: 'APPLICATION_RETURNED', entityId: application.id })).length, 1);
    problem(
      await call(test.app, operator, 'POST', `/api/operator/applications/${application.id}/return`, { comment: 'Ще раз' }),
      409,
      'INVALID_STATE',
    );
  });

  it('an accepted application goes back too, and its scheduled renewal is called off; once the renewal has run, no longer', async () => {
    const application = await sentApplication();
    assert.equal(
      (await call(test.app, operator, 'POST', `/api/operator/applications/${application.id}/accept`, { renewalDate: RENEWAL_DAY }))
        .statusCode,
      200,
    );
    const returned = await call(test.app, operator, 'POST', `/api/operator/applications/${application.id}/return`, {
      comment: 'Змінилася дата',
    });
    assert.equal(returned.statusCode, 200, returned.body);
    assert.equal((await test.ctx.db.selectFrom('job').select('id').where('application_id', '=', application.id).execute()).length, 0);

    const done = await sentApplication();
    await call(test.app, operator, 'POST', `/api/operator/applications/${done.id}/accept`, { renewalDate: RENEWAL_DAY });
    await call(test.app, operator, 'POST', `/api/operator/applications/${done.id}/run`);
    await runJobsUntilIdle(test);
    problem(
      await call(test.app, operator, 'POST', `/api/operator/applications/${done.id}/return`, { comment: 'Запізно' }),
      409,
      'INVALID_STATE',
    );
  });
});

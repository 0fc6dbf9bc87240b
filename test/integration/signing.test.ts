import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CertificateAuthority } from '../../src/server/ca/authority';
import { DEMO } from '../../src/server/demo/seed';
import type { RequestDetail } from '../../src/shared/contracts/requests';
import type { SigningView } from '../../src/shared/contracts/signing';
import { toPem } from '../../src/shared/crypto/bytes';
import { createCsr } from '../../src/shared/crypto/csr';
import { x509 } from '../../src/shared/crypto/engine';
import { generateSigningKeyPair } from '../../src/shared/crypto/keys';
import { employeeSubjectName } from '../../src/shared/crypto/names';
import type { KeyFile } from '../../src/shared/crypto/pkcs12';
import { call, createTestApp, login, type Session, type TestApp, VO1 } from '../support/app';
import { auditRows, demoData, fieldProblem, newApplication, newContract, problem, requestBody } from '../support/factories';
import { demoKey, issuedKey, postSignature, signStatement, statementOf, tokenOf } from '../support/signing';

const DAY = 86_400_000;
const person = (rnokpp: string) => {
  const p = DEMO.people.find((x) => x.rnokpp === rnokpp);
  if (!p) throw new Error(rnokpp);
  return p;
};
const KOVALENKO = person('3111923464');
const SHEVCHENKO = person('2879510270');
const OLIINYK = person('2736372181');
const KOVALENKO_SUBJECT = {
  identityCode: KOVALENKO.rnokpp,
  lastName: KOVALENKO.lastName,
  firstAndMiddleName: KOVALENKO.firstAndMiddleName,
};

describe('signing the statement by the e-mailed link', () => {
  let test: TestApp;
  let vo: Session;
  let contractId: string;

  before(async () => {
    test = await createTestApp();
    vo = await login(test.app, VO1);
    // Room for every request of this file (the demo contract allows ten).
    contractId = (await newContract(test, (await demoData(test)).hospital.id)).id;
  });
  after(() => test.close());

  /** A request for a demo person, sent for signing through the API; returns its id and link token. */
  async function awaitingRequest(p: (typeof DEMO.people)[number], overrides: Record<string, unknown> = {}) {
    const demo = await demoData(test);
    const application = await newApplication(test, { contractId });
    const created = await call(test.app, vo, 'POST', `/api/applications/${application.id}/requests`, {
      ...requestBody(demo.hospital.serviceId, {
        identityCode: p.rnokpp,
        isReissue: true,
        lastName: p.lastName,
        firstAndMiddleName: p.firstAndMiddleName,
        department: p.department,
        position: p.position,
        email: p.email,
      }),
      ...overrides,
    });
    assert.equal(created.statusCode, 201, created.body);
    const id = (created.json() as { id: string }).id;
    const sent = await call(test.app, vo, 'POST', `/api/requests/${id}/send-for-signing`);
    assert.equal(sent.statusCode, 200, sent.body);
    const detail = sent.json() as RequestDetail;
    return { id, applicationId: application.id, token: tokenOf(detail.signing?.link ?? '') };
  }

  async function detail(id: string) {
    return (await call(test.app, vo, 'GET', `/api/requests/${id}`)).json() as RequestDetail;
  }

  it('shows the employee the request and the same statement the ВО prints, without an account', async () => {
    const { id, token } = await awaitingRequest(KOVALENKO);
    const view = await test.app.inject({ method: 'GET', url: `/api/signing/${token}` });
    assert.equal(view.statusCode, 200, view.body);
    const body = view.json() as SigningView;
    assert.equal(body.state, 'awaiting_signature');
    assert.equal(body.fullName, `${KOVALENKO.lastName} ${KOVALENKO.firstAndMiddleName}`);
    assert.equal(body.identityCode, KOVALENKO.rnokpp);
    assert.equal(body.edrpou, DEMO.organizations[0].edrpou);
    assert.equal(body.newKey, null);
    const employeeCopy = await statementOf(test, token);
    const voCopy = await call(test.app, vo, 'GET', `/api/requests/${id}/statement.pdf`);
    assert.deepEqual(Buffer.from(employeeCopy), voCopy.rawPayload);
  });

  it('accepts a CAdES signature made with the person’s demo key: Підписано, Заявка with PDF + .p7s, report, audit', async () => {
    const { id, token } = await awaitingRequest(KOVALENKO);
    const signature = await signStatement(test, token, await demoKey(test, KOVALENKO.rnokpp));
    const response = await postSignature(test.app, token, { signature });
    assert.equal(response.statusCode, 200, response.body);
    const result = response.json() as { state: string; report: { subjectSerialNumber: string; format: string; certificateSerial: string } };
    assert.equal(result.state, 'signed');
    assert.equal(result.report.subjectSerialNumber, `TINUA-${KOVALENKO.rnokpp}`);
    assert.equal(result.report.format, 'CAdES-BES');

    const after = await detail(id);
    assert.equal(after.status, 'signed');
    assert.equal(after.signing?.link, null, 'the link is no longer offered');
    const signed = after.documents.find((d) => d.kind === 'signed_statement');
    assert.ok(signed, 'the signed statement is the request’s Заявка');
    assert.equal(signed.hasSignatureFile, true);
    assert.equal(signed.signature?.certificateSerial, result.report.certificateSerial);
    const pdf = await call(test.app, vo, 'GET', `/api/documents/${signed.id}`);
    assert.deepEqual(pdf.rawPayload, Buffer.from(await statementOf(test, token)));
    const p7s = await call(test.app, vo, 'GET', `/api/documents/${signed.id}/signature.p7s`);
    assert.equal(p7s.statusCode, 200);
    assert.deepEqual(p7s.rawPayload, Buffer.from(signature));
    assert.equal((await auditRows(test, { event: 'REQUEST_SIGNED', entityId: id })).length, 1);

    // The link now only shows what was signed.
    const view = (await test.app.inject({ method: 'GET', url: `/api/signing/${token}` })).json() as SigningView;
    assert.equal(view.state, 'signed');
    assert.equal(view.report?.certificateSerial, signed.signature?.certificateSerial);
    problem(await postSignature(test.app, token, { signature }), 409, 'INVALID_STATE');
  });

  it('the statement is fixed when it is sent: later changes elsewhere do not change what is signed', async () => {
    const { id, token } = await awaitingRequest(KOVALENKO);
    const sent = await statementOf(test, token);
    const demo = await demoData(test);
    await test.ctx.db.updateTable('organization').set({ name: 'КНП «Перейменована лікарня»' }).where('id', '=', demo.hospital.id).execute();
    try {
      assert.deepEqual(await statementOf(test, token), sent);
      assert.deepEqual((await call(test.app, vo, 'GET', `/api/requests/${id}/statement.pdf`)).rawPayload, Buffer.from(sent));
      const response = await postSignature(test.app, token, {
        signature: await signStatement(test, token, await demoKey(test, KOVALENKO.rnokpp)),
      });
      assert.equal(response.statusCode, 200, response.body);
    } finally {
      await test.ctx.db.updateTable('organization').set({ name: demo.hospital.name }).where('id', '=', demo.hospital.id).execute();
    }
  });

  it('accepts an attached signature (the PDF inside the .p7s)', async () => {
    const { token } = await awaitingRequest(KOVALENKO);
    const signature = await signStatement(test, token, await demoKey(test, KOVALENKO.rnokpp), { attached: true });
    const response = await postSignature(test.app, token, { signature });
    assert.equal(response.statusCode, 200, response.body);
    assert.equal((response.json() as { report: { detached: boolean } }).report.detached, false);
  });

  it('is not blocked by a ВО’s session cookie in the same browser (no CSRF token needed)', async () => {
    const { token } = await awaitingRequest(KOVALENKO);
    const signature = await signStatement(test, token, await demoKey(test, KOVALENKO.rnokpp));
    const response = await postSignature(test.app, token, { signature }, { cookie: vo.cookie });
    assert.equal(response.statusCode, 200, response.body);
  });

  async function refused(token: string, signature: Uint8Array, reason: string, message: RegExp) {
    const response = await postSignature(test.app, token, { signature });
    const body = problem(response, 422, 'SIGNATURE_REFUSED') as { detail?: string; signature?: { reason: string } };
    assert.equal(body.signature?.reason, reason);
    assert.match(body.detail ?? '', message);
    return body;
  }

  it('refuses another person’s key, says so, records the attempt and leaves the request waiting', async () => {
    const { id, token } = await awaitingRequest(KOVALENKO);
    const signature = await signStatement(test, token, await demoKey(test, SHEVCHENKO.rnokpp));
    await refused(token, signature, 'WRONG_PERSON', /іншої особи.*Шевченко/);
    const after = await detail(id);
    assert.equal(after.status, 'awaiting_signature');
    assert.equal(
      after.documents.some((d) => d.kind === 'signed_statement'),
      false,
    );
    assert.match(after.lastSigningFailure?.message ?? '', /іншої особи/);
    const checks = await test.ctx.db.selectFrom('signature_check').selectAll().where('request_id', '=', id).execute();
    assert.deepEqual(
      checks.map((c) => [c.result, c.failure_code]),
      [['refused', 'WRONG_PERSON']],
    );
    assert.equal((await auditRows(test, { event: 'SIGNATURE_REFUSED', entityId: id })).length, 1);
  });

  it('refuses a changed document', async () => {
    const { token } = await awaitingRequest(KOVALENKO);
    const statement = await statementOf(test, token);
    const changed = new Uint8Array(statement);
    changed[changed.length - 10] ^= 1;
    const signature = await signStatement(test, token, await demoKey(test, KOVALENKO.rnokpp), { content: changed });
    await refused(token, signature, 'CONTENT_MISMATCH', /інший документ/);
    const attached = await signStatement(test, token, await demoKey(test, KOVALENKO.rnokpp), { content: changed, attached: true });
    await refused(token, attached, 'CONTENT_MISMATCH', /інший документ/);
  });

  it('refuses an expired certificate (Олійник’s expired three days ago)', async () => {
    const { token } = await awaitingRequest(OLIINYK, { isReissue: false });
    const signature = await signStatement(test, token, await demoKey(test, OLIINYK.rnokpp));
    await refused(token, signature, 'CERTIFICATE_EXPIRED', /Строк дії сертифіката підписувача минув \d{2}\.\d{2}\.\d{4}/);
  });

  it('refuses a revoked certificate', async () => {
    const { token } = await awaitingRequest(SHEVCHENKO);
    const key = await demoKey(test, SHEVCHENKO.rnokpp);
    const signature = await signStatement(test, token, key);
    const demo = await demoData(test);
    await test.ctx.db
      .updateTable('certificate')
      .set({ status: 'revoked', revoked_at: new Date(test.ctx.now().getTime() - DAY) })
      .where('person_id', '=', demo.people[SHEVCHENKO.rnokpp]?.id ?? '')
      .execute();
    try {
      await refused(token, signature, 'CERTIFICATE_REVOKED', /відкликано/);
    } finally {
      await test.ctx.db
        .updateTable('certificate')
        .set({ status: 'valid', revoked_at: null })
        .where('person_id', '=', demo.people[SHEVCHENKO.rnokpp]?.id ?? '')
        .execute();
    }
  });

  it('refuses garbage, a truncated CMS and an empty file with their own messages; never a 500', async () => {
    const { token } = await awaitingRequest(KOVALENKO);
    const signature = await signStatement(test, token, await demoKey(test, KOVALENKO.rnokpp));
    await refused(token, new TextEncoder().encode('це не підпис'), 'MALFORMED', /не є підписом CMS/);
    await refused(token, signature.subarray(0, signature.length - 40), 'MALFORMED', /не є підписом CMS/);
    fieldProblem(await postSignature(test.app, token, {}), 'signature');
    for (let i = 0; i < 20; i++) {
      const noise = new Uint8Array(signature);
      noise[Math.floor(Math.random() * noise.length)] ^= 0xff;
      const response = await postSignature(test.app, token, { signature: noise });
      assert.ok([200, 422].includes(response.statusCode), `${response.statusCode} ${response.body}`);
      if (response.statusCode === 200) break;
    }
  });

  describe('another provider', () => {
    let dir: string;
    let other: CertificateAuthority;
    let foreignKey: KeyFile;

    before(async () => {
      dir = mkdtempSync(path.join(tmpdir(), 'kep-other-ca-'));
      other = await CertificateAuthority.open({
        dir,
        secret: 'another-provider-secret-0123456789',
        now: test.ctx.now(),
        providerName: 'КНЕДП «Інший»',
        publicUrl: 'http://other.test',
      });
      foreignKey = await issuedKey(test, KOVALENKO_SUBJECT, { ca: other, algorithm: 'ECDSA P-384' });
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('refuses its certificate until the operator trusts its CA, then accepts it', async () => {
      const { token } = await awaitingRequest(KOVALENKO);
      const signature = await signStatement(test, token, foreignKey);
      await refused(token, signature, 'UNTRUSTED_ISSUER', /немає в переліку довірених/);
      const operator = await login(test.app, { phone: DEMO.users[2].phone, password: DEMO.users[2].password });
      const bundle = other.certificates.map((c) => c.toString('pem')).join('\n');
      const imported = await test.app.inject({
        method: 'POST',
        url: '/api/trusted-cas',
        headers: { cookie: operator.cookie, 'x-csrf-token': operator.csrfToken, 'content-type': 'multipart/form-data; boundary=b' },
        payload: `--b\r\nContent-Disposition: form-data; name="file"; filename="ca.pem"\r\nContent-Type: application/x-pem-file\r\n\r\n${bundle}\r\n--b--\r\n`,
      });
      assert.equal(imported.statusCode, 201, imported.body);
      const accepted = await postSignature(test.app, token, { signature });
      assert.equal(accepted.statusCode, 200, accepted.body);
      assert.match((accepted.json() as { report: { signatureAlgorithm: string } }).report.signatureAlgorithm, /ECDSA P-384 \/ SHA-384/);
    });
  });

  it('for a re-issue, refuses the person’s certificate of another organization', async () => {
    const key = await issuedKey(test, {
      ...KOVALENKO_SUBJECT,
      organizationName: DEMO.organizations[1].name,
      edrpou: DEMO.organizations[1].edrpou,
    });
    const reissue = await awaitingRequest(KOVALENKO);
    await refused(reissue.token, await signStatement(test, reissue.token, key), 'WRONG_ORGANIZATION', /іншій організації/);
    // Not a re-issue: the organization need not match (identification is in person anyway).
    const fresh = await awaitingRequest(KOVALENKO, { isReissue: false });
    const response = await postSignature(test.app, fresh.token, { signature: await signStatement(test, fresh.token, key) });
    assert.equal(response.statusCode, 200, response.body);
  });

  it('slows down one address that floods the signing endpoint (429), without a 500', async () => {
    const { token } = await awaitingRequest(KOVALENKO);
    const statuses: number[] = [];
    for (let i = 0; i < 62; i++) {
      const response = await test.app.inject({ method: 'GET', url: `/api/signing/${token}x${i}`, remoteAddress: '198.51.100.7' });
      statuses.push(response.statusCode);
    }
    for (let i = 0; i < 61; i++) {
      const response = await test.app.inject({
        method: 'POST',
        url: `/api/signing/${token}`,
        remoteAddress: '198.51.100.8',
        headers: { 'content-type': 'multipart/form-data; boundary=b' },
        payload: '--b\r\nContent-Disposition: form-data; name="signature"; filename="s.p7s"\r\n\r\nnot a signature\r\n--b--\r\n',
      });
      statuses.push(response.statusCode);
    }
    assert.ok(statuses.includes(429), 'the 61st signature attempt in a minute is refused');
    assert.deepEqual([...new Set(statuses)].sort(), [404, 422, 429]);
  });

  it('links: a tampered or replaced link is 404, an expired one says so (410), and the ВО can send a fresh one', async () => {
    const { id, token } = await awaitingRequest(KOVALENKO);
    problem(await test.app.inject({ method: 'GET', url: `/api/signing/${token.slice(0, -2)}xx` }), 404, 'NOT_FOUND');
    problem(await test.app.inject({ method: 'GET', url: '/api/signing/nonsense' }), 404, 'NOT_FOUND');
    const signature = await signStatement(test, token, await demoKey(test, KOVALENKO.rnokpp));
    const saved = test.clock.now;
    test.clock.now = new Date(saved.getTime() + 15 * DAY);
    try {
      const view = (await test.app.inject({ method: 'GET', url: `/api/signing/${token}` })).json() as SigningView;
      assert.equal(view.state, 'expired');
      problem(await postSignature(test.app, token, { signature }), 410, 'LINK_EXPIRED');
    } finally {
      test.clock.now = saved;
    }
    const resent = await call(test.app, vo, 'POST', `/api/requests/${id}/send-for-signing`);
    assert.equal(resent.statusCode, 200, resent.body);
    const fresh = tokenOf((resent.json() as RequestDetail).signing?.link ?? '');
    assert.notEqual(fresh, token);
    problem(await test.app.inject({ method: 'GET', url: `/api/signing/${token}` }), 404, 'NOT_FOUND');
    problem(await postSignature(test.app, token, { signature }), 404, 'NOT_FOUND');
    const response = await postSignature(test.app, fresh, {
      signature: await signStatement(test, fresh, await demoKey(test, KOVALENKO.rnokpp)),
    });
    assert.equal(response.statusCode, 200, response.body);
  });

  it('editing a signed request drops the signed statement: it is signed again', async () => {
    const demo = await demoData(test);
    const { id, token } = await awaitingRequest(KOVALENKO);
    assert.equal(
      (await postSignature(test.app, token, { signature: await signStatement(test, token, await demoKey(test, KOVALENKO.rnokpp)) }))
        .statusCode,
      200,
    );
    const edited = await call(
      test.app,
      vo,
      'PUT',
      `/api/requests/${id}`,
      requestBody(demo.hospital.serviceId, {
        identityCode: KOVALENKO.rnokpp,
        isReissue: true,
        lastName: KOVALENKO.lastName,
        firstAndMiddleName: KOVALENKO.firstAndMiddleName,
        position: 'Завідувач відділення',
      }),
    );
    assert.equal(edited.statusCode, 200, edited.body);
    const body = edited.json() as RequestDetail;
    assert.equal(body.status, 'draft');
    assert.equal(
      body.documents.some((d) => d.kind === 'signed_statement'),
      false,
    );
    problem(await test.app.inject({ method: 'GET', url: `/api/signing/${token}` }), 404, 'NOT_FOUND');
  });

  describe('the new key (file key and token)', () => {
    it('a file-key request needs the PKCS#10 of a new key naming the person', async () => {
      const { id, token } = await awaitingRequest(KOVALENKO, { keyStorage: 'file' });
      const view = (await test.app.inject({ method: 'GET', url: `/api/signing/${token}` })).json() as SigningView;
      assert.equal(view.newKey, 'generate');
      const current = await demoKey(test, KOVALENKO.rnokpp);
      const signature = await signStatement(test, token, current);
      fieldProblem(await postSignature(test.app, token, { signature }), 'csr');

      const other = await createCsr(
        await generateSigningKeyPair('ECDSA P-256'),
        employeeSubjectName({ ...view.csrSubject, identityCode: SHEVCHENKO.rnokpp }),
      );
      const wrong = fieldProblem(await postSignature(test.app, token, { signature, csr: other }), 'csr');
      assert.match(wrong.errors?.[0]?.message ?? '', /іншої особи.*TINUA-3111923464/);
      fieldProblem(await postSignature(test.app, token, { signature, csr: new TextEncoder().encode('not a csr') }), 'csr');
      assert.equal((await detail(id)).status, 'awaiting_signature', 'nothing is saved with a bad CSR');

      const newKeys = await generateSigningKeyPair('ECDSA P-256');
      const csr = await createCsr(newKeys, employeeSubjectName(view.csrSubject));
      const response = await postSignature(test.app, token, { signature, csr });
      assert.equal(response.statusCode, 200, response.body);
      const after = await detail(id);
      assert.equal(after.status, 'signed');
      assert.ok(after.csrSubmittedAt);
    });

    it('a token request refuses a CSR for the key being renewed', async () => {
      const { token } = await awaitingRequest(KOVALENKO, { keyStorage: 'token' });
      const view = (await test.app.inject({ method: 'GET', url: `/api/signing/${token}` })).json() as SigningView;
      assert.equal(view.newKey, 'upload');
      const current = await demoKey(test, KOVALENKO.rnokpp);
      const signature = await signStatement(test, token, current);
      // A CSR for the key being renewed, signed by it (the person's token software could do this).
      const certificate = new x509.X509Certificate(current.certificate as Uint8Array<ArrayBuffer>);
      const sameKeyCsr = await x509.Pkcs10CertificateRequestGenerator.create({
        name: new x509.Name(employeeSubjectName(view.csrSubject)),
        keys: { privateKey: current.privateKey, publicKey: await certificate.publicKey.export() },
        signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' } as Algorithm,
      });
      const refusedCsr = fieldProblem(await postSignature(test.app, token, { signature, csr: new Uint8Array(sameKeyCsr.rawData) }), 'csr');
      assert.match(refusedCsr.errors?.[0]?.message ?? '', /поточного ключа/);
      const fresh = await createCsr(await generateSigningKeyPair('RSA'), employeeSubjectName(view.csrSubject));
      const pem = new TextEncoder().encode(toPem('CERTIFICATE REQUEST', fresh));
      const response = await postSignature(test.app, token, { signature, csr: pem });
      assert.equal(response.statusCode, 200, response.body);
    });
  });
});

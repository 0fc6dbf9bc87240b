import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CertificateAuthority } from '../../src/server/ca/authority';
import type { DocumentInfo } from '../../src/shared/contracts/documents';
import type { TrustedCa } from '../../src/shared/contracts/trust';
import { signDetached } from '../../src/shared/crypto/cades';
import { x509 } from '../../src/shared/crypto/engine';
import { generateSigningKeyPair } from '../../src/shared/crypto/keys';
import { call, createTestApp, login, OPERATOR, PDF_BYTES, type Session, type TestApp, upload, VO1, VO2 } from '../support/app';
import { auditRows, fieldProblem, newApplication, problem, rowCounts } from '../support/factories';
import { signedKdpApplication, uploadFiles } from '../support/signing';

const KDP = 'kdp_application';

describe('«Електронна версія заявки на КДП» must be signed', () => {
  let test: TestApp;
  let vo1: Session;
  let vo2: Session;

  before(async () => {
    test = await createTestApp();
    vo1 = await login(test.app, VO1);
    vo2 = await login(test.app, VO2);
  });
  after(() => test.close());

  const url = (id: string) => `/api/applications/${id}/documents/${KDP}`;

  it('accepts a .p7s with the PDF inside: keeps the PDF and the .p7s, shows the report', async () => {
    const application = await newApplication(test);
    const signature = await signedKdpApplication(test, PDF_BYTES);
    const response = await uploadFiles(test.app, vo1, url(application.id), { file: { bytes: signature, name: 'zayavka.pdf.p7s' } });
    assert.equal(response.statusCode, 201, response.body);
    const document = response.json() as DocumentInfo;
    assert.equal(document.mediaType, 'application/pdf');
    assert.equal(document.fileName, 'Електронна версія заявки на КДП.pdf');
    assert.equal(document.hasSignatureFile, true);
    assert.equal(document.signature?.subjectSerialNumber, 'TINUA-2521131334');
    assert.equal(document.signature?.detached, false);
    const pdf = await call(test.app, vo1, 'GET', `/api/documents/${document.id}`);
    assert.deepEqual(pdf.rawPayload, PDF_BYTES);
    const p7s = await call(test.app, vo1, 'GET', `/api/documents/${document.id}/signature.p7s`);
    assert.deepEqual(p7s.rawPayload, Buffer.from(signature));
    assert.equal(p7s.headers['content-type'], 'application/pkcs7-signature');
    const shown = (await call(test.app, vo1, 'GET', `/api/applications/${application.id}`)).json() as { documents: DocumentInfo[] };
    assert.equal(shown.documents.find((d) => d.kind === KDP)?.signature?.certificateSerial, document.signature?.certificateSerial);
    // Another organization's ВО reaches neither file.
    problem(await call(test.app, vo2, 'GET', `/api/documents/${document.id}/signature.p7s`), 404, 'NOT_FOUND');
  });

  it('accepts the PDF with its detached .p7s', async () => {
    const application = await newApplication(test);
    const signature = await signedKdpApplication(test, PDF_BYTES, { attached: false });
    const response = await uploadFiles(test.app, vo1, url(application.id), {
      file: { bytes: PDF_BYTES, name: 'zayavka.pdf' },
      signature: { bytes: signature, name: 'zayavka.pdf.p7s' },
    });
    assert.equal(response.statusCode, 201, response.body);
    assert.equal((response.json() as DocumentInfo).signature?.detached, true);
  });

  it('refuses an unsigned PDF, naming what is missing, and stores nothing', async () => {
    const application = await newApplication(test);
    const counts = await rowCounts(test, ['document', 'signature_check']);
    const body = fieldProblem(await upload(test.app, vo1, url(application.id), PDF_BYTES), 'signature');
    assert.match(body.detail ?? '', /підписану КЕП/);
    assert.deepEqual(await rowCounts(test, ['document', 'signature_check']), counts);
  });

  it('refuses a detached signature over another document and a detached .p7s alone, recording the refusal', async () => {
    const application = await newApplication(test);
    const other = await signedKdpApplication(test, new TextEncoder().encode('%PDF-1.4 інший документ'), { attached: false });
    const mismatch = await uploadFiles(test.app, vo1, url(application.id), {
      file: { bytes: PDF_BYTES, name: 'a.pdf' },
      signature: { bytes: other, name: 'a.p7s' },
    });
    const body = problem(mismatch, 422, 'SIGNATURE_REFUSED') as { detail?: string; signature?: { reason: string } };
    assert.equal(body.signature?.reason, 'CONTENT_MISMATCH');
    const alone = problem(
      await uploadFiles(test.app, vo1, url(application.id), { file: { bytes: other, name: 'a.p7s' } }),
      422,
      'SIGNATURE_REFUSED',
    );
    assert.match(alone.detail ?? '', /додайте й підписаний документ/);
    const checks = await test.ctx.db
      .selectFrom('signature_check')
      .select(['result', 'failure_code'])
      .where('application_id', '=', application.id)
      .execute();
    assert.deepEqual(checks.map((c) => c.failure_code).sort(), ['CONTENT_MISMATCH', 'NO_CONTENT']);
    const documents = await test.ctx.db.selectFrom('document').select('id').where('application_id', '=', application.id).execute();
    assert.equal(documents.length, 0);
    assert.equal((await auditRows(test, { event: 'SIGNATURE_REFUSED', entityId: application.id })).length, 2);
  });

  it('refuses a signature by an untrusted key (self-made certificate)', async () => {
    const application = await newApplication(test);
    const keys = await generateSigningKeyPair('RSA');
    const selfMade = await x509.X509CertificateGenerator.createSelfSigned({
      name: 'CN=Хтось, 2.5.4.5=TINUA-2521131334',
      keys,
      notBefore: new Date(test.ctx.now().getTime() - 86_400_000),
      notAfter: new Date(test.ctx.now().getTime() + 86_400_000),
      signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as Algorithm,
    });
    const signature = await signDetached({
      content: PDF_BYTES,
      privateKey: keys.privateKey,
      certificate: new Uint8Array(selfMade.rawData),
      attached: true,
      signingTime: test.ctx.now(),
    });
    const body = problem(
      await uploadFiles(test.app, vo1, url(application.id), { file: { bytes: signature, name: 'a.p7s' } }),
      422,
      'SIGNATURE_REFUSED',
    );
    assert.match(body.detail ?? '', /немає в переліку довірених/);
  });
});

describe('trusted CAs (operator)', () => {
  let test: TestApp;
  let operator: Session;
  let vo1: Session;
  let dir: string;
  let other: CertificateAuthority;

  before(async () => {
    test = await createTestApp();
    operator = await login(test.app, OPERATOR);
    vo1 = await login(test.app, VO1);
    dir = mkdtempSync(path.join(tmpdir(), 'kep-other-'));
    other = await CertificateAuthority.open({
      dir,
      secret: 'another-provider-secret-0123456789',
      now: test.ctx.now(),
      providerName: 'КНЕДП «Інший»',
      publicUrl: 'http://other.test',
    });
  });
  after(async () => {
    await test.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists the provider’s own root and issuing CA', async () => {
    const list = (await call(test.app, operator, 'GET', '/api/trusted-cas')).json() as TrustedCa[];
    assert.deepEqual(
      list.map((c) => c.source),
      ['provider', 'provider'],
    );
    assert.ok(list.some((c) => c.subject.includes('кореневий ЦСК')));
  });

  it('imports a PEM bundle once (again: already trusted), audits it, and removes an imported CA', async () => {
    const bundle = Buffer.from(other.certificates.map((c) => c.toString('pem')).join('\n'));
    const first = await upload(test.app, operator, '/api/trusted-cas', bundle, 'other.pem', 'application/x-pem-file');
    assert.equal(first.statusCode, 201, first.body);
    const added = (first.json() as { added: TrustedCa[]; alreadyTrusted: number }).added;
    assert.equal(added.length, 2);
    const again = (await upload(test.app, operator, '/api/trusted-cas', bundle, 'other.pem', 'application/x-pem-file')).json() as {
      added: TrustedCa[];
      alreadyTrusted: number;
    };
    assert.deepEqual([again.added.length, again.alreadyTrusted], [0, 2]);
    assert.equal((await auditRows(test, { event: 'TRUSTED_CA_IMPORTED' })).length, 2);
    const removed = await call(test.app, operator, 'DELETE', `/api/trusted-cas/${added[0]?.id}`);
    assert.equal(removed.statusCode, 200, removed.body);
    const own = ((await call(test.app, operator, 'GET', '/api/trusted-cas')).json() as TrustedCa[]).find((c) => c.source === 'provider');
    problem(await call(test.app, operator, 'DELETE', `/api/trusted-cas/${own?.id}`), 404, 'NOT_FOUND');
  });

  it('refuses garbage and an end-entity certificate with a message naming the file field', async () => {
    fieldProblem(await upload(test.app, operator, '/api/trusted-cas', PDF_BYTES, 'x.pem', 'application/x-pem-file'), 'file');
    const keys = await generateSigningKeyPair('ECDSA P-256');
    const person = await other.issueCertificate({
      publicKey: keys.publicKey,
      subject: {
        lastName: 'Тест',
        firstAndMiddleName: 'Тест Тестович',
        identityCode: '3111923464',
        identityKind: 'rnokpp',
        organizationName: 'Т',
        edrpou: '01990016',
        position: 'П',
        department: 'В',
        locality: 'Київ',
      },
      notBefore: test.ctx.now(),
      notAfter: new Date(test.ctx.now().getTime() + 86_400_000),
      onSecureDevice: false,
    });
    const body = fieldProblem(
      await upload(test.app, operator, '/api/trusted-cas', Buffer.from(person.rawData), 'p.cer', 'application/pkix-cert'),
      'file',
    );
    assert.match(body.detail ?? '', /не є сертифікатом ЦСК/);
  });

  it('is the operator’s: a ВО gets 404, without a session 401', async () => {
    problem(await call(test.app, vo1, 'GET', '/api/trusted-cas'), 404, 'NOT_FOUND');
    problem(await call(test.app, null, 'GET', '/api/trusted-cas'), 401, 'UNAUTHENTICATED');
  });
});

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { MAX_DOCUMENT_BYTES } from '../../src/shared/contracts/documents';
import { call, createTestApp, login, OPERATOR, PDF_BYTES, type Session, type TestApp, upload, VO1, VO2 } from '../support/app';
import {
  auditRows,
  type Demo,
  demoData,
  fieldProblem,
  newApplication,
  newContract,
  newDocument,
  newRequest,
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

const PNG_BYTES = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('\0\0\0\rIHDR'),
  randomBytes(32),
]);
const JPEG_BYTES = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
  Buffer.from('JFIF\0'),
  randomBytes(32),
  Buffer.from([0xff, 0xd9]),
]);
const EXE_BYTES = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), randomBytes(64)]);

/** A distinct PDF each time, so content-addressed storage does not hide a missing write. */
function pdf(): Buffer {
  return Buffer.concat([PDF_BYTES, Buffer.from(`% ${randomBytes(8).toString('hex')}\n`)]);
}

function storedFiles(): number {
  const root = path.join(test.dataDir, 'files');
  try {
    return readdirSync(root, { recursive: true }).filter((f) => /[0-9a-f]{64}$/.test(String(f))).length;
  } catch {
    return 0;
  }
}

async function draft(status?: 'draft' | 'sent' | 'rework') {
  const contract = await newContract(test, demo.hospital.id);
  const application = await newApplication(test, {
    organizationId: demo.hospital.id,
    contractId: contract.id,
    createdBy: demo.users.vo1,
    status,
  });
  const request = await newRequest(test, application.id, contract.serviceId);
  return { application, request, contract };
}

describe('upload', () => {
  it('attaches a PDF as `Довідка про співробітників`, names it from the slot, audits it, and lists it', async () => {
    const { application } = await draft();
    const bytes = pdf();
    const response = await upload(
      test.app,
      vo1,
      `/api/applications/${application.id}/documents/employee_list`,
      bytes,
      '../../etc/passwd.pdf',
    );
    assert.equal(response.statusCode, 201, response.body);
    const document = response.json();
    assert.equal(document.kind, 'employee_list');
    assert.equal(document.mediaType, 'application/pdf');
    assert.equal(document.fileName, 'Довідка про співробітників.pdf');
    assert.equal(document.size, bytes.length);
    assert.match(document.sha256, /^[0-9a-f]{64}$/);

    const detail = (await call(test.app, vo1, 'GET', `/api/applications/${application.id}`)).json();
    assert.deepEqual(
      detail.documents.map((d: { id: string }) => d.id),
      [document.id],
    );

    const row = await test.ctx.db.selectFrom('document').selectAll().where('id', '=', document.id).executeTakeFirstOrThrow();
    assert.equal(row.uploaded_by, demo.users.vo1);
    assert.equal(row.request_id, null);
    const audit = await auditRows(test, { event: 'DOCUMENT_UPLOADED', entityId: document.id });
    assert.equal(audit.length, 1);
    assert.equal(audit[0].actor_user_id, demo.users.vo1);
    assert.equal(audit[0].organization_id, demo.hospital.id);
  });

  it('attaches a PNG passport copy and a JPEG ІПН copy to a request, by their content', async () => {
    const { request } = await draft();
    const png = await upload(
      test.app,
      vo1,
      `/api/requests/${request.id}/documents/passport_copy`,
      PNG_BYTES,
      'scan.pdf',
      'application/pdf',
    );
    assert.equal(png.statusCode, 201, png.body);
    assert.equal(png.json().mediaType, 'image/png');
    assert.equal(png.json().fileName, 'Завірена копія Паспорту.png');
    const jpeg = await upload(test.app, vo1, `/api/requests/${request.id}/documents/tax_id_copy`, JPEG_BYTES, 'ipn.jpg', 'image/jpeg');
    assert.equal(jpeg.statusCode, 201, jpeg.body);
    assert.equal(jpeg.json().mediaType, 'image/jpeg');
    assert.equal(jpeg.json().fileName, 'Завірена копія ІПН.jpg');

    const detail = (await call(test.app, vo1, 'GET', `/api/requests/${request.id}`)).json();
    assert.deepEqual(detail.documents.map((d: { kind: string }) => d.kind).sort(), ['passport_copy', 'tax_id_copy']);
    const row = await test.ctx.db.selectFrom('document').selectAll().where('id', '=', png.json().id).executeTakeFirstOrThrow();
    assert.equal(row.request_id, request.id);
  });

  it('a second upload replaces the slot’s file', async () => {
    const { application } = await draft();
    const url = `/api/applications/${application.id}/documents/employee_list`;
    const first = (await upload(test.app, vo1, url, pdf())).json();
    const second = (await upload(test.app, vo1, url, pdf())).json();
    const rows = await test.ctx.db
      .selectFrom('document')
      .select('id')
      .where('application_id', '=', application.id)
      .where('kind', '=', 'employee_list')
      .execute();
    assert.deepEqual(
      rows.map((r) => r.id),
      [second.id],
    );
    assert.notEqual(first.id, second.id);
  });

  for (const [what, bytes, name, type] of [
    ['a Windows program', EXE_BYTES, 'setup.exe', 'application/octet-stream'],
    ['a program named .pdf', EXE_BYTES, 'scan.pdf', 'application/pdf'],
    ['plain text', Buffer.from('Довідка про співробітників: Іваненко, Петренко\n'), 'list.txt', 'text/plain'],
    ['HTML', Buffer.from('<html><script>alert(1)</script></html>'), 'list.pdf', 'application/pdf'],
  ] as const) {
    it(`refuses ${what} with 415 naming file, and stores nothing`, async () => {
      const { application } = await draft();
      const counts = await rowCounts(test, ['document', 'audit_log']);
      const files = storedFiles();
      const response = await upload(test.app, vo1, `/api/applications/${application.id}/documents/employee_list`, bytes, name, type);
      const body = problem(response, 415, 'UNSUPPORTED_MEDIA_TYPE');
      assert.ok(
        body.errors?.some((e) => e.field === 'file'),
        response.body,
      );
      assert.deepEqual(await rowCounts(test, ['document', 'audit_log']), counts);
      assert.equal(storedFiles(), files);
    });
  }

  it('refuses a file over 10 MiB with 413, and stores nothing', async () => {
    const { application } = await draft();
    const counts = await rowCounts(test, ['document', 'audit_log']);
    const files = storedFiles();
    const big = Buffer.concat([PDF_BYTES, Buffer.alloc(MAX_DOCUMENT_BYTES + 1 - PDF_BYTES.length, 0x20)]);
    const response = await upload(test.app, vo1, `/api/applications/${application.id}/documents/employee_list`, big);
    problem(response, 413, 'PAYLOAD_TOO_LARGE');
    assert.deepEqual(await rowCounts(test, ['document', 'audit_log']), counts);
    assert.equal(storedFiles(), files);
  });

  it('accepts exactly 10 MiB', async () => {
    const { application } = await draft();
    const exact = Buffer.concat([PDF_BYTES, Buffer.alloc(MAX_DOCUMENT_BYTES - PDF_BYTES.length, 0x20)]);
    const response = await upload(test.app, vo1, `/api/applications/${application.id}/documents/employee_list`, exact);
    assert.equal(response.statusCode, 201, response.body);
    assert.equal(response.json().size, MAX_DOCUMENT_BYTES);
  });

  it('an empty file or no file → 400 naming file', async () => {
    const { application } = await draft();
    const url = `/api/applications/${application.id}/documents/employee_list`;
    fieldProblem(await upload(test.app, vo1, url, Buffer.alloc(0)), 'file');
    fieldProblem(await call(test.app, vo1, 'POST', url, { file: 'JVBERi0xLjQK' }), 'file');
  });

  it('a body that is not well-formed multipart → 400 naming file, never a 500', async () => {
    const { application } = await draft();
    const url = `/api/applications/${application.id}/documents/employee_list`;
    const headers = { cookie: vo1.cookie, 'x-csrf-token': vo1.csrfToken };
    const part = '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n';
    for (const [contentType, payload] of [
      ['multipart/form-data', '%PDF-1.4'],
      ['multipart/form-data; boundary=xyz', 'no parts at all'],
      ['multipart/form-data; boundary=xyz', `${part}%PDF-1.4 cut off`],
    ]) {
      const counts = await rowCounts(test, ['document']);
      fieldProblem(await test.app.inject({ method: 'POST', url, headers: { ...headers, 'content-type': contentType }, payload }), 'file');
      assert.deepEqual(await rowCounts(test, ['document']), counts);
    }
  });

  it('an unknown slot → 400 naming kind; the signed statement cannot be uploaded by hand', async () => {
    const { application, request } = await draft();
    fieldProblem(await upload(test.app, vo1, `/api/applications/${application.id}/documents/passport_copy`, pdf()), 'kind');
    fieldProblem(await upload(test.app, vo1, `/api/applications/${application.id}/documents/contract`, pdf()), 'kind');
    fieldProblem(await upload(test.app, vo1, `/api/requests/${request.id}/documents/signed_statement`, pdf()), 'kind');
    fieldProblem(await upload(test.app, vo1, `/api/requests/${request.id}/documents/employee_list`, pdf()), 'kind');
  });

  it('another organization’s application or request is 404; the operator gets 404; nothing stored', async () => {
    const { application, request } = await draft();
    const counts = await rowCounts(test, ['document', 'audit_log']);
    const files = storedFiles();
    problem(await upload(test.app, vo2, `/api/applications/${application.id}/documents/employee_list`, pdf()), 404, 'NOT_FOUND');
    problem(await upload(test.app, vo2, `/api/requests/${request.id}/documents/passport_copy`, pdf()), 404, 'NOT_FOUND');
    problem(await upload(test.app, operator, `/api/applications/${application.id}/documents/employee_list`, pdf()), 404, 'NOT_FOUND');
    problem(await upload(test.app, operator, `/api/requests/${request.id}/documents/passport_copy`, pdf()), 404, 'NOT_FOUND');
    assert.deepEqual(await rowCounts(test, ['document', 'audit_log']), counts);
    assert.equal(storedFiles(), files);
  });

  it('after sending, nothing can be attached (409), and nothing is stored', async () => {
    const { application, request } = await draft('sent');
    const counts = await rowCounts(test, ['document', 'audit_log']);
    const files = storedFiles();
    problem(await upload(test.app, vo1, `/api/applications/${application.id}/documents/employee_list`, pdf()), 409, 'INVALID_STATE');
    problem(await upload(test.app, vo1, `/api/requests/${request.id}/documents/passport_copy`, pdf()), 409, 'INVALID_STATE');
    assert.deepEqual(await rowCounts(test, ['document', 'audit_log']), counts);
    assert.equal(storedFiles(), files);
  });

  it('an application back for rework takes documents again', async () => {
    const { application } = await draft('rework');
    assert.equal((await upload(test.app, vo1, `/api/applications/${application.id}/documents/employee_list`, pdf())).statusCode, 201);
  });
});

describe('download', () => {
  it('returns the exact bytes with the detected content type', async () => {
    const { application, request } = await draft();
    const bytes = pdf();
    const doc = (await upload(test.app, vo1, `/api/applications/${application.id}/documents/employee_list`, bytes)).json();
    const response = await call(test.app, vo1, 'GET', `/api/documents/${doc.id}`);
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['content-type'], 'application/pdf');
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
    assert.match(String(response.headers['content-disposition']), /^inline; filename="document\.pdf"; filename\*=UTF-8''/);
    assert.ok(response.rawPayload.equals(bytes));

    const png = (await upload(test.app, vo1, `/api/requests/${request.id}/documents/passport_copy`, PNG_BYTES)).json();
    const image = await call(test.app, vo1, 'GET', `/api/documents/${png.id}?download=1`);
    assert.equal(image.headers['content-type'], 'image/png');
    assert.match(String(image.headers['content-disposition']), /^attachment;/);
    assert.ok(image.rawPayload.equals(PNG_BYTES));
  });

  it('another organization’s document is 404; the operator may read it', async () => {
    const { application } = await draft();
    const doc = await newDocument(test, { applicationId: application.id, kind: 'employee_list' });
    problem(await call(test.app, vo2, 'GET', `/api/documents/${doc.id}`), 404, 'NOT_FOUND');
    assert.equal((await call(test.app, operator, 'GET', `/api/documents/${doc.id}`)).statusCode, 200);
    problem(await call(test.app, vo1, 'GET', '/api/documents/00000000-0000-4000-8000-000000000000'), 404, 'NOT_FOUND');
    problem(await call(test.app, null, 'GET', `/api/documents/${doc.id}`), 401, 'UNAUTHENTICATED');
  });
});

describe('delete document', () => {
  it('deletes a draft’s document and audits it', async () => {
    const { application, request } = await draft();
    const appDoc = (await upload(test.app, vo1, `/api/applications/${application.id}/documents/employee_list`, pdf())).json();
    const reqDoc = (await upload(test.app, vo1, `/api/requests/${request.id}/documents/passport_copy`, pdf())).json();
    for (const doc of [appDoc, reqDoc]) {
      const response = await call(test.app, vo1, 'DELETE', `/api/documents/${doc.id}`);
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(await test.ctx.db.selectFrom('document').select('id').where('id', '=', doc.id).executeTakeFirst(), undefined);
      const audit = await auditRows(test, { event: 'DOCUMENT_DELETED', entityId: doc.id });
      assert.equal(audit.length, 1);
      assert.equal(audit[0].actor_user_id, demo.users.vo1);
    }
    problem(await call(test.app, vo1, 'GET', `/api/documents/${appDoc.id}`), 404, 'NOT_FOUND');
    assert.deepEqual((await call(test.app, vo1, 'GET', `/api/applications/${application.id}`)).json().documents, []);
  });

  it('another organization’s document is 404; the operator gets 404; the document stays', async () => {
    const { application } = await draft();
    const doc = await newDocument(test, { applicationId: application.id, kind: 'employee_list' });
    problem(await call(test.app, vo2, 'DELETE', `/api/documents/${doc.id}`), 404, 'NOT_FOUND');
    problem(await call(test.app, operator, 'DELETE', `/api/documents/${doc.id}`), 404, 'NOT_FOUND');
    assert.ok(await test.ctx.db.selectFrom('document').select('id').where('id', '=', doc.id).executeTakeFirst());
  });

  it('after sending, a document cannot be deleted (409)', async () => {
    const { application } = await draft('sent');
    const doc = await newDocument(test, { applicationId: application.id, kind: 'employee_list' });
    problem(await call(test.app, vo1, 'DELETE', `/api/documents/${doc.id}`), 409, 'INVALID_STATE');
    assert.ok(await test.ctx.db.selectFrom('document').select('id').where('id', '=', doc.id).executeTakeFirst());
  });

  it('the signed statement cannot be deleted by hand (409)', async () => {
    const { application, request } = await draft();
    const doc = await newDocument(test, { applicationId: application.id, requestId: request.id, kind: 'signed_statement' });
    problem(await call(test.app, vo1, 'DELETE', `/api/documents/${doc.id}`), 409, 'INVALID_STATE');
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { call, createTestApp, login, type Session, type TestApp, VO1 } from '../support/app';
import {
  type Demo,
  demoData,
  fieldProblem,
  newApplication,
  newContract,
  newPhone,
  newRequest,
  problem,
  requestBody,
} from '../support/factories';

let test: TestApp;
let demo: Demo;
let vo1: Session;

before(async () => {
  test = await createTestApp();
  demo = await demoData(test);
  vo1 = await login(test.app, VO1);
});
after(() => test.close());

describe('problem+json', () => {
  it('an unknown API route is a 404 problem', async () => {
    for (const [method, url] of [
      ['GET', '/api/nothing-here'],
      ['POST', '/api/applications/00000000-0000-4000-8000-000000000000/archive'],
      ['DELETE', '/api/organizations'],
    ] as const) {
      const response = await call(test.app, vo1, method, url);
      const body = problem(response, 404, 'NOT_FOUND');
      assert.equal(body.title, 'Не знайдено');
      assert.equal(body.type, 'about:blank#not_found');
      assert.ok(body.detail?.includes(url.split('?')[0]), body.detail);
    }
  });

  it('malformed JSON is a 400 naming the body', async () => {
    const response = await test.app.inject({
      method: 'POST',
      url: '/api/applications',
      headers: { cookie: vo1.cookie, 'x-csrf-token': vo1.csrfToken, 'content-type': 'application/json' },
      payload: '{"organizationId": ',
    });
    const body = fieldProblem(response, 'body');
    assert.equal(body.title, 'Перевірте введені дані');
  });

  it('an empty JSON body and a JSON body that is not an object are 400', async () => {
    const headers = { cookie: vo1.cookie, 'x-csrf-token': vo1.csrfToken, 'content-type': 'application/json' };
    problem(await test.app.inject({ method: 'POST', url: '/api/applications', headers, payload: '' }), 400, 'VALIDATION_FAILED');
    problem(await test.app.inject({ method: 'POST', url: '/api/applications', headers, payload: '[1,2]' }), 400, 'VALIDATION_FAILED');
    problem(await test.app.inject({ method: 'POST', url: '/api/applications', headers, payload: '"text"' }), 400, 'VALIDATION_FAILED');
  });

  it('a prototype-polluting body is refused with 400', async () => {
    const response = await test.app.inject({
      method: 'POST',
      url: '/api/applications',
      headers: { cookie: vo1.cookie, 'x-csrf-token': vo1.csrfToken, 'content-type': 'application/json' },
      payload: '{"__proto__": {"isAdmin": true}, "organizationId": "x"}',
    });
    problem(response, 400, 'VALIDATION_FAILED');
  });

  it('a body of an unknown media type is 415; plain text is a 400 naming the body', async () => {
    const headers = { cookie: vo1.cookie, 'x-csrf-token': vo1.csrfToken };
    problem(
      await test.app.inject({
        method: 'POST',
        url: '/api/applications',
        headers: { ...headers, 'content-type': 'application/xml' },
        payload: '<application/>',
      }),
      415,
      'UNSUPPORTED_CONTENT_TYPE',
    );
    fieldProblem(
      await test.app.inject({
        method: 'POST',
        url: '/api/applications',
        headers: { ...headers, 'content-type': 'text/plain' },
        payload: 'organizationId=1',
      }),
      'body',
    );
  });

  it('a JSON body over 1 MiB is 413', async () => {
    const response = await call(test.app, vo1, 'POST', '/api/applications', { organizationId: 'x'.repeat(1024 * 1024 + 10) });
    problem(response, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('validation errors name every offending field with a Ukrainian message', async () => {
    const response = await call(test.app, vo1, 'POST', `/api/applications/00000000-0000-4000-8000-000000000000/requests`, {});
    const body = problem(response, 400, 'VALIDATION_FAILED');
    const fields = (body.errors ?? []).map((e) => e.field).sort();
    for (const field of [
      'identityCode',
      'lastName',
      'firstAndMiddleName',
      'phone',
      'locality',
      'region',
      'department',
      'position',
      'email',
      'serviceId',
      'keyStorage',
    ]) {
      assert.ok(fields.includes(field), `${field} in ${fields.join(', ')}`);
    }
    for (const e of body.errors ?? []) assert.match(e.message, /[А-ЯІЇЄҐа-яіїєґ]/, `${e.field}: ${e.message}`);
  });

  it('control characters in free text are a 400 naming the field, not a database error', async () => {
    const contract = await newContract(test, demo.hospital.id);
    const application = await newApplication(test, {
      organizationId: demo.hospital.id,
      contractId: contract.id,
      createdBy: demo.users.vo1,
    });
    for (const field of ['locality', 'department', 'position', 'otherDocument']) {
      fieldProblem(
        await call(
          test.app,
          vo1,
          'POST',
          `/api/applications/${application.id}/requests`,
          requestBody(contract.serviceId, { [field]: 'Київ\u0000' }),
        ),
        field,
      );
    }
    fieldProblem(
      await call(
        test.app,
        vo1,
        'POST',
        `/api/applications/${application.id}/requests`,
        requestBody(contract.serviceId, { position: 'Лікар\ud800' }),
      ),
      'position',
    );
    fieldProblem(await call(test.app, vo1, 'GET', '/api/applications?number=%00'), 'number');
  });
});

describe('never a 500 for bad input', () => {
  // Strings of any code units (NUL, control characters, lone surrogates) in any JSON shape.
  const anyJson = fc.jsonValue({ stringUnit: 'binary', maxDepth: 3 });
  const anyString = fc.string({ unit: 'binary', maxLength: 40 });
  // Characters that break things: NUL, control characters, a lone surrogate, quotes, LIKE wildcards.
  const trickyString = fc.string({
    unit: fc.constantFrom('a', 'Ї', ' ', '\u0000', '\u001f', '\u007f', '\ud800', "'", '"', '\\', '%', '_', ';'),
    maxLength: 12,
  });
  const value = fc.oneof(
    anyJson,
    anyString,
    { arbitrary: trickyString, weight: 3 },
    fc.constantFrom('', ' ', '\u0000', '2026-12-14', '00000000-0000-4000-8000-000000000000', 'cloud', 'м.Київ', '3111923464'),
  );

  /**
   * Anything at all; bodies shaped like the real ones with every field possibly wrong; and — to
   * get past validation to the database — a valid body with one or two fields replaced.
   */
  function bodies(keys: string[], valid: () => Record<string, unknown>) {
    return fc.oneof(
      anyJson,
      fc.record(Object.fromEntries(keys.map((k) => [k, value])), { requiredKeys: [] }),
      fc.dictionary(anyString, value, { maxKeys: 5 }),
      {
        arbitrary: fc
          .dictionary(fc.constantFrom(...keys), value, { minKeys: 1, maxKeys: 2 })
          .map((changes) => ({ ...valid(), ...changes })),
        weight: 5,
      },
    );
  }

  const requestKeys = [
    'identityCode',
    'isReissue',
    'lastName',
    'firstAndMiddleName',
    'phone',
    'locality',
    'region',
    'otherDocument',
    'department',
    'position',
    'email',
    'serviceId',
    'keyStorage',
    'publishConsent',
  ];

  async function assertBelow500(method: 'GET' | 'POST' | 'PUT', url: string, body: unknown, session: Session | null = vo1) {
    const response = await test.app.inject({
      method,
      url,
      headers: {
        ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrfToken } : {}),
        ...(method === 'GET' ? {} : { 'content-type': 'application/json' }),
      },
      ...(method === 'GET' ? {} : { payload: JSON.stringify(body) ?? 'null' }),
    });
    if (response.statusCode >= 500) throw new Error(`${method} ${url} ${JSON.stringify(body)} → ${response.statusCode} ${response.body}`);
    assert.match(String(response.headers['content-type']), /json/);
  }

  it('fuzzes the write endpoints with random JSON bodies', async () => {
    const contract = await newContract(test, demo.hospital.id);
    const application = await newApplication(test, {
      organizationId: demo.hospital.id,
      contractId: contract.id,
      createdBy: demo.users.vo1,
    });
    const request = await newRequest(test, application.id, contract.serviceId);
    const unknownPhone = newPhone();
    const targets: Array<{
      method: 'POST' | 'PUT';
      url: string;
      keys: string[];
      valid: () => Record<string, unknown>;
      anonymous?: boolean;
    }> = [
      {
        method: 'POST',
        url: '/api/applications',
        keys: ['organizationId', 'contractId', 'visitRequired', 'visitDate'],
        valid: () => ({ organizationId: demo.hospital.id, contractId: contract.id, visitRequired: true, visitDate: '2026-12-10' }),
      },
      {
        method: 'PUT',
        url: `/api/applications/${application.id}`,
        keys: ['contractId', 'visitRequired', 'visitDate', 'renewalDate'],
        valid: () => ({ contractId: contract.id, visitRequired: true, visitDate: '2026-12-10', renewalDate: '2026-12-14' }),
      },
      {
        method: 'POST',
        url: `/api/applications/${application.id}/requests`,
        keys: requestKeys,
        valid: () => requestBody(contract.serviceId),
      },
      {
        method: 'PUT',
        url: `/api/requests/${request.id}`,
        keys: requestKeys,
        valid: () => requestBody(contract.serviceId, { identityCode: request.identity_code }),
      },
      {
        method: 'POST',
        url: `/api/applications/${application.id}/submit`,
        keys: ['renewalDate'],
        valid: () => ({ renewalDate: '2026-12-14' }),
      },
      {
        method: 'POST',
        url: '/api/auth/login',
        keys: ['phone', 'password'],
        valid: () => ({ phone: unknownPhone, password: 'password' }),
        anonymous: true,
      },
      {
        method: 'POST',
        url: '/api/auth/invitations/abcdefghijklmnopqrstuvwxyz',
        keys: ['password', 'passwordConfirmation'],
        valid: () => ({ password: 'long-password', passwordConfirmation: 'long-password' }),
        anonymous: true,
      },
    ];
    for (const target of targets) {
      await fc.assert(
        fc.asyncProperty(bodies(target.keys, target.valid), async (body) => {
          await assertBelow500(target.method, target.url, body, target.anonymous ? null : vo1);
        }),
        { numRuns: 100 },
      );
    }
  });

  it('fuzzes query strings of the list and the look-up', async () => {
    const person = vo1;
    const query = fc.dictionary(fc.constantFrom('status', 'organizationId', 'createdFrom', 'createdTo', 'number', 'code', 'x'), anyString, {
      maxKeys: 4,
    });
    await fc.assert(
      fc.asyncProperty(query, fc.boolean(), async (params, isLookup) => {
        const search = new URLSearchParams(params);
        if (isLookup && !params.organizationId) search.set('organizationId', demo.hospital.id);
        await assertBelow500('GET', `${isLookup ? '/api/people/lookup' : '/api/applications'}?${search}`, undefined, person);
      }),
      { numRuns: 100 },
    );
  });

  it('fuzzes uploads with broken multipart bodies', async () => {
    const contract = await newContract(test, demo.hospital.id);
    const application = await newApplication(test, {
      organizationId: demo.hospital.id,
      contractId: contract.id,
      createdBy: demo.users.vo1,
    });
    const part = (name: string, filename: string | null, content: string) =>
      `--b\r\nContent-Disposition: form-data; name="${name}"${filename === null ? '' : `; filename="${filename}"`}\r\n\r\n${content}\r\n`;
    const piece = fc.oneof(
      fc.constantFrom(
        '--b\r\n',
        '--b--\r\n',
        '\r\n',
        '\r\n\r\n',
        'Content-Disposition: form-data; name="file"; filename="a.pdf"\r\n',
        '%PDF-1.4\n',
      ),
      fc
        .tuple(
          fc.constantFrom('file', 'x', ''),
          fc.option(fc.constantFrom('a.pdf', '', '../x')),
          fc.constantFrom('%PDF-1.4', '\x89PNG\r\n\x1a\n', 'MZ', ''),
        )
        .map(([n, f, c]) => part(n, f, c)),
      anyString,
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(piece, { maxLength: 6 }),
        fc.constantFrom('multipart/form-data; boundary=b', 'multipart/form-data', 'multipart/form-data; boundary='),
        async (pieces, contentType) => {
          const response = await test.app.inject({
            method: 'POST',
            url: `/api/applications/${application.id}/documents/employee_list`,
            headers: { cookie: vo1.cookie, 'x-csrf-token': vo1.csrfToken, 'content-type': contentType },
            payload: Buffer.from(pieces.join(''), 'latin1'),
          });
          if (response.statusCode >= 500) throw new Error(`${JSON.stringify(pieces)} → ${response.statusCode} ${response.body}`);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('fuzzes path parameters', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
        fc.constantFrom('/api/applications/', '/api/requests/', '/api/documents/', '/api/auth/invitations/'),
        async (id, prefix) => {
          await assertBelow500('GET', `${prefix}${encodeURIComponent(id)}`, undefined);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('OpenAPI', () => {
  it('/api/docs serves the UI', async () => {
    let response = await test.app.inject({ method: 'GET', url: '/api/docs' });
    if (response.statusCode >= 300 && response.statusCode < 400)
      response = await test.app.inject({ method: 'GET', url: String(response.headers.location) });
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^text\/html/);
    assert.match(response.body, /Swagger UI/);
  });

  it('/api/docs/json lists the routes with their schemas', async () => {
    const response = await test.app.inject({ method: 'GET', url: '/api/docs/json' });
    assert.equal(response.statusCode, 200);
    const spec = response.json();
    assert.match(spec.openapi, /^3\./);
    assert.equal(spec.info.title, 'Кабінет відповідальної особи — HTTP API');
    for (const [path, method] of [
      ['/api/auth/login', 'post'],
      ['/api/auth/logout', 'post'],
      ['/api/auth/session', 'get'],
      ['/api/organizations', 'get'],
      ['/api/applications', 'get'],
      ['/api/applications', 'post'],
      ['/api/applications/{id}', 'get'],
      ['/api/applications/{id}', 'put'],
      ['/api/applications/{id}', 'delete'],
      ['/api/applications/{id}/submit', 'post'],
      ['/api/applications/{id}/pdf', 'get'],
      ['/api/applications/{id}/requests', 'post'],
      ['/api/people/lookup', 'get'],
      ['/api/requests/{id}', 'put'],
      ['/api/requests/{id}/send-for-signing', 'post'],
      ['/api/requests/{id}/statement.pdf', 'get'],
      ['/api/applications/{id}/documents/{kind}', 'post'],
      ['/api/documents/{id}', 'get'],
    ]) {
      assert.ok(spec.paths[path]?.[method], `${method.toUpperCase()} ${path}`);
    }
    const create = spec.paths['/api/applications/{id}/requests'].post;
    assert.ok(create.requestBody.content['application/json'].schema.properties.identityCode);
  });
});

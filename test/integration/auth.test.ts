import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { renderInvitationEmail } from '../../src/server/email';
import { enqueueEmail } from '../../src/server/repositories/outbox.repository';
import { createInvitation, createUser, linkUserToOrganization } from '../../src/server/repositories/user.repository';
import { hashToken, newToken } from '../../src/server/security/tokens';
import { call, createTestApp, login, OPERATOR, type Session, type TestApp, VO1, VO2 } from '../support/app';
import {
  auditRows,
  type Demo,
  demoData,
  fieldProblem,
  newPhone,
  newResponsiblePerson,
  outboxRows,
  problem,
  rowCounts,
} from '../support/factories';

let test: TestApp;
let demo: Demo;
// Logins are limited to 10 a minute per phone: the tests share sessions where they can.
let vo1: Session;

before(async () => {
  test = await createTestApp();
  demo = await demoData(test);
  vo1 = await login(test.app, VO1);
});
after(() => test.close());

function postLogin(payload: unknown) {
  return test.app.inject({ method: 'POST', url: '/api/auth/login', payload: payload as object });
}

async function sessionCount(userId: string) {
  const row = await test.ctx.db
    .selectFrom('session')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('login', () => {
  for (const phone of ['+380501234567', '0501234567', '+38 050 123 45 67', '38 (050) 123-45-67']) {
    it(`accepts the phone written as ${JSON.stringify(phone)} and normalizes it`, async () => {
      const response = await postLogin({ phone, password: VO1.password });
      assert.equal(response.statusCode, 200, response.body);
      const body = response.json();
      assert.equal(body.user.phone, '+380501234567');
      assert.equal(body.user.role, 'responsible_person');
      assert.equal(body.user.fullName, 'Петренко Марія Іванівна');
      assert.match(body.csrfToken, /^[\w-]{20,}$/);
      const cookie = response.cookies.find((c) => c.name === 'kep_session');
      assert.ok(cookie, 'session cookie set');
      assert.equal(cookie.httpOnly, true);
      assert.equal(cookie.sameSite, 'Strict');
      assert.equal(cookie.path, '/');
      assert.ok(!('password_hash' in body.user));
    });
  }

  it('records the login in the audit log with the address', async () => {
    const before = (await auditRows(test, { event: 'USER_LOGGED_IN', entityId: demo.users.vo2 })).length;
    await login(test.app, VO2);
    const rows = await auditRows(test, { event: 'USER_LOGGED_IN', entityId: demo.users.vo2 });
    assert.equal(rows.length, before + 1);
    const row = rows.at(-1);
    assert.equal(row?.actor_user_id, demo.users.vo2);
    assert.equal(row?.actor_role, 'responsible_person');
    assert.equal(row?.ip, '127.0.0.1');
  });

  it('refuses a wrong password with 401, creates no session and audits the failure', async () => {
    const sessions = await sessionCount(demo.users.vo1);
    const failures = (await auditRows(test, { event: 'USER_LOGIN_FAILED' })).length;
    const response = await postLogin({ phone: VO1.phone, password: 'wrong-password' });
    const body = problem(response, 401, 'INVALID_CREDENTIALS');
    assert.equal(body.title, 'Невірний номер телефону або пароль');
    assert.equal(
      response.cookies.find((c) => c.name === 'kep_session'),
      undefined,
    );
    assert.equal(await sessionCount(demo.users.vo1), sessions);
    const rows = await auditRows(test, { event: 'USER_LOGIN_FAILED' });
    assert.equal(rows.length, failures + 1);
    assert.equal(rows.at(-1)?.entity_id, demo.users.vo1);
  });

  it('answers an unknown phone exactly like a wrong password', async () => {
    const response = await postLogin({ phone: newPhone(), password: 'whatever-password' });
    problem(response, 401, 'INVALID_CREDENTIALS');
  });

  it('refuses a blocked account with 403 after a correct password', async () => {
    const blocked = await newResponsiblePerson(test, demo.hospital.id, { blocked: true });
    const response = await postLogin({ phone: blocked.phone, password: blocked.password });
    problem(response, 403, 'ACCOUNT_BLOCKED');
    assert.equal(await sessionCount(blocked.id), 0);
  });

  it('names the field of a malformed phone or a missing password', async () => {
    fieldProblem(await postLogin({ phone: '12345', password: 'x' }), 'phone');
    fieldProblem(await postLogin({ phone: '+7 912 345 67 89', password: 'x' }), 'phone');
    fieldProblem(await postLogin({ phone: VO1.phone, password: '' }), 'password');
    fieldProblem(await postLogin({ phone: VO1.phone }), 'password');
  });

  it('allows 10 attempts a minute for one phone, then answers 429 even to the right password', async () => {
    const person = await newResponsiblePerson(test, demo.hospital.id);
    for (let i = 0; i < 10; i++) {
      problem(await postLogin({ phone: person.phone, password: `wrong-${i}` }), 401, 'INVALID_CREDENTIALS');
    }
    // The same phone in another spelling is the same key.
    const national = `0${person.phone.slice(4)}`;
    const limited = await postLogin({ phone: national, password: person.password });
    const body = problem(limited, 429, 'RATE_LIMITED');
    assert.equal(body.title, 'Забагато спроб. Спробуйте пізніше');
    assert.equal(await sessionCount(person.id), 0);
    // Another phone from the same address is not locked out.
    const other = await postLogin({ phone: VO2.phone, password: VO2.password });
    assert.equal(other.statusCode, 200, other.body);
  });
});

describe('session and logout', () => {
  it('answers 401 without a session cookie', async () => {
    problem(await test.app.inject({ method: 'GET', url: '/api/auth/session' }), 401, 'UNAUTHENTICATED');
    problem(
      await test.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: 'kep_session=forged-token-value' } }),
      401,
      'UNAUTHENTICATED',
    );
  });

  it('returns the user of a live session, and 401 after logout', async () => {
    const session = await login(test.app, VO1);
    const live = await call(test.app, session, 'GET', '/api/auth/session');
    assert.equal(live.statusCode, 200);
    assert.equal(live.json().user.id, demo.users.vo1);
    assert.equal(live.json().csrfToken, session.csrfToken);

    const loggedOut = (await auditRows(test, { event: 'USER_LOGGED_OUT', entityId: demo.users.vo1 })).length;
    const logout = await call(test.app, session, 'POST', '/api/auth/logout');
    assert.equal(logout.statusCode, 200);
    assert.deepEqual(logout.json(), { ok: true });
    const cleared = logout.cookies.find((c) => c.name === 'kep_session');
    assert.ok(
      cleared && (cleared.value === '' || (cleared.maxAge ?? 1) <= 0 || (cleared.expires && cleared.expires.getTime() < Date.now())),
    );

    problem(await call(test.app, session, 'GET', '/api/auth/session'), 401, 'UNAUTHENTICATED');
    problem(await call(test.app, session, 'GET', '/api/applications'), 401, 'UNAUTHENTICATED');
    assert.equal((await auditRows(test, { event: 'USER_LOGGED_OUT', entityId: demo.users.vo1 })).length, loggedOut + 1);
  });

  it('a session expires after 12 hours', async () => {
    const session = await login(test.app, VO2);
    const start = test.clock.now;
    try {
      test.clock.now = new Date(start.getTime() + 12 * 3600_000 + 1000);
      problem(await call(test.app, session, 'GET', '/api/auth/session'), 401, 'UNAUTHENTICATED');
    } finally {
      test.clock.now = start;
    }
    assert.equal((await call(test.app, session, 'GET', '/api/auth/session')).statusCode, 200);
  });

  it('logging out of one session leaves the others alive', async () => {
    const first = await login(test.app, VO2);
    const second = await login(test.app, VO2);
    assert.equal((await call(test.app, first, 'POST', '/api/auth/logout')).statusCode, 200);
    assert.equal((await call(test.app, second, 'GET', '/api/auth/session')).statusCode, 200);
  });
});

describe('CSRF', () => {
  it('refuses a POST with the session cookie but without x-csrf-token (403), and saves nothing', async () => {
    const session = vo1;
    const counts = await rowCounts(test, ['application', 'application_counter', 'audit_log']);
    const response = await test.app.inject({
      method: 'POST',
      url: '/api/applications',
      headers: { cookie: session.cookie },
      payload: { organizationId: demo.hospital.id, contractId: demo.hospital.contractId },
    });
    problem(response, 403, 'CSRF_FAILED');
    assert.deepEqual(await rowCounts(test, ['application', 'application_counter', 'audit_log']), counts);
  });

  it('refuses a wrong token, and another session’s token', async () => {
    const session = vo1;
    const other = await login(test.app, VO1);
    const counts = await rowCounts(test, ['application']);
    for (const token of ['not-the-token', other.csrfToken, '']) {
      const response = await test.app.inject({
        method: 'POST',
        url: '/api/applications',
        headers: { cookie: session.cookie, 'x-csrf-token': token },
        payload: { organizationId: demo.hospital.id, contractId: demo.hospital.contractId },
      });
      problem(response, 403, 'CSRF_FAILED');
    }
    assert.deepEqual(await rowCounts(test, ['application']), counts);
  });

  it('guards PUT and DELETE too, and logout: a forged logout does not end the session', async () => {
    const session = vo1;
    const headers = { cookie: session.cookie };
    problem(
      await test.app.inject({ method: 'DELETE', url: '/api/applications/00000000-0000-4000-8000-000000000000', headers }),
      403,
      'CSRF_FAILED',
    );
    problem(
      await test.app.inject({ method: 'PUT', url: '/api/requests/00000000-0000-4000-8000-000000000000', headers, payload: {} }),
      403,
      'CSRF_FAILED',
    );
    problem(await test.app.inject({ method: 'POST', url: '/api/auth/logout', headers }), 403, 'CSRF_FAILED');
    assert.equal((await call(test.app, session, 'GET', '/api/auth/session')).statusCode, 200);
  });

  it('GET needs no token', async () => {
    const response = await test.app.inject({ method: 'GET', url: '/api/applications', headers: { cookie: vo1.cookie } });
    assert.equal(response.statusCode, 200);
  });
});

describe('invitation', () => {
  /** What `npm run admin -- create-user` does: the user without a password, an invitation, its e-mail. */
  async function invite(values: { expiresInHours?: number } = {}) {
    const db = test.ctx.db;
    const user = await createUser(db, {
      phone: newPhone(),
      email: 'new.vo@example.com',
      fullName: 'Новенька Оксана Ігорівна',
      role: 'responsible_person',
      passwordHash: null,
    });
    await linkUserToOrganization(db, user.id, demo.hospital.id);
    const token = newToken();
    const expiresAt = new Date(test.ctx.now().getTime() + (values.expiresInHours ?? 72) * 3600_000);
    await createInvitation(db, { tokenHash: hashToken(token), userId: user.id, expiresAt });
    await enqueueEmail(db, {
      to: user.email,
      ...renderInvitationEmail({
        fullName: user.full_name,
        phone: user.phone,
        link: `${test.ctx.config.publicUrl}/invitation/${token}`,
        expiresAt: '10.12.2026',
      }),
    });
    return { user, token, expiresAt };
  }

  it('shows whom it is for, sets the password once, and then the person can log in', async () => {
    const { user, token, expiresAt } = await invite();
    const mail = (await outboxRows(test, { to: 'new.vo@example.com' })).at(-1);
    assert.ok(mail?.text_body.includes(`http://cabinet.test/invitation/${token}`));

    const info = await test.app.inject({ method: 'GET', url: `/api/auth/invitations/${token}` });
    assert.equal(info.statusCode, 200, info.body);
    assert.deepEqual(info.json(), { fullName: 'Новенька Оксана Ігорівна', phone: user.phone, expiresAt: expiresAt.toISOString() });

    // No password yet: nobody can log in to the account.
    problem(await postLogin({ phone: user.phone, password: 'new-password-2026' }), 401, 'INVALID_CREDENTIALS');

    const accepted = await test.app.inject({
      method: 'POST',
      url: `/api/auth/invitations/${token}`,
      payload: { password: 'new-password-2026', passwordConfirmation: 'new-password-2026' },
    });
    assert.equal(accepted.statusCode, 200, accepted.body);
    assert.deepEqual(accepted.json(), { ok: true });
    const audit = await auditRows(test, { event: 'USER_PASSWORD_SET', entityId: user.id });
    assert.equal(audit.length, 1);
    const invitation = await test.ctx.db
      .selectFrom('invitation')
      .selectAll()
      .where('token_hash', '=', hashToken(token))
      .executeTakeFirstOrThrow();
    assert.equal(invitation.used_at?.getTime(), test.clock.now.getTime());

    // Single use: neither the info nor a second password works any more.
    problem(await test.app.inject({ method: 'GET', url: `/api/auth/invitations/${token}` }), 404, 'NOT_FOUND');
    problem(
      await test.app.inject({
        method: 'POST',
        url: `/api/auth/invitations/${token}`,
        payload: { password: 'attacker-password', passwordConfirmation: 'attacker-password' },
      }),
      404,
      'NOT_FOUND',
    );

    const session = await login(test.app, { phone: user.phone, password: 'new-password-2026' });
    const me = await call(test.app, session, 'GET', '/api/auth/session');
    assert.equal(me.json().user.id, user.id);
    problem(await postLogin({ phone: user.phone, password: 'attacker-password' }), 401, 'INVALID_CREDENTIALS');
  });

  it('an expired invitation is 404 and sets nothing', async () => {
    const { user, token } = await invite({ expiresInHours: -1 });
    problem(await test.app.inject({ method: 'GET', url: `/api/auth/invitations/${token}` }), 404, 'NOT_FOUND');
    problem(
      await test.app.inject({
        method: 'POST',
        url: `/api/auth/invitations/${token}`,
        payload: { password: 'new-password-2026', passwordConfirmation: 'new-password-2026' },
      }),
      404,
      'NOT_FOUND',
    );
    const row = await test.ctx.db.selectFrom('app_user').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow();
    assert.equal(row.password_hash, null);
  });

  it('an unknown token is 404', async () => {
    problem(await test.app.inject({ method: 'GET', url: `/api/auth/invitations/${newToken()}` }), 404, 'NOT_FOUND');
  });

  it('names the field of a short password or a mismatched confirmation, and keeps the invitation usable', async () => {
    const { token } = await invite();
    const url = `/api/auth/invitations/${token}`;
    fieldProblem(await test.app.inject({ method: 'POST', url, payload: { password: 'short', passwordConfirmation: 'short' } }), 'password');
    fieldProblem(
      await test.app.inject({ method: 'POST', url, payload: { password: 'long-enough-1', passwordConfirmation: 'long-enough-2' } }),
      'passwordConfirmation',
    );
    assert.equal((await test.app.inject({ method: 'GET', url })).statusCode, 200);
  });
});

describe('roles', () => {
  it('the operator logs in with the operator role', async () => {
    const session = await login(test.app, OPERATOR);
    const me = await call(test.app, session, 'GET', '/api/auth/session');
    assert.equal(me.json().user.role, 'operator');
  });
});

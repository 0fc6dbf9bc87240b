import assert from 'node:assert/strict';
import { type AddressInfo, createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { type AddressObject, type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { INVITATION_SUBJECT, renderInvitationEmail } from '../../src/server/email';
import { type MailDispatcher, startMailDispatcher } from '../../src/server/jobs/mail-dispatcher';
import { enqueueEmail } from '../../src/server/repositories/outbox.repository';
import { call, createTestApp, login, type Session, type TestApp, VO1 } from '../support/app';
import { type Demo, demoData, newApplication, newContract, newDocument, newRequest, outboxRows, requestBody } from '../support/factories';

type Received = { mail: ParsedMail; from: string; to: string[] };

let test: TestApp;
let demo: Demo;
let vo1: Session;
let smtp: SMTPServer;
let smtpPort: number;
const received: Received[] = [];
const dispatchers: MailDispatcher[] = [];

function dispatcher(port: number): MailDispatcher {
  // A long interval: only runOnce() sends, so a test sees exactly what its own run did.
  const d = startMailDispatcher(test.ctx, `smtp://127.0.0.1:${port}`, 3_600_000);
  dispatchers.push(d);
  return d;
}

before(async () => {
  test = await createTestApp();
  demo = await demoData(test);
  vo1 = await login(test.app, VO1);
  smtp = new SMTPServer({
    authOptional: true,
    // Plain SMTP on loopback: no STARTTLS with a self-signed certificate to refuse.
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          received.push({
            mail,
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
          });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;
});

after(async () => {
  for (const d of dispatchers) await d.stop();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await test.close();
});

function messagesTo(address: string): Received[] {
  return received.filter((r) => r.to.includes(address));
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(field) ? field : field ? [field] : [];
  return list.flatMap((a) => a.value.map((v) => v.address ?? ''));
}

async function draftWithRequest(email: string) {
  const contract = await newContract(test, demo.hospital.id);
  const application = await newApplication(test, { organizationId: demo.hospital.id, contractId: contract.id, createdBy: demo.users.vo1 });
  const created = await call(
    test.app,
    vo1,
    'POST',
    `/api/applications/${application.id}/requests`,
    requestBody(contract.serviceId, { email, lastName: 'Ґудзь', firstAndMiddleName: "Мар'яна Їжакевич" }),
  );
  assert.equal(created.statusCode, 201, created.body);
  return { application, requestId: created.json().id as string };
}

describe('mail over SMTP', () => {
  it('delivers “Підпис файлу <ID>” to the employee with the signing link, in intact Ukrainian', async () => {
    const email = 'gudz.signing@example.com';
    const { requestId } = await draftWithRequest(email);
    const sent = await call(test.app, vo1, 'POST', `/api/requests/${requestId}/send-for-signing`);
    assert.equal(sent.statusCode, 200, sent.body);
    const { signingId, link } = sent.json().signing;

    const count = await dispatcher(smtpPort).runOnce();
    assert.equal(count, 1);

    const messages = messagesTo(email);
    assert.equal(messages.length, 1);
    const { mail, from } = messages[0];
    assert.equal(mail.subject, `Підпис файлу ${signingId}`);
    assert.match(mail.subject ?? '', /^Підпис файлу [0-9A-F]{32}$/);
    assert.deepEqual(addresses(mail.to), [email]);
    assert.equal(from, 'noreply@esign.example.com');
    assert.equal(mail.from?.value[0].name, 'КНЕДП «Демо-Сервіс»');
    assert.ok(mail.text?.includes(link), 'link in the text part');
    assert.ok(typeof mail.html === 'string' && mail.html.includes(link), 'link in the html part');
    assert.ok(mail.text?.includes("Добрий день, Ґудзь Мар'яна Їжакевич!"), mail.text);
    assert.ok(mail.text?.includes('КНП «Демонстраційна лікарня №1»'));
    assert.ok(!mail.text?.includes('\uFFFD'), 'no replacement characters');

    const [row] = await outboxRows(test, { to: email });
    assert.equal(row.status, 'sent');
    assert.equal(row.attempts, 1);
    assert.equal(row.last_error, null);
    assert.ok(row.sent_at);

    // Sent once only.
    assert.equal(await dispatcher(smtpPort).runOnce(), 0);
    assert.equal(messagesTo(email).length, 1);
  });

  it('delivers the operator’s notice when an application is sent', async () => {
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
    const submitted = await call(test.app, vo1, 'POST', `/api/applications/${application.id}/submit`, { renewalDate: '2026-12-14' });
    assert.equal(submitted.statusCode, 200, submitted.body);

    const before = messagesTo('operator@example.com').length;
    assert.equal(await dispatcher(smtpPort).runOnce(), 1);
    const messages = messagesTo('operator@example.com');
    assert.equal(messages.length, before + 1);
    const { mail } = messages.at(-1) as Received;
    assert.equal(mail.subject, `Заявка ${application.number} відправлена до eSign — КНП «Демонстраційна лікарня №1»`);
    assert.deepEqual(addresses(mail.to), ['operator@example.com']);
    assert.ok(mail.text?.includes(`http://cabinet.test/applications/${application.id}`));
    assert.ok(mail.text?.includes('Дата продовження: 14.12.2026'), mail.text);
    assert.ok(mail.text?.includes('Відповідальна особа: Петренко Марія Іванівна'), mail.text);
  });

  it('delivers an invitation written the way the admin CLI writes it', async () => {
    const link = 'http://cabinet.test/invitation/abcdefghijklmnop';
    await enqueueEmail(test.ctx.db, {
      to: 'invitee@example.com',
      ...renderInvitationEmail({ fullName: 'Нова Особа Іванівна', phone: '+380671234567', link, expiresAt: '10.12.2026' }),
    });
    assert.equal(await dispatcher(smtpPort).runOnce(), 1);
    const [message] = messagesTo('invitee@example.com');
    assert.equal(message.mail.subject, INVITATION_SUBJECT);
    assert.ok(message.mail.text?.includes(link));
  });

  it('a failing SMTP server leaves the mail pending with the error, then it goes out on a later run', async () => {
    const closed = await new Promise<number>((resolve) => {
      const probe = createServer();
      probe.listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const email = 'gudz.retry@example.com';
    const { requestId } = await draftWithRequest(email);
    assert.equal((await call(test.app, vo1, 'POST', `/api/requests/${requestId}/send-for-signing`)).statusCode, 200);

    const started = Date.now();
    assert.equal(await dispatcher(closed).runOnce(), 1);
    const [failed] = await outboxRows(test, { to: email });
    assert.equal(failed.status, 'pending');
    assert.equal(failed.attempts, 1);
    assert.ok(failed.last_error && failed.last_error.length > 0, 'last_error recorded');
    assert.match(failed.last_error ?? '', /ECONNREFUSED|connect/i);
    assert.equal(failed.sent_at, null);
    // Retried later, not at once.
    assert.ok(failed.next_attempt_at.getTime() > started);
    assert.equal(await dispatcher(smtpPort).runOnce(), 0);
    assert.equal(messagesTo(email).length, 0);

    // The outbox runs on the database's clock: let the retry delay pass there.
    await sql`update email_outbox set next_attempt_at = now() where recipient = ${email}`.execute(test.ctx.db);
    assert.equal(await dispatcher(smtpPort).runOnce(), 1);
    assert.equal(messagesTo(email).length, 1);
    const [row] = await outboxRows(test, { to: email });
    assert.equal(row.status, 'sent');
    assert.equal(row.attempts, 2);
  });
});

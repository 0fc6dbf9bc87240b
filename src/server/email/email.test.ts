import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeHtml, renderApplicationSentEmail, renderInvitationEmail, renderSigningRequestEmail } from './index';

const EVIL = '<script>alert("x")</script>';
const LINK = 'https://cabinet.example.ua/sign/7CECA2612A624EF4890C43F91DE96458.abc?x=1&y=2';
const SIGNING_ID = '7CECA2612A624EF4890C43F91DE96458';

function assertLinkInBoth(mail: { text: string; html: string }, link: string): void {
  assert.ok(mail.text.includes(link), 'link missing from text');
  assert.ok(mail.html.includes(`href="${escapeHtml(link)}"`), 'link missing from html');
}

function assertNoRawScript(html: string): void {
  assert.ok(!/<script/i.test(html), 'raw <script> in html');
  assert.ok(html.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'), 'escaped script missing');
}

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    assert.equal(escapeHtml(`<a href="x">Мар'яна & Co</a>`), '&lt;a href=&quot;x&quot;&gt;Мар&#39;яна &amp; Co&lt;/a&gt;');
  });
});

describe('renderSigningRequestEmail', () => {
  const data = {
    signingId: SIGNING_ID,
    link: LINK,
    personName: "Мар'яна Ґудзь",
    organizationName: 'КНП «Демонстраційна лікарня №1»',
    applicationNumber: '122026/7',
    expiresAt: '15.12.2026',
  };

  it('has the guide’s exact subject', () => {
    assert.equal(renderSigningRequestEmail(data).subject, `Підпис файлу ${SIGNING_ID}`);
  });

  it('puts the link, the expiry and the current-key instruction in both parts', () => {
    const mail = renderSigningRequestEmail(data);
    assertLinkInBoth(mail, LINK);
    for (const part of [mail.text, mail.html]) {
      assert.ok(part.includes('15.12.2026'));
      assert.ok(part.includes('чинним'));
      assert.ok(part.includes(SIGNING_ID));
    }
    assert.ok(mail.text.includes("Добрий день, Мар'яна Ґудзь!"));
    assert.ok(mail.text.includes('КНП «Демонстраційна лікарня №1»'));
    assert.ok(mail.html.includes('Мар&#39;яна Ґудзь'));
  });

  it('escapes names in the html', () => {
    const mail = renderSigningRequestEmail({ ...data, personName: EVIL, organizationName: EVIL });
    assertNoRawScript(mail.html);
    assert.ok(mail.text.includes(EVIL), 'plain text keeps the name as typed');
  });

  it('refuses a link that is not http(s)', () => {
    assert.throws(() => renderSigningRequestEmail({ ...data, link: 'javascript:alert(1)' }));
  });
});

describe('renderApplicationSentEmail', () => {
  const data = {
    applicationNumber: '122026/7',
    organizationName: 'КНП «Демонстраційна лікарня №1»',
    edrpou: '43005049',
    renewalDate: '15.12.2026',
    requestCount: 300,
    link: 'https://cabinet.example.ua/operator/applications/42',
    responsiblePersonName: 'Бондаренко Олена Петрівна',
  };

  it('has the exact subject', () => {
    assert.equal(renderApplicationSentEmail(data).subject, 'Заявка 122026/7 відправлена до eSign — КНП «Демонстраційна лікарня №1»');
  });

  it('lists the facts and the link', () => {
    const mail = renderApplicationSentEmail(data);
    assertLinkInBoth(mail, data.link);
    for (const value of ['43005049', '15.12.2026', '300', 'Бондаренко Олена Петрівна']) {
      assert.ok(mail.text.includes(value) && mail.html.includes(value), `missing ${value}`);
    }
  });

  it('escapes the organization name and keeps the subject on one line', () => {
    const mail = renderApplicationSentEmail({ ...data, organizationName: `${EVIL}\r\nBcc: x@example.com`, responsiblePersonName: EVIL });
    assertNoRawScript(mail.html);
    assert.ok(!/[\r\n]/.test(mail.subject));
  });
});

describe('renderInvitationEmail', () => {
  const data = {
    fullName: 'Бондаренко Олена Петрівна',
    link: 'https://cabinet.example.ua/invite/abc123',
    expiresAt: '08.12.2026',
    phone: '+380501234567',
  };

  it('has the exact subject', () => {
    assert.equal(renderInvitationEmail(data).subject, 'Запрошення до кабінету відповідальної особи');
  });

  it('gives the login, the link and its expiry', () => {
    const mail = renderInvitationEmail(data);
    assertLinkInBoth(mail, data.link);
    for (const value of ['+380501234567', '08.12.2026', 'Бондаренко Олена Петрівна']) {
      assert.ok(mail.text.includes(value) && mail.html.includes(value), `missing ${value}`);
    }
  });

  it('escapes the name in the html', () => {
    assertNoRawScript(renderInvitationEmail({ ...data, fullName: EVIL }).html);
  });
});

import { assertHttpLink, button, details, escapeHtml, htmlDocument, oneLine, paragraph, type RenderedEmail, TEXT_FOOTER } from './layout';

/** One shape for the operator's decisions and the renewal's results: a lead, facts, what to do, a button. */
function renderNotice(d: {
  subject: string;
  lead: string;
  facts: Array<[string, string]>;
  next: string;
  link: string;
  action: string;
}): RenderedEmail {
  const link = assertHttpLink(d.link);
  const subject = oneLine(d.subject);
  const text = [d.lead, '', ...d.facts.map(([label, value]) => `${label}: ${value}`), '', d.next, link, '', TEXT_FOOTER].join('\n');
  const html = htmlDocument(
    subject,
    paragraph(escapeHtml(d.lead)) + details(d.facts) + paragraph(escapeHtml(d.next)) + button(link, d.action),
  );
  return { subject, text, html };
}

export function renderRequestRejectedEmail(d: {
  applicationNumber: string;
  requestNumber: number;
  personName: string;
  reason: string;
  link: string;
}) {
  return renderNotice({
    subject: `Запит №${d.requestNumber} заявки ${d.applicationNumber} ВІДХИЛЕНО — ${d.personName}`,
    lead: `Оператор КНЕДП відхилив запит на сертифікат для ${d.personName}.`,
    facts: [
      ['Заявка', `№ ${d.applicationNumber}`],
      ['Запит', `№ ${d.requestNumber}`],
      ['Причина', d.reason],
    ],
    next: 'Виправте дані запиту та надішліть заяву на підпис знову:',
    link: d.link,
    action: 'Відкрити запит',
  });
}

export function renderApplicationReturnedEmail(d: { applicationNumber: string; organizationName: string; comment: string; link: string }) {
  return renderNotice({
    subject: `Заявку ${d.applicationNumber} повернуто на доопрацювання`,
    lead: `Оператор КНЕДП повернув заявку № ${d.applicationNumber} (${d.organizationName}) на доопрацювання.`,
    facts: [
      ['Заявка', `№ ${d.applicationNumber}`],
      ['Що виправити', d.comment],
    ],
    next: 'Виправте заявку та відправте її знову:',
    link: d.link,
    action: 'Відкрити заявку',
  });
}

export function renderApplicationAcceptedEmail(d: { applicationNumber: string; renewalDate: string; requestCount: number; link: string }) {
  return renderNotice({
    subject: `Заявку ${d.applicationNumber} прийнято: продовження ${d.renewalDate}`,
    lead: `Заявку № ${d.applicationNumber} прийнято. Сертифікати буде сформовано ${d.renewalDate}.`,
    facts: [
      ['Заявка', `№ ${d.applicationNumber}`],
      ['Дата продовження', d.renewalDate],
      ['Сертифікатів буде сформовано', String(d.requestCount)],
    ],
    next: 'Строк дії нових сертифікатів почнеться з дня продовження. Стан заявки:',
    link: d.link,
    action: 'Відкрити заявку',
  });
}

export function renderCertificateIssuedEmail(d: {
  personName: string;
  serial: string;
  notBefore: string;
  notAfter: string;
  organizationName: string;
  link: string;
}) {
  return renderNotice({
    subject: `Ваш сертифікат сформовано — ${d.personName}`,
    lead: `Сертифікат електронного підпису для ${d.personName} (${d.organizationName}) сформовано.`,
    facts: [
      ['Серійний номер', d.serial],
      ['Чинний з', d.notBefore],
      ['Чинний до', d.notAfter],
    ],
    next: 'Завантажте сертифікат за посиланням:',
    link: d.link,
    action: 'Завантажити сертифікат',
  });
}

export function renderRenewalCompletedEmail(d: { applicationNumber: string; issued: number; link: string }) {
  return renderNotice({
    subject: `Заявку ${d.applicationNumber} виконано: сформовано сертифікатів — ${d.issued}`,
    lead: `Продовження за заявкою № ${d.applicationNumber} завершено.`,
    facts: [
      ['Заявка', `№ ${d.applicationNumber}`],
      ['Сформовано сертифікатів', String(d.issued)],
    ],
    next: 'Сертифікати працівників — на сторінках запитів:',
    link: d.link,
    action: 'Відкрити заявку',
  });
}

import { assertHttpLink, button, details, escapeHtml, htmlDocument, oneLine, paragraph, type RenderedEmail, TEXT_FOOTER } from './layout';

export type ApplicationSentEmailData = {
  applicationNumber: string;
  organizationName: string;
  edrpou: string;
  renewalDate: string; // DD.MM.YYYY
  requestCount: number;
  link: string;
  responsiblePersonName: string;
};

/** Tells the provider's operators that a ВО has sent an application for renewal. */
export function renderApplicationSentEmail(d: ApplicationSentEmailData): RenderedEmail {
  const link = assertHttpLink(d.link);
  const subject = oneLine(`Заявка ${d.applicationNumber} відправлена до eSign — ${d.organizationName}`);
  const facts: Array<[string, string]> = [
    ['Заявка', `№ ${d.applicationNumber}`],
    ['Організація', d.organizationName],
    ['Код ЄДРПОУ', d.edrpou],
    ['Дата продовження', d.renewalDate],
    ['Кількість запитів на сертифікат', String(d.requestCount)],
    ['Відповідальна особа', d.responsiblePersonName],
  ];

  const text = [
    `Заявку № ${d.applicationNumber} відправлено до eSign.`,
    '',
    ...facts.map(([label, value]) => `${label}: ${value}`),
    '',
    'Перевірте підписи й документи, прийміть заявку або поверніть її на доопрацювання:',
    link,
    '',
    TEXT_FOOTER,
  ].join('\n');

  const html = htmlDocument(
    subject,
    paragraph(`Заявку <b>№ ${escapeHtml(d.applicationNumber)}</b> відправлено до eSign.`) +
      details(facts) +
      paragraph('Перевірте підписи й документи, прийміть заявку або поверніть її на доопрацювання.') +
      button(link, 'Відкрити заявку'),
  );
  return { subject, text, html };
}

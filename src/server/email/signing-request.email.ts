import { assertHttpLink, button, details, escapeHtml, htmlDocument, oneLine, paragraph, type RenderedEmail, TEXT_FOOTER } from './layout';

export type SigningRequestEmailData = {
  signingId: string; // 32 upper-case hex
  link: string;
  personName: string;
  organizationName: string;
  applicationNumber: string;
  expiresAt: string; // DD.MM.YYYY
};

/**
 * The employee's invitation to sign their statement. The subject is the one the provider's
 * guide shows ("Підпис файлу <id>"), so employees recognise the letter.
 */
export function renderSigningRequestEmail(d: SigningRequestEmailData): RenderedEmail {
  const link = assertHttpLink(d.link);
  const subject = oneLine(`Підпис файлу ${d.signingId}`);
  const facts: Array<[string, string]> = [
    ['Організація', d.organizationName],
    ['Заявка', `№ ${d.applicationNumber}`],
    ['Ідентифікатор документа', d.signingId],
    ['Посилання дійсне до', d.expiresAt],
  ];

  const text = [
    `Добрий день, ${d.personName}!`,
    '',
    `Відповідальна особа організації ${d.organizationName} просить Вас підписати заяву на формування ` +
      `кваліфікованого сертифіката відкритого ключа (заявка № ${d.applicationNumber}).`,
    '',
    'Підпишіть заяву своїм чинним кваліфікованим електронним підписом — ключем, яким Ви користуєтеся ' +
      'зараз. За цим підписом Вас буде ідентифіковано для видачі нового сертифіката.',
    '',
    'Перегляньте й підпишіть заяву за посиланням:',
    link,
    '',
    `Посилання дійсне до ${d.expiresAt}.`,
    `Ідентифікатор документа: ${d.signingId}`,
    '',
    'Якщо Ви не очікували цього листа, не переходьте за посиланням і повідомте відповідальну особу своєї організації.',
    '',
    TEXT_FOOTER,
  ].join('\n');

  const html = htmlDocument(
    subject,
    paragraph(`Добрий день, ${escapeHtml(d.personName)}!`) +
      paragraph(
        `Відповідальна особа організації <b>${escapeHtml(d.organizationName)}</b> просить Вас підписати заяву ` +
          'на формування кваліфікованого сертифіката відкритого ключа.',
      ) +
      paragraph(
        'Підпишіть заяву своїм <b>чинним</b> кваліфікованим електронним підписом — ключем, яким Ви ' +
          'користуєтеся зараз. За цим підписом Вас буде ідентифіковано для видачі нового сертифіката.',
      ) +
      details(facts) +
      button(link, 'Переглянути й підписати заяву') +
      paragraph(
        'Якщо Ви не очікували цього листа, не переходьте за посиланням і повідомте відповідальну особу своєї організації.',
        'font-size:13px;color:#52606d;',
      ),
  );
  return { subject, text, html };
}

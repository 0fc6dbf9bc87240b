import { assertHttpLink, button, details, escapeHtml, htmlDocument, paragraph, type RenderedEmail, TEXT_FOOTER } from './layout';

export type InvitationEmailData = {
  fullName: string;
  link: string;
  expiresAt: string; // DD.MM.YYYY
  phone: string; // the login, +380XXXXXXXXX
};

export const INVITATION_SUBJECT = 'Запрошення до кабінету відповідальної особи';

/** An operator invites a ВО: the link lets them set a password; the phone is their login. */
export function renderInvitationEmail(d: InvitationEmailData): RenderedEmail {
  const link = assertHttpLink(d.link);
  const subject = INVITATION_SUBJECT;

  const text = [
    `Добрий день, ${d.fullName}!`,
    '',
    'Для Вас створено обліковий запис у кабінеті відповідальної особи, де подають заявки на ' +
      'продовження кваліфікованих електронних довірчих послуг для працівників організації.',
    '',
    `Логін — Ваш номер телефону: ${d.phone}`,
    '',
    'Щоб встановити пароль і увійти, перейдіть за посиланням:',
    link,
    '',
    `Посилання дійсне до ${d.expiresAt}. Якщо строк минув, зверніться до спеціаліста КНЕДП по нове запрошення.`,
    'Якщо Ви не очікували цього листа, просто проігноруйте його.',
    '',
    TEXT_FOOTER,
  ].join('\n');

  const html = htmlDocument(
    subject,
    paragraph(`Добрий день, ${escapeHtml(d.fullName)}!`) +
      paragraph(
        'Для Вас створено обліковий запис у кабінеті відповідальної особи, де подають заявки на ' +
          'продовження кваліфікованих електронних довірчих послуг для працівників організації.',
      ) +
      details([
        ['Логін (номер телефону)', d.phone],
        ['Посилання дійсне до', d.expiresAt],
      ]) +
      button(link, 'Встановити пароль') +
      paragraph(
        'Якщо строк дії посилання минув, зверніться до спеціаліста КНЕДП по нове запрошення. ' +
          'Якщо Ви не очікували цього листа, просто проігноруйте його.',
        'font-size:13px;color:#52606d;',
      ),
  );
  return { subject, text, html };
}

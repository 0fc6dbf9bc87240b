export type RenderedEmail = { subject: string; text: string; html: string };

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and quoted attribute values alike. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/**
 * Collapses line breaks and other control characters to single spaces: a subject is one
 * header line, and a name typed with a stray newline must not break it.
 */
export function oneLine(value: string): string {
  return value
    .replace(/\p{Cc}+/gu, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

/**
 * Links come from our own configuration, but a `javascript:` or relative URL in a mail
 * would be a bug worth failing loudly on rather than sending.
 */
export function assertHttpLink(link: string): string {
  if (!/^https?:\/\/[^\s]+$/i.test(link)) throw new Error(`Not an absolute http(s) link: ${link}`);
  return link;
}

const FONT = 'Arial, Helvetica, sans-serif';

export function paragraph(html: string, style = ''): string {
  return `<p style="margin:0 0 14px 0;${style}">${html}</p>`;
}

export function button(link: string, label: string): string {
  const href = escapeHtml(link);
  return (
    '<p style="margin:20px 0;">' +
    `<a href="${href}" style="display:inline-block;background:#1c5fa8;color:#ffffff;text-decoration:none;` +
    `font-weight:bold;padding:11px 20px;border-radius:4px;font-family:${FONT};">${escapeHtml(label)}</a></p>` +
    paragraph(
      `Якщо кнопка не працює, скопіюйте посилання в адресний рядок браузера:<br>` +
        `<a href="${href}" style="color:#1c5fa8;word-break:break-all;">${href}</a>`,
      'font-size:13px;color:#52606d;',
    )
  );
}

/** A two-column label/value table; values are escaped here. */
export function details(rows: Array<[string, string]>): string {
  const cells = rows
    .map(
      ([label, value]) =>
        '<tr>' +
        `<td style="padding:4px 16px 4px 0;color:#52606d;vertical-align:top;white-space:nowrap;">${escapeHtml(label)}</td>` +
        `<td style="padding:4px 0;vertical-align:top;font-weight:bold;">${escapeHtml(value)}</td>` +
        '</tr>',
    )
    .join('');
  return `<table role="presentation" cellpadding="0" cellspacing="0" style="border-collapse:collapse;margin:0 0 14px 0;font-family:${FONT};font-size:15px;">${cells}</table>`;
}

/** The whole message: inline styles only, since mail clients drop <style> blocks. */
export function htmlDocument(title: string, body: string): string {
  return (
    '<!doctype html>' +
    '<html lang="uk"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${escapeHtml(title)}</title></head>` +
    `<body style="margin:0;padding:0;background:#f3f4f6;">` +
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f3f4f6;">' +
    '<tr><td align="center" style="padding:24px 12px;">' +
    '<table role="presentation" width="600" cellpadding="0" cellspacing="0" ' +
    `style="width:100%;max-width:600px;background:#ffffff;border:1px solid #d9dde3;border-radius:6px;">` +
    `<tr><td style="padding:24px 28px;font-family:${FONT};font-size:15px;line-height:1.5;color:#1f2933;">` +
    body +
    '</td></tr></table>' +
    `<p style="margin:12px 0 0 0;font-family:${FONT};font-size:12px;color:#7b8794;">` +
    'Лист надіслано автоматично з кабінету відповідальної особи. Не відповідайте на нього.</p>' +
    '</td></tr></table></body></html>'
  );
}

export const TEXT_FOOTER = '—\nЛист надіслано автоматично з кабінету відповідальної особи. Не відповідайте на нього.';

import type { FastifyPluginAsync } from 'fastify';
import { formatDateTime } from '../../shared/domain/dates';
import type { AppContext } from '../context';
import { listRecentEmails } from '../repositories/outbox.repository';

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** Text with its links made clickable, so a person trying the demo can follow them. */
function linkify(text: string): string {
  return escapeHtml(text).replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`);
}

const statusLabel: Record<string, string> = { pending: 'не надіслано (немає SMTP)', sent: 'надіслано', failed: 'помилка' };

/**
 * `/dev/mail`: the outbox as a page, only outside production. Without SMTP_URL mail stays in
 * the outbox, and this is where the demo's signing links and invitations can be followed.
 */
export const devRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get('/api/dev/mail', async () => {
    const rows = await listRecentEmails(ctx.db, 200);
    return {
      items: rows.map((r) => ({
        id: r.id,
        to: r.recipient,
        subject: r.subject,
        text: r.text_body,
        status: r.status,
        createdAt: r.created_at.toISOString(),
      })),
    };
  });
  app.get('/dev/mail', async (_request, reply) => {
    const rows = await listRecentEmails(ctx.db, 200);
    const items = rows
      .map(
        (r) => `<article>
  <header><h2>${escapeHtml(r.subject)}</h2>
  <p class="meta">Кому: <b>${escapeHtml(r.recipient)}</b> · ${escapeHtml(formatDateTime(r.created_at.toISOString()))} · ${escapeHtml(statusLabel[r.status] ?? r.status)}</p></header>
  <pre>${linkify(r.text_body)}</pre>
</article>`,
      )
      .join('\n');
    const html = `<!doctype html>
<html lang="uk"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Пошта (режим розробки)</title>
<style>
body{font-family:system-ui,sans-serif;max-width:860px;margin:24px auto;padding:0 16px;color:#1a1b1e;background:#f8f9fa}
h1{font-size:22px} article{background:#fff;border:1px solid #dee2e6;border-radius:8px;padding:12px 16px;margin:12px 0}
h2{font-size:17px;margin:0 0 4px} .meta{color:#495057;font-size:13px;margin:0 0 8px}
pre{white-space:pre-wrap;word-break:break-word;font-family:inherit;font-size:14px;margin:0}
</style></head>
<body><h1>Вихідна пошта</h1>
<p>Сторінка лише для режиму розробки: листи, які кабінет надіслав би (без SMTP_URL вони залишаються тут).</p>
${items || '<p>Листів ще немає.</p>'}
</body></html>`;
    return reply.type('text/html; charset=utf-8').send(html);
  });
};

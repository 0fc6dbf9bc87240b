import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditChainCheckSchema, auditCsvQuerySchema, auditListQuerySchema, auditPageSchema } from '../../shared/contracts/audit';
import type { AppContext } from '../context';
import { requireRole } from '../plugins/auth';
import { checkAuditChain, exportAuditCsv, listAudit } from '../services/audit.service';

const tags = ['audit log (operator)'];

export const auditRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.addHook('preHandler', requireRole('operator'));

  app.get(
    '/audit',
    {
      schema: {
        tags,
        summary: 'Журнал дій: новіші спочатку; наступна сторінка — before=<nextBefore>',
        querystring: auditListQuerySchema,
        response: { 200: auditPageSchema },
      },
    },
    async (request) => listAudit(ctx, request.query),
  );

  app.get(
    '/audit.csv',
    {
      schema: {
        tags,
        summary: 'Журнал дій у CSV для Excel (UTF-8 з BOM, роздільник «;», до 50 000 рядків)',
        querystring: auditCsvQuerySchema,
        produces: ['text/csv'],
      },
    },
    async (request, reply) => {
      const csv = await exportAuditCsv(ctx, request.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${csv.fileName}"`)
        .header('cache-control', 'no-store')
        .header('x-audit-truncated', String(csv.isTruncated))
        .send(Readable.from(csv.chunks));
    },
  );

  app.get(
    '/audit/verify',
    { schema: { tags, summary: 'Перевірити ланцюжок хешів журналу дій', response: { 200: auditChainCheckSchema } } },
    async () => checkAuditChain(ctx),
  );
};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParamsSchema, okSchema } from '../../shared/contracts/common';
import { trustedCaImportResultSchema, trustedCaSchema } from '../../shared/contracts/trust';
import { AppError } from '../../shared/errors';
import type { AppContext } from '../context';
import { actorOf, requireRole } from '../plugins/auth';
import { importTrustedCas, listTrusted, removeTrustedCa } from '../services/trust.service';
import { requestFile } from './multipart';

const tags = ['trusted CAs (operator)'];

export const trustRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.addHook('onRequest', requireRole('operator'));

  app.get(
    '/trusted-cas',
    { schema: { tags, summary: 'Довірені ЦСК: власні та імпортовані', response: { 200: z.array(trustedCaSchema) } } },
    async () => listTrusted(ctx),
  );

  app.post(
    '/trusted-cas',
    {
      schema: {
        tags,
        summary: 'Імпортувати сертифікати ЦСК іншого надавача (поле file: .p7b, .pem, .cer)',
        consumes: ['multipart/form-data'],
        response: { 201: trustedCaImportResultSchema },
      },
    },
    async (request, reply) => {
      const upload = await requestFile(request);
      if (upload.truncated) throw new AppError('PAYLOAD_TOO_LARGE');
      return reply.code(201).send(await importTrustedCas(ctx, actorOf(request), upload.bytes));
    },
  );

  app.delete(
    '/trusted-cas/:id',
    { schema: { tags, summary: 'Прибрати імпортований ЦСК з довірених', params: idParamsSchema, response: { 200: okSchema } } },
    async (request) => {
      await removeTrustedCa(ctx, actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );
};

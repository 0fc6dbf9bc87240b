import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { publicSearchQuerySchema, publicSearchResultSchema } from '../../shared/contracts/review';
import type { AppContext } from '../context';
import {
  type CertificateFile,
  certificateFormatSchema,
  linkedCertificateFile,
  publicCertificateFile,
  searchPublic,
} from '../services/certificate.service';

const tags = ['public'];

/** Without an account: the directory of published certificates and the certificate download links. */
export const publicRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const rateLimit = { max: 120, timeWindow: 60_000, hook: 'preHandler' as const };
  const send = (file: CertificateFile, reply: import('fastify').FastifyReply) =>
    reply
      .type(file.contentType)
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .header('x-content-type-options', 'nosniff')
      .send(file.bytes);

  app.get(
    '/public/certificates',
    {
      config: { rateLimit },
      schema: {
        tags,
        summary: 'Пошук опублікованих сертифікатів (ПІБ, організація, ЄДРПОУ, серійний номер)',
        querystring: publicSearchQuerySchema,
        response: { 200: publicSearchResultSchema },
      },
    },
    async (request) => searchPublic(ctx, request.query.q),
  );
  app.get(
    '/public/certificates/:file',
    {
      config: { rateLimit },
      schema: {
        tags,
        summary: 'Опублікований сертифікат: <serial>.cer (DER) або <serial>.pem',
        params: z.object({ file: z.string().max(80) }),
      },
    },
    async (request, reply) => {
      const [serial, extension] = request.params.file.split('.');
      return send(await publicCertificateFile(ctx, serial ?? '', extension === 'pem' ? 'pem' : 'der'), reply);
    },
  );
  app.get(
    '/certificate-files/:token',
    {
      config: { rateLimit },
      schema: {
        tags,
        summary: 'Сертифікат за посиланням з листа (?format=pem для PEM)',
        params: z.object({ token: z.string().max(200) }),
        querystring: certificateFormatSchema,
      },
    },
    async (request, reply) => send(await linkedCertificateFile(ctx, request.params.token, request.query.format), reply),
  );
};

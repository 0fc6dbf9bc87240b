import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { signingResultSchema, signingTokenParamsSchema, signingViewSchema } from '../../shared/contracts/signing';
import { AppError } from '../../shared/errors';
import type { AppContext } from '../context';
import { getSigningStatement, getSigningView, submitSignature } from '../services/signing.service';
import { requestFiles } from './multipart';

const tags = ['signing (employee, by link)'];

/**
 * The employee's side: no account, the signing link (an HMAC-protected id) is the credential.
 * Rate-limited per address against guessing and floods.
 */
export const signingRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  // Per address, whatever the link: a person opens a page and retries a few times; a script trying
  // links (already hopeless against the HMAC) or flooding the verifier is slowed down.
  const perAddress = (request: FastifyRequest) => `signing:${request.ip}`;
  const rateLimit = { max: 300, timeWindow: 60_000, hook: 'preHandler' as const, keyGenerator: perAddress };

  app.get(
    '/signing/:token',
    {
      config: { rateLimit },
      schema: {
        tags,
        summary: 'Заява і дані запиту за посиланням',
        params: signingTokenParamsSchema,
        response: { 200: signingViewSchema },
      },
    },
    async (request) => getSigningView(ctx, request.params.token),
  );

  app.get(
    '/signing/:token/statement.pdf',
    { config: { rateLimit }, schema: { tags, summary: 'Заява (PDF), яку треба підписати', params: signingTokenParamsSchema } },
    async (request, reply) => {
      const { bytes, number } = await getSigningStatement(ctx, request.params.token);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="statement-${number}.pdf"`)
        .header('x-content-type-options', 'nosniff')
        .send(bytes);
    },
  );

  app.post(
    '/signing/:token',
    {
      config: { rateLimit: { ...rateLimit, keyGenerator: (request: FastifyRequest) => `signing-post:${request.ip}`, max: 60 } },
      schema: {
        tags,
        summary:
          'Підпис заяви: signature — .p7s (CAdES, окремий або з заявою всередині); csr — PKCS#10 нового ключа (файловий ключ, токен)',
        params: signingTokenParamsSchema,
        consumes: ['multipart/form-data'],
        response: { 200: signingResultSchema },
      },
    },
    async (request) => {
      const files = await requestFiles(request, ['signature', 'csr'] as const);
      if (files.signature?.truncated || files.csr?.truncated) throw new AppError('PAYLOAD_TOO_LARGE');
      return submitSignature(ctx, request.params.token, {
        signature: files.signature?.bytes ?? null,
        csr: files.csr?.bytes ?? null,
        ip: request.ip,
      });
    },
  );
};

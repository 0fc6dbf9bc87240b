import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParamsSchema, okSchema } from '../../shared/contracts/common';
import {
  certificateRequestBodySchema,
  personLookupQuerySchema,
  personLookupResponseSchema,
  requestDetailSchema,
} from '../../shared/contracts/requests';
import type { AppContext } from '../context';
import { actorOf, requireRole } from '../plugins/auth';
import {
  createRequest,
  deleteRequest,
  getRequestDetail,
  getStatementPdf,
  lookupPerson,
  sendForSigning,
  updateRequest,
} from '../services/request.service';

const tags = ['certificate requests'];

export const requestRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.addHook('preHandler', requireRole());

  app.get(
    '/people/lookup',
    {
      preHandler: requireRole('responsible_person'),
      schema: {
        tags,
        summary: 'Пошук персони за РНОКПП / паспортом у реєстрі організації',
        querystring: personLookupQuerySchema,
        response: { 200: personLookupResponseSchema },
      },
      // Against enumeration of РНОКПП: a person types a few codes a minute, a script thousands.
      config: {
        rateLimit: {
          max: ctx.config.lookupRateLimit,
          timeWindow: 60_000,
          hook: 'preHandler',
          keyGenerator: (request) => `lookup:${request.session?.user.id ?? request.ip}`,
        },
      },
    },
    async (request) => lookupPerson(ctx, actorOf(request), request.query.organizationId, request.query.code),
  );

  app.post(
    '/applications/:id/requests',
    {
      preHandler: requireRole('responsible_person'),
      schema: {
        tags,
        summary: 'СТВОРИТИ ЗАПИТ',
        params: idParamsSchema,
        body: certificateRequestBodySchema,
        response: { 201: z.object({ id: z.string(), number: z.number() }) },
      },
    },
    async (request, reply) => reply.code(201).send(await createRequest(ctx, actorOf(request), request.params.id, request.body)),
  );

  app.get(
    '/requests/:id',
    { schema: { tags, summary: 'ЗАПИТ НА СЕРТИФІКАТ', params: idParamsSchema, response: { 200: requestDetailSchema } } },
    async (request) => getRequestDetail(ctx, actorOf(request), request.params.id),
  );

  app.put(
    '/requests/:id',
    {
      preHandler: requireRole('responsible_person'),
      schema: {
        tags,
        summary: 'ЗБЕРЕГТИ запит',
        params: idParamsSchema,
        body: certificateRequestBodySchema,
        response: { 200: requestDetailSchema },
      },
    },
    async (request) => updateRequest(ctx, actorOf(request), request.params.id, request.body),
  );

  app.delete(
    '/requests/:id',
    {
      preHandler: requireRole('responsible_person'),
      schema: { tags, summary: 'Видалити запит', params: idParamsSchema, response: { 200: okSchema } },
    },
    async (request) => {
      await deleteRequest(ctx, actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );

  app.post(
    '/requests/:id/send-for-signing',
    {
      preHandler: requireRole('responsible_person'),
      schema: { tags, summary: 'ВІДПРАВИТИ ЗАЯВКУ НА ПІДПИС', params: idParamsSchema, response: { 200: requestDetailSchema } },
    },
    async (request) => sendForSigning(ctx, actorOf(request), request.params.id),
  );

  app.get(
    '/requests/:id/statement.pdf',
    { schema: { tags, summary: 'РОЗДРУКУВАТИ ЗАЯВКУ співробітника (PDF)', params: idParamsSchema } },
    async (request, reply) => {
      const { bytes, number } = await getStatementPdf(ctx, actorOf(request), request.params.id);
      return reply.type('application/pdf').header('content-disposition', `inline; filename="statement-${number}.pdf"`).send(bytes);
    },
  );
};

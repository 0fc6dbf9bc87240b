import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  applicationDetailSchema,
  applicationListQuerySchema,
  applicationListSchema,
  createApplicationBodySchema,
  submitApplicationBodySchema,
  updateApplicationBodySchema,
} from '../../shared/contracts/applications';
import { idParamsSchema, okSchema } from '../../shared/contracts/common';
import type { AppContext } from '../context';
import { actorOf, requireRole } from '../plugins/auth';
import {
  createApplication,
  deleteApplication,
  getApplicationDetail,
  listApplicationsFor,
  submitApplication,
  updateApplication,
} from '../services/application.service';
import { getApplicationPdf } from '../services/document.service';

const tags = ['applications'];

export const applicationRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.addHook('preHandler', requireRole());

  app.get(
    '/applications',
    {
      schema: {
        tags,
        summary: 'ЗАЯВКИ: список із фільтром',
        querystring: applicationListQuerySchema,
        response: { 200: applicationListSchema },
      },
    },
    async (request) => ({ items: await listApplicationsFor(ctx, actorOf(request), request.query) }),
  );

  app.post(
    '/applications',
    {
      preHandler: requireRole('responsible_person'),
      schema: {
        tags,
        summary: '+ ПОДАТИ ЗАЯВКУ',
        body: createApplicationBodySchema,
        response: { 201: z.object({ id: z.string(), number: z.string() }) },
      },
    },
    async (request, reply) => {
      const created = await createApplication(ctx, actorOf(request), request.body);
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/applications/:id',
    { schema: { tags, summary: 'Заявка з запитами і документами', params: idParamsSchema, response: { 200: applicationDetailSchema } } },
    async (request) => getApplicationDetail(ctx, actorOf(request), request.params.id),
  );

  app.put(
    '/applications/:id',
    {
      preHandler: requireRole('responsible_person'),
      schema: {
        tags,
        summary: 'ЗБЕРЕГТИ заявку',
        params: idParamsSchema,
        body: updateApplicationBodySchema,
        response: { 200: applicationDetailSchema },
      },
    },
    async (request) => updateApplication(ctx, actorOf(request), request.params.id, request.body),
  );

  app.delete(
    '/applications/:id',
    {
      preHandler: requireRole('responsible_person'),
      schema: { tags, summary: 'Видалити заявку (лише «Проект»)', params: idParamsSchema, response: { 200: okSchema } },
    },
    async (request) => {
      await deleteApplication(ctx, actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );

  app.post(
    '/applications/:id/submit',
    {
      preHandler: requireRole('responsible_person'),
      schema: {
        tags,
        summary: 'ВІДПРАВИТИ заявку до КНЕДП',
        description: 'Відмова — 422 з `reasons[]`, де перелічено все, що треба виправити.',
        params: idParamsSchema,
        body: submitApplicationBodySchema,
        response: { 200: applicationDetailSchema },
      },
    },
    async (request) => submitApplication(ctx, actorOf(request), request.params.id, request.body.renewalDate),
  );

  app.get(
    '/applications/:id/pdf',
    { schema: { tags, summary: 'РОЗДРУКУВАТИ ЗАЯВКУ (PDF)', params: idParamsSchema } },
    async (request, reply) => {
      const { bytes, number } = await getApplicationPdf(ctx, actorOf(request), request.params.id);
      return reply.type('application/pdf').header('content-disposition', `inline; filename="application-${number}.pdf"`).send(bytes);
    },
  );
};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParamsSchema } from '../../shared/contracts/common';
import {
  acceptApplicationBodySchema,
  applicationReviewSchema,
  certificateListQuerySchema,
  inboxQuerySchema,
  inboxSchema,
  registryCertificateSchema,
  registryListSchema,
  rejectRequestBodySchema,
  renewalProgressSchema,
  returnApplicationBodySchema,
  revokeCertificateBodySchema,
  settingsSchema,
} from '../../shared/contracts/review';
import type { RevocationReasonCode } from '../../shared/domain/issuance';
import type { AppContext } from '../context';
import { actorOf, requireRole } from '../plugins/auth';
import { listRegistry, revoke } from '../services/certificate.service';
import {
  acceptApplication,
  getInbox,
  getProgress,
  getReview,
  getSettings,
  rejectRequest,
  returnApplication,
  runRenewalNow,
  updateSettings,
} from '../services/review.service';

const tags = ['operator: review and renewal'];

/** The operator's back office: the inbox, the decisions, the renewal, the registry and the policy. */
export const reviewRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.addHook('onRequest', requireRole('operator'));

  app.get(
    '/operator/inbox',
    {
      schema: { tags, summary: 'Вхідні заявки зі статусами й кількостями', querystring: inboxQuerySchema, response: { 200: inboxSchema } },
    },
    async (request) => getInbox(ctx, request.query),
  );
  app.get(
    '/operator/applications/:id',
    {
      schema: {
        tags,
        summary: 'Заявка на розгляді: запити, звіти про підписи, попередження',
        params: idParamsSchema,
        response: { 200: applicationReviewSchema },
      },
    },
    async (request) => getReview(ctx, request.params.id),
  );
  app.get(
    '/operator/applications/:id/progress',
    { schema: { tags, summary: 'Хід продовження', params: idParamsSchema, response: { 200: renewalProgressSchema } } },
    async (request) => getProgress(ctx, request.params.id),
  );
  app.post(
    '/operator/requests/:id/reject',
    {
      schema: {
        tags,
        summary: 'ВІДХИЛИТИ запит з причиною',
        params: idParamsSchema,
        body: rejectRequestBodySchema,
        response: { 200: applicationReviewSchema },
      },
    },
    async (request) => rejectRequest(ctx, actorOf(request), request.params.id, request.body.reason),
  );
  app.post(
    '/operator/applications/:id/return',
    {
      schema: {
        tags,
        summary: 'ПОВЕРНУТИ НА ДООПРАЦЮВАННЯ з коментарем',
        params: idParamsSchema,
        body: returnApplicationBodySchema,
        response: { 200: applicationReviewSchema },
      },
    },
    async (request) => returnApplication(ctx, actorOf(request), request.params.id, request.body.comment),
  );
  app.post(
    '/operator/applications/:id/accept',
    {
      schema: {
        tags,
        summary: 'ПРИЙНЯТИ з датою продовження',
        params: idParamsSchema,
        body: acceptApplicationBodySchema,
        response: { 200: applicationReviewSchema },
      },
    },
    async (request) => acceptApplication(ctx, actorOf(request), request.params.id, request.body.renewalDate),
  );
  app.post(
    '/operator/applications/:id/run',
    { schema: { tags, summary: 'ЗАПУСТИТИ ПРОДОВЖЕННЯ ЗАРАЗ', params: idParamsSchema, response: { 200: applicationReviewSchema } } },
    async (request) => runRenewalNow(ctx, actorOf(request), request.params.id),
  );
  app.get(
    '/operator/certificates',
    { schema: { tags, summary: 'Реєстр сертифікатів', querystring: certificateListQuerySchema, response: { 200: registryListSchema } } },
    async (request) => listRegistry(ctx, request.query),
  );
  app.post(
    '/operator/certificates/:id/revoke',
    {
      schema: {
        tags,
        summary: 'Відкликати сертифікат (причина — код RFC 5280)',
        params: idParamsSchema,
        body: revokeCertificateBodySchema,
        response: { 200: registryCertificateSchema },
      },
    },
    async (request) => revoke(ctx, actorOf(request), request.params.id, request.body.reasonCode as RevocationReasonCode),
  );
  app.get('/operator/settings', { schema: { tags, summary: 'Політика', response: { 200: settingsSchema } } }, async () => getSettings(ctx));
  app.put(
    '/operator/settings',
    { schema: { tags, summary: 'Змінити політику', body: settingsSchema, response: { 200: settingsSchema } } },
    async (request) => updateSettings(ctx, actorOf(request), request.body),
  );
};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { organizationListSchema } from '../../shared/contracts/organizations';
import type { AppContext } from '../context';
import { actorOf, requireRole } from '../plugins/auth';
import { listMyOrganizations } from '../services/organization.service';

export const organizationRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.addHook('preHandler', requireRole());
  app.get(
    '/organizations',
    { schema: { tags: ['organizations'], summary: 'Мої організації з чинними контрактами', response: { 200: organizationListSchema } } },
    async (request) => ({ items: await listMyOrganizations(ctx, actorOf(request)) }),
  );
};

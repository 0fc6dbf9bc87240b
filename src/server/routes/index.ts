import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../context';
import { adminRoutes } from './admin.routes';
import { applicationRoutes } from './application.routes';
import { auditRoutes } from './audit.routes';
import { authRoutes } from './auth.routes';
import { documentRoutes } from './document.routes';
import { organizationRoutes } from './organization.routes';
import { publicRoutes } from './public.routes';
import { requestRoutes } from './request.routes';
import { reviewRoutes } from './review.routes';
import { signingRoutes } from './signing.routes';
import { trustRoutes } from './trust.routes';

export const apiRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  await app.register(authRoutes, { ctx });
  await app.register(organizationRoutes, { ctx });
  await app.register(applicationRoutes, { ctx });
  await app.register(requestRoutes, { ctx });
  await app.register(documentRoutes, { ctx });
  await app.register(signingRoutes, { ctx });
  await app.register(trustRoutes, { ctx });
  await app.register(reviewRoutes, { ctx });
  await app.register(publicRoutes, { ctx });
  await app.register(auditRoutes, { ctx });
  await app.register(adminRoutes, { ctx });
};

import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../context';
import { applicationRoutes } from './application.routes';
import { authRoutes } from './auth.routes';
import { documentRoutes } from './document.routes';
import { organizationRoutes } from './organization.routes';
import { requestRoutes } from './request.routes';
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
};

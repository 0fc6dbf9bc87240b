import { existsSync } from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { MAX_DOCUMENT_BYTES } from '../shared/contracts/documents';
import type { AppContext } from './context';
import authPlugin from './plugins/auth';
import { registerErrorHandler } from './plugins/errors';
import { registerOpenApi } from './plugins/openapi';
import { apiRoutes } from './routes';
import { caPublicRoutes } from './routes/ca.routes';
import { devRoutes } from './routes/dev.routes';

export type BuildAppOptions = {
  ctx: AppContext;
  /** Built front end to serve (`dist/web`); absent in API-only tests. */
  webRoot?: string;
  logger?: boolean;
};

/** The whole server as one Fastify instance; `main.ts` listens with it, tests `inject` into it. */
export async function buildApp({ ctx, webRoot, logger = false }: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ? { level: ctx.config.env === 'production' ? 'info' : 'warn' } : false,
    trustProxy: ctx.config.env === 'production',
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const serveSpa = Boolean(webRoot && existsSync(path.join(webRoot, 'index.html')));
  registerErrorHandler(app, { serveSpa });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine sets CSS variables through style attributes.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameSrc: ["'self'", 'blob:'],
        frameAncestors: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        connectSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(multipart, { limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1, fields: 5 } });
  await app.register(authPlugin, { ctx });
  await registerOpenApi(app);

  await app.register(apiRoutes, { prefix: '/api', ctx });
  await app.register(caPublicRoutes, { ctx });
  if (ctx.config.env !== 'production') await app.register(devRoutes, { ctx });

  if (serveSpa && webRoot) {
    await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: false });
    app.get('/', (_request, reply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').sendFile('index.html'));
  }
  return app;
}

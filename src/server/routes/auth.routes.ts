import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { acceptInvitationBodySchema, invitationInfoSchema, loginBodySchema, sessionResponseSchema } from '../../shared/contracts/auth';
import { okSchema } from '../../shared/contracts/common';
import { AppError } from '../../shared/errors';
import type { AppContext } from '../context';
import { clearSessionCookie, setSessionCookie } from '../plugins/auth';
import { acceptInvitation, getInvitation, login, logout, SESSION_TTL_MS } from '../services/auth.service';

const tokenParams = z.object({ token: z.string().min(10).max(200) });

export const authRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.post(
    '/auth/login',
    {
      schema: { tags: ['auth'], summary: 'Вхід за телефоном і паролем', body: loginBodySchema, response: { 200: sessionResponseSchema } },
      config: {
        // Per phone and address, so one attacker cannot lock every user out and one user
        // cannot be brute-forced from many tabs.
        rateLimit: {
          max: ctx.config.loginRateLimit,
          timeWindow: 60_000,
          // The key needs the parsed body: in the default onRequest hook it is not read yet, and
          // every phone would share one per-address counter (ten logins a minute for a whole office).
          hook: 'preHandler',
          keyGenerator: (request) => {
            const body = request.body as { phone?: unknown } | undefined;
            return `login:${request.ip}:${typeof body?.phone === 'string' ? body.phone.replace(/\D/g, '').slice(-9) : ''}`;
          },
        },
      },
    },
    async (request, reply) => {
      const { token, session } = await login(ctx, {
        phone: request.body.phone,
        password: request.body.password,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      });
      setSessionCookie(reply, token, ctx.config.publicUrl.startsWith('https:'), SESSION_TTL_MS / 1000);
      return { user: session.user, csrfToken: session.csrfToken };
    },
  );

  app.get(
    '/auth/session',
    { schema: { tags: ['auth'], summary: 'Поточний користувач', response: { 200: sessionResponseSchema } } },
    async (request) => {
      if (!request.session) throw new AppError('UNAUTHENTICATED');
      return { user: request.session.user, csrfToken: request.session.csrfToken };
    },
  );

  app.post('/auth/logout', { schema: { tags: ['auth'], summary: 'Вихід', response: { 200: okSchema } } }, async (request, reply) => {
    if (request.session) await logout(ctx, request.session, request.ip);
    clearSessionCookie(reply);
    return { ok: true as const };
  });

  app.get(
    '/auth/invitations/:token',
    { schema: { tags: ['auth'], summary: 'Запрошення: кому воно', params: tokenParams, response: { 200: invitationInfoSchema } } },
    async (request) => getInvitation(ctx, request.params.token),
  );

  app.post(
    '/auth/invitations/:token',
    {
      schema: {
        tags: ['auth'],
        summary: 'Встановити пароль за запрошенням',
        params: tokenParams,
        body: acceptInvitationBodySchema,
        response: { 200: okSchema },
      },
      config: { rateLimit: { max: 10, timeWindow: 60_000 } },
    },
    async (request) => {
      await acceptInvitation(ctx, request.params.token, request.body.password, request.ip);
      return { ok: true as const };
    },
  );
};

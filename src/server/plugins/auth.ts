import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../../shared/errors';
import type { Actor, AppContext } from '../context';
import { safeEqual } from '../security/tokens';
import { resolveSession, SESSION_COOKIE, type SessionInfo } from '../services/auth.service';

declare module 'fastify' {
  interface FastifyRequest {
    session: SessionInfo | null;
  }
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Server-side sessions: the cookie holds a random token, the database its hash. Every unsafe
 * request of a signed-in user must carry the session's CSRF token in `x-csrf-token`
 * (synchronizer token); the SameSite=Strict cookie is the second line.
 */
async function authPlugin(app: FastifyInstance, opts: { ctx: AppContext }) {
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    request.session = token ? await resolveSession(opts.ctx, token) : null;
    // Login is exempt: it needs no session, and a second tab signing in again must not fail. The
    // employee's signing endpoint never reads the session (the link is its credential), so a
    // ВО's cookie in the same browser must not get in its way.
    if (
      request.session &&
      UNSAFE_METHODS.has(request.method) &&
      request.url !== '/api/auth/login' &&
      !request.url.startsWith('/api/signing/')
    ) {
      const header = request.headers['x-csrf-token'];
      if (typeof header !== 'string' || !safeEqual(header, request.session.csrfToken)) {
        throw new AppError('CSRF_FAILED');
      }
    }
  });
}

export default fp(authPlugin, { name: 'auth' });

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean, maxAgeSeconds: number) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure,
    maxAge: maxAgeSeconds,
  });
}

export function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/** Pre-handler: the caller must be signed in, with one of `roles` when given. */
export function requireRole(...roles: Array<'responsible_person' | 'operator'>) {
  return async (request: FastifyRequest) => {
    if (!request.session) throw new AppError('UNAUTHENTICATED');
    // A ВО asking for an operator route learns nothing: it does not exist for them (404).
    if (roles.length > 0 && !roles.includes(request.session.user.role)) throw new AppError('NOT_FOUND');
  };
}

export function actorOf(request: FastifyRequest): Actor {
  if (!request.session) throw new AppError('UNAUTHENTICATED');
  return { userId: request.session.user.id, role: request.session.user.role, ip: request.ip };
}

import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../context';
import { listRevokedCertificates } from '../repositories/signature.repository';

const CRL_LIFETIME_MS = 24 * 60 * 60 * 1000;

/**
 * The provider's CA in public: its certificates, and the issuing CA's CRL at the address every
 * issued certificate names in its CRL distribution point. The CRL is made on request from the
 * register of revoked and blocked certificates.
 */
export const caPublicRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  const certificate = (name: string, der: ArrayBuffer) =>
    app.get(`/ca/${name}`, { schema: { hide: true } }, async (_request, reply) =>
      reply.type('application/pkix-cert').header('content-disposition', `attachment; filename="${name}"`).send(Buffer.from(der)),
    );
  certificate('root.crt', ctx.ca.root.rawData);
  certificate('issuing.crt', ctx.ca.issuing.rawData);

  app.get('/ca/issuing.crl', { schema: { hide: true } }, async (_request, reply) => {
    const now = ctx.now();
    const revoked = await listRevokedCertificates(ctx.db);
    const crl = await ctx.ca.createCrl(
      revoked.map((r) => ({ serialNumber: r.serial, revokedAt: r.revoked_at ?? r.created_at })),
      now,
      new Date(now.getTime() + CRL_LIFETIME_MS),
    );
    return reply.type('application/pkix-crl').header('cache-control', 'public, max-age=300').send(Buffer.from(crl.rawData));
  });
};

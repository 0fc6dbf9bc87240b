import type { FastifyPluginAsync } from 'fastify';
import { type CaInfo, caInfoSchema } from '../../shared/contracts/review';
import { toHex, toPem } from '../../shared/crypto/bytes';
import type { AppContext } from '../context';
import { listRevokedCertificates } from '../repositories/signature.repository';

const CRL_LIFETIME_MS = 24 * 60 * 60 * 1000;

/**
 * The provider's CA in public, as real providers publish theirs: the root and issuing CA
 * certificates and the issuing CA's CRL (at the address every issued certificate names in its
 * CRL distribution point), each in DER and PEM. The CRL is made on request from the register.
 */
export const caPublicRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  const send = (name: string, type: string, body: Buffer | string) =>
    app.get(`/ca/${name}`, { schema: { hide: true } }, async (_request, reply) =>
      reply.type(type).header('content-disposition', `attachment; filename="${name}"`).send(body),
    );
  for (const [name, certificate] of [
    ['root', ctx.ca.root],
    ['issuing', ctx.ca.issuing],
  ] as const) {
    const der = new Uint8Array(certificate.rawData);
    send(`${name}.crt`, 'application/pkix-cert', Buffer.from(der));
    send(`${name}.pem`, 'application/x-pem-file', toPem('CERTIFICATE', der));
  }

  const currentCrl = async () => {
    const now = ctx.now();
    const revoked = await listRevokedCertificates(ctx.db);
    return ctx.ca.createCrl(
      revoked.map((r) => ({ serialNumber: r.serial, revokedAt: r.revoked_at ?? r.created_at, reason: r.revocation_reason })),
      now,
      new Date(now.getTime() + CRL_LIFETIME_MS),
    );
  };
  app.get('/ca/issuing.crl', { schema: { hide: true } }, async (_request, reply) => {
    const crl = await currentCrl();
    return reply.type('application/pkix-crl').header('cache-control', 'public, max-age=300').send(Buffer.from(crl.rawData));
  });
  app.get('/ca/issuing.crl.pem', { schema: { hide: true } }, async (_request, reply) => {
    const crl = await currentCrl();
    return reply
      .type('application/x-pem-file')
      .header('cache-control', 'public, max-age=300')
      .send(toPem('X509 CRL', new Uint8Array(crl.rawData)));
  });

  /** What the public `/ca` page shows. */
  app.get(
    '/api/public/ca',
    { schema: { tags: ['public'], summary: 'Сертифікати ЦСК і список відкликаних (CRL)', response: { 200: caInfoSchema } } },
    async (): Promise<CaInfo> => {
      const describe = async (name: string, certificate: typeof ctx.ca.root) => ({
        name,
        subject: certificate.subject,
        serial: certificate.serialNumber.toUpperCase(),
        notBefore: certificate.notBefore.toISOString(),
        notAfter: certificate.notAfter.toISOString(),
        sha256: toHex(await certificate.getThumbprint('SHA-256')),
        files: { der: `/ca/${name}.crt`, pem: `/ca/${name}.pem` },
      });
      const crl = await currentCrl();
      return {
        certificates: [await describe('root', ctx.ca.root), await describe('issuing', ctx.ca.issuing)],
        crl: {
          thisUpdate: crl.thisUpdate.toISOString(),
          nextUpdate: crl.nextUpdate?.toISOString() ?? null,
          revokedCount: crl.entries.length,
          files: { der: '/ca/issuing.crl', pem: '/ca/issuing.crl.pem' },
        },
      };
    },
  );
};

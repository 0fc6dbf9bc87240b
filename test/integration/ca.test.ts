import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { x509 } from '../../src/shared/crypto/engine';
import { createTestApp, type TestApp } from '../support/app';
import { demoData } from '../support/factories';

describe('the provider’s CA in public (/ca)', () => {
  let test: TestApp;
  before(async () => {
    test = await createTestApp();
  });
  after(() => test.close());

  it('serves the root and issuing certificates; the issuing one is signed by the root', async () => {
    const root = new x509.X509Certificate(new Uint8Array((await test.app.inject({ url: '/ca/root.crt' })).rawPayload));
    const issuing = new x509.X509Certificate(new Uint8Array((await test.app.inject({ url: '/ca/issuing.crt' })).rawPayload));
    assert.equal(await issuing.verify({ publicKey: root.publicKey, signatureOnly: true }), true);
    assert.equal(root.subject, test.ctx.ca.root.subject);
  });

  it('publishes a signed CRL at the address the certificates name, listing revoked and blocked certificates', async () => {
    const demo = await demoData(test);
    const issued = await test.ctx.db
      .selectFrom('certificate')
      .select(['serial', 'der'])
      .where('person_id', '=', demo.people['3111923464']?.id ?? '')
      .executeTakeFirstOrThrow();
    const certificate = new x509.X509Certificate(new Uint8Array(issued.der ?? []));
    const distribution = certificate.getExtension(x509.CRLDistributionPointsExtension);
    const url = new URL(distribution?.distributionPoints[0]?.distributionPoint?.fullName?.[0]?.uniformResourceIdentifier ?? '');
    assert.equal(url.pathname, '/ca/issuing.crl');

    const before = new x509.X509Crl(new Uint8Array((await test.app.inject({ url: url.pathname })).rawPayload));
    assert.equal(await before.verify({ publicKey: test.ctx.ca.issuing.publicKey }), true);
    assert.equal(before.findRevoked(certificate), null);

    const revokedAt = new Date(test.ctx.now().getTime() - 3_600_000);
    await test.ctx.db
      .updateTable('certificate')
      .set({ status: 'revoked', revoked_at: revokedAt })
      .where('serial', '=', issued.serial)
      .execute();
    const crl = new x509.X509Crl(new Uint8Array((await test.app.inject({ url: url.pathname })).rawPayload));
    assert.equal(crl.findRevoked(certificate)?.revocationDate.toISOString(), revokedAt.toISOString());
    assert.equal(crl.thisUpdate.toISOString(), test.ctx.now().toISOString());
  });
});

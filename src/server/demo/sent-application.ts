import { readFileSync } from 'node:fs';
import { signDetached } from '../../shared/crypto/cades';
import { readPkcs12 } from '../../shared/crypto/pkcs12';
import { kyivToday } from '../../shared/domain/dates';
import { earliestRenewalDate } from '../../shared/domain/renewal';
import type { Actor, AppContext } from '../context';
import { createApplication, submitApplication } from '../services/application.service';
import { getApplicationPdf, uploadDocument, uploadSignedApplicationDocument } from '../services/document.service';
import { createRequest, getRequestDetail, sendForSigning } from '../services/request.service';
import { getSigningStatement, submitSignature } from '../services/signing.service';
import { DEMO, DEMO_KEY_PASSWORD, demoKeyPath } from './seed';

/**
 * For `npm start` only (tests start from the plain demo): the clinic's ВО has sent an
 * application, signed by its employee with the demo key through the same services the pages
 * use, so the operator's inbox has something to review at once.
 */
export async function seedSentApplication(ctx: AppContext): Promise<void> {
  const clinic = DEMO.organizations.find((o) => o.key === 'clinic');
  const vo = DEMO.users.find((u) => u.organization === 'clinic');
  const person = DEMO.people.find((p) => p.organization === 'clinic');
  if (!clinic || !vo || !person) return;
  const organization = await ctx.db.selectFrom('organization').select('id').where('edrpou', '=', clinic.edrpou).executeTakeFirstOrThrow();
  const contract = await ctx.db
    .selectFrom('contract')
    .select('id')
    .where('organization_id', '=', organization.id)
    .executeTakeFirstOrThrow();
  const service = await ctx.db
    .selectFrom('contract_service')
    .select('service_id')
    .where('contract_id', '=', contract.id)
    .executeTakeFirstOrThrow();
  const user = await ctx.db.selectFrom('app_user').select('id').where('phone', '=', vo.phone).executeTakeFirstOrThrow();
  const actor: Actor = { userId: user.id, role: 'responsible_person', ip: null };

  const application = await createApplication(ctx, actor, {
    organizationId: organization.id,
    contractId: contract.id,
    visitRequired: false,
    visitDate: null,
  });
  const request = await createRequest(ctx, actor, application.id, {
    identityCode: person.rnokpp,
    isReissue: true,
    lastName: person.lastName,
    firstAndMiddleName: person.firstAndMiddleName,
    phone: person.phone,
    locality: 'Київ',
    region: 'м.Київ',
    otherDocument: null,
    department: person.department,
    position: person.position,
    email: person.email,
    serviceId: service.service_id,
    keyStorage: 'cloud',
    publishConsent: true,
  });
  await sendForSigning(ctx, actor, request.id);
  const link = (await getRequestDetail(ctx, actor, request.id)).signing?.link ?? '';
  const token = link.split('/sign/')[1] ?? '';
  const key = await readPkcs12(new Uint8Array(readFileSync(demoKeyPath(ctx.config.dataDir, person.rnokpp))), DEMO_KEY_PASSWORD);
  const sign = (content: Uint8Array, attached: boolean) =>
    signDetached({ content, privateKey: key.privateKey, certificate: key.certificate, chain: key.chain, signingTime: ctx.now(), attached });
  const statement = await getSigningStatement(ctx, token);
  await submitSignature(ctx, token, { signature: await sign(statement.bytes, false), csr: null, ip: null });

  // The application's own PDF (РОЗДРУКУВАТИ ЗАЯВКУ) stands for both documents; the КДП one is signed.
  const { bytes: applicationPdf } = await getApplicationPdf(ctx, actor, application.id);
  await uploadDocument(
    ctx,
    actor,
    { applicationId: application.id, requestId: null, kind: 'employee_list' },
    { bytes: applicationPdf, truncated: false },
  );
  const signedKdp = Buffer.from(await sign(applicationPdf, true));
  await uploadSignedApplicationDocument(ctx, actor, application.id, { file: { bytes: signedKdp, truncated: false }, signature: undefined });
  await submitApplication(ctx, actor, application.id, earliestRenewalDate(kyivToday(ctx.now())));
}

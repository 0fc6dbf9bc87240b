import path from 'node:path';
import { toArrayBuffer } from '../../shared/crypto/bytes';
import { x509 } from '../../shared/crypto/engine';
import { generateSigningKeyPair, importPrivateKey } from '../../shared/crypto/keys';
import { formatDate, kyivToday } from '../../shared/domain/dates';
import {
  certificateValidity,
  DEFAULT_REMOTE_REISSUE_LIMIT,
  identificationOf,
  nextRemoteChain,
  remoteReissueProblem,
} from '../../shared/domain/issuance';
import { KeyVault } from '../ca/key-vault';
import type { AppContext } from '../context';
import type { CertificateRequestRow } from '../db/schema';
import { renderCertificateIssuedEmail, renderRenewalCompletedEmail } from '../email';
import { findApplicationById, transitionApplication } from '../repositories/application.repository';
import { appendAudit } from '../repositories/audit.repository';
import { findCertificateByRequest, insertIssuedCertificate } from '../repositories/certificate.repository';
import { findOrganizationById, listContractServices } from '../repositories/organization.repository';
import { enqueueEmail } from '../repositories/outbox.repository';
import { createPerson, findCurrentCertificate, findPersonByIdentity, updatePersonData } from '../repositories/person.repository';
import { listRequestsOfApplication, lockRequest, updateRequestGuarded } from '../repositories/request.repository';
import { getSetting } from '../repositories/setting.repository';
import { findUserById } from '../repositories/user.repository';
import { certificateLink } from '../security/signing-link';

export const REMOTE_REISSUE_LIMIT_KEY = 'remote_reissue_limit';

/** A reason the renewal cannot issue for a request; the job records it and does not retry. */
export class IssuanceRefused extends Error {}

export function keyVault(ctx: AppContext): KeyVault {
  return new KeyVault(path.join(ctx.config.dataDir, 'keystore'), ctx.config.masterKey);
}

/** The new key's public half: made and kept by the provider (cloud), or from the employee's PKCS#10. */
async function newPublicKey(ctx: AppContext, request: CertificateRequestRow): Promise<CryptoKey | x509.PublicKey> {
  if (request.key_storage === 'cloud') {
    const pkcs8 = await keyVault(ctx).getOrCreate(request.id, async () => {
      const pair = await generateSigningKeyPair('ECDSA P-256', true);
      return new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
    });
    const privateKey = await importPrivateKey(pkcs8, true);
    const jwk = await crypto.subtle.exportKey('jwk', privateKey);
    delete jwk.d;
    return crypto.subtle.importKey('jwk', { ...jwk, key_ops: ['verify'] }, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify']);
  }
  if (!request.csr_sha256) throw new IssuanceRefused('Немає запиту PKCS#10 для нового ключа: заяву треба підписати знову');
  const csr = new x509.Pkcs10CertificateRequest(toArrayBuffer(await ctx.files.get(request.csr_sha256)));
  return csr.publicKey;
}

/**
 * Issues the certificate of one accepted request, once: the request row is locked, a request
 * that already has its certificate is left as it is (the unique index on `certificate.request_id`
 * stops any second one), and the certificate, the request's `issued` status, the registry and the
 * audit row commit together. Returns whether this call issued it.
 */
export async function issueForRequest(ctx: AppContext, requestId: string): Promise<boolean> {
  const issued = await ctx.db.transaction().execute(async (trx) => {
    const request = await lockRequest(trx, requestId);
    if (!request) throw new IssuanceRefused('Запит видалено');
    if (request.status === 'issued' || (await findCertificateByRequest(trx, requestId))) {
      if (request.status !== 'issued')
        await updateRequestGuarded(trx, requestId, [request.status], { status: 'issued', updated_at: ctx.now() });
      return null;
    }
    if (request.status !== 'signed') throw new IssuanceRefused(`Запит у статусі «${request.status}»: сертифікат не формується`);
    const application = await findApplicationById(trx, request.application_id);
    if (application?.status !== 'accepted' || !application.renewal_date) {
      throw new IssuanceRefused('Заявку не прийнято: продовження не запускається');
    }
    const [organization, services] = await Promise.all([
      findOrganizationById(trx, application.organization_id),
      listContractServices(trx, [application.contract_id]),
    ]);
    const service = services.find((s) => s.id === request.service_id);
    if (!organization || !service) throw new IssuanceRefused('Послугу або організацію заявки не знайдено');

    let person = await findPersonByIdentity(trx, request.identity_code, request.identity_kind);
    const previous = person ? await findCurrentCertificate(trx, person.id, organization.id) : undefined;
    if (request.is_reissue) {
      const limit = await getSetting(trx, REMOTE_REISSUE_LIMIT_KEY, DEFAULT_REMOTE_REISSUE_LIMIT);
      const problem = remoteReissueProblem(previous?.remote_chain ?? 0, limit);
      if (problem) throw new IssuanceRefused(problem);
    }
    const registry = {
      lastName: request.last_name,
      firstAndMiddleName: request.first_and_middle_name,
      phone: request.phone,
      email: request.email,
      locality: request.locality,
      region: request.region,
      department: request.department,
      position: request.position,
    };
    if (person) {
      await updatePersonData(trx, person.id, registry, ctx.now());
    } else {
      person = await createPerson(trx, {
        rnokpp: request.identity_kind === 'rnokpp' ? request.identity_code : null,
        passport: request.identity_kind === 'passport' ? request.identity_code : null,
        ...registry,
      });
    }

    const { notBefore, notAfter } = certificateValidity(application.renewal_date, service.validity_months);
    const certificate = await ctx.ca.issueCertificate({
      publicKey: await newPublicKey(ctx, request),
      subject: {
        lastName: request.last_name,
        firstAndMiddleName: request.first_and_middle_name,
        identityCode: request.identity_code,
        identityKind: request.identity_kind,
        organizationName: organization.name,
        edrpou: organization.edrpou,
        position: request.position,
        department: request.department,
        locality: request.locality,
      },
      notBefore,
      notAfter,
      onSecureDevice: request.key_storage !== 'file',
    });
    const now = ctx.now();
    const row = await insertIssuedCertificate(trx, {
      serial: certificate.serialNumber.toUpperCase(),
      personId: person.id,
      organizationId: organization.id,
      holderName: `${request.last_name} ${request.first_and_middle_name}`,
      position: request.position,
      notBefore,
      notAfter,
      der: new Uint8Array(certificate.rawData),
      issuerName: ctx.ca.issuing.subject,
      requestId,
      identification: identificationOf(request.is_reissue),
      remoteChain: nextRemoteChain(request.is_reissue, previous?.remote_chain ?? null),
      keyStorage: request.key_storage,
      published: request.publish_consent,
      now,
    });
    if (!(await updateRequestGuarded(trx, requestId, ['signed'], { status: 'issued', issued_at: now, updated_at: now }))) {
      throw new Error('request moved while issuing');
    }
    await enqueueEmail(trx, {
      to: request.email,
      ...renderCertificateIssuedEmail({
        personName: row.holder_name,
        serial: row.serial,
        notBefore: formatDate(notBefore.toISOString()),
        notAfter: formatDate(notAfter.toISOString()),
        organizationName: organization.name,
        link: certificateLink(ctx.config.publicUrl, ctx.config.secretKey, row.id),
      }),
    });
    await appendAudit(trx, {
      event: 'CERTIFICATE_ISSUED',
      entityType: 'certificate_request',
      entityId: requestId,
      organizationId: organization.id,
      actor: { userId: null, role: 'system', ip: null },
      details: {
        certificateId: row.id,
        serial: row.serial,
        notBefore: notBefore.toISOString(),
        notAfter: notAfter.toISOString(),
        identification: row.identification,
      },
    });
    return application.id;
  });
  if (issued) await completeIfDone(ctx, issued);
  return issued !== null;
}

/** When no request of an accepted application waits any more, it is `Виконано` and the ВО is told (once). */
export async function completeIfDone(ctx: AppContext, applicationId: string): Promise<boolean> {
  return ctx.db.transaction().execute(async (trx) => {
    const requests = await listRequestsOfApplication(trx, applicationId);
    if (requests.some((r) => r.status === 'signed')) return false;
    const now = ctx.now();
    const moved = await transitionApplication(trx, applicationId, ['accepted'], {
      status: 'completed',
      completed_at: now,
      updated_at: now,
    });
    if (!moved) return false;
    const application = await findApplicationById(trx, applicationId);
    const author = application ? await findUserById(trx, application.created_by) : undefined;
    const issued = requests.filter((r) => r.status === 'issued').length;
    if (application && author) {
      await enqueueEmail(trx, {
        to: author.email,
        ...renderRenewalCompletedEmail({
          applicationNumber: application.number,
          issued,
          link: `${ctx.config.publicUrl}/applications/${applicationId}`,
        }),
      });
    }
    await appendAudit(trx, {
      event: 'APPLICATION_COMPLETED',
      entityType: 'application',
      entityId: applicationId,
      organizationId: application?.organization_id ?? null,
      actor: { userId: null, role: 'system', ip: null },
      details: { issued, completedOn: kyivToday(now) },
    });
    return true;
  });
}

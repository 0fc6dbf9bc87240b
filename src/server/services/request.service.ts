import type { CertificateRequestData, PersonLookupResponse, RequestDetail } from '../../shared/contracts/requests';
import { keyGrade, keyStorageLabel } from '../../shared/contracts/requests';
import { addDays, formatDate, formatDateTime, kyivToday } from '../../shared/domain/dates';
import { isReissueDefault } from '../../shared/domain/renewal';
import { identityKind } from '../../shared/domain/rnokpp';
import {
  type ApplicationStatus,
  canWorkOnRequest,
  isApplicationEditable,
  isRequestEditable,
  type RequestStatus,
} from '../../shared/domain/status';
import { AppError, fieldError } from '../../shared/errors';
import type { Actor, AppContext } from '../context';
import type { Executor } from '../db/database';
import type { ApplicationRow, CertificateRequestRow, CertificateRow } from '../db/schema';
import { renderSigningRequestEmail } from '../email';
import { renderStatementPdf } from '../pdf/statement.pdf';
import { lockApplication } from '../repositories/application.repository';
import { appendAudit } from '../repositories/audit.repository';
import { findCertificateByRequest } from '../repositories/certificate.repository';
import { deleteDocumentsOfSlot, listDocumentsOfApplication } from '../repositories/document.repository';
import { countContractUsage, findOrganizationById, listContractServices, lockContract } from '../repositories/organization.repository';
import { enqueueEmail } from '../repositories/outbox.repository';
import { findCurrentCertificate, findPersonInOrganizations } from '../repositories/person.repository';
import {
  deleteRequestGuarded,
  findRequestByIdentity,
  insertRequest,
  nextRequestNumber,
  updateRequestGuarded,
} from '../repositories/request.repository';
import { findLastRefusal } from '../repositories/signature.repository';
import { certificateLink, signingLink } from '../security/signing-link';
import { newSigningId } from '../security/tokens';
import { assertOrganizationVisible, getVisibleApplication, getVisibleRequest, lockVisibleRequest } from './access';
import { certificateStatus, mapDocument } from './application.service';

/** A signing link is valid for 14 days; the ВО can send a fresh one. */
export const SIGNING_LINK_DAYS = 14;

export async function lookupPerson(ctx: AppContext, actor: Actor, organizationId: string, code: string): Promise<PersonLookupResponse> {
  await assertOrganizationVisible(ctx.db, actor, organizationId);
  const kind = identityKind(code);
  if (!kind) throw fieldError('code', 'Невірний РНОКПП або номер паспорта');
  // Only people who hold or held a certificate in the ВО's own organization are found.
  const person = await findPersonInOrganizations(ctx.db, code, kind, [organizationId]);
  await appendAudit(ctx.db, {
    event: 'PERSON_LOOKED_UP',
    entityType: 'person',
    entityId: person?.id ?? null,
    organizationId,
    actor,
    details: { found: Boolean(person) },
  });
  if (!person) return { found: false, person: null, warnings: [] };
  const certificate = await findCurrentCertificate(ctx.db, person.id, organizationId);
  const now = ctx.now();
  const current = certificate
    ? { notAfter: kyivToday(certificate.not_after), status: certificateStatus(certificate.status, certificate.not_after, now) }
    : null;
  return {
    found: true,
    person: {
      fullName: `${person.last_name} ${person.first_and_middle_name}`,
      lastName: person.last_name,
      firstAndMiddleName: person.first_and_middle_name,
      phone: person.phone,
      email: person.email,
      locality: person.locality,
      region: person.region,
      department: person.department,
      position: person.position,
      currentCertificate: certificate
        ? { serial: certificate.serial, notAfter: certificate.not_after.toISOString(), status: current?.status ?? 'valid' }
        : null,
      isReissueDefault: isReissueDefault(current, kyivToday(now)),
    },
    warnings: [],
  };
}

/** The service must be one of the contract's; the identity must be new to the application. */
async function validateRequestData(
  db: Executor,
  application: ApplicationRow,
  data: CertificateRequestData,
  exceptRequestId: string | null,
) {
  const services = await listContractServices(db, [application.contract_id]);
  if (!services.some((s) => s.id === data.serviceId)) throw fieldError('serviceId', 'Оберіть послугу з договору');
  const duplicate = await findRequestByIdentity(db, application.id, data.identityCode);
  if (duplicate && duplicate.id !== exceptRequestId) {
    throw fieldError('identityCode', `Запит для цієї особи вже є в заявці (№${duplicate.number})`);
  }
}

async function personIdFor(db: Executor, application: ApplicationRow, code: string, kind: 'rnokpp' | 'passport') {
  const person = await findPersonInOrganizations(db, code, kind, [application.organization_id]);
  return person?.id ?? null;
}

function requestValues(data: CertificateRequestData, kind: 'rnokpp' | 'passport', personId: string | null) {
  return {
    identity_code: data.identityCode,
    identity_kind: kind,
    person_id: personId,
    is_reissue: data.isReissue,
    last_name: data.lastName,
    first_and_middle_name: data.firstAndMiddleName,
    phone: data.phone,
    locality: data.locality,
    region: data.region,
    other_document: data.otherDocument,
    department: data.department,
    position: data.position,
    email: data.email,
    service_id: data.serviceId,
    key_storage: data.keyStorage,
    publish_consent: data.publishConsent,
  };
}

function assertRequestWorkable(application: ApplicationRow, request: CertificateRequestRow) {
  if (!canWorkOnRequest(application.status as ApplicationStatus, request.status as RequestStatus, request.rejected_at !== null)) {
    throw new AppError('INVALID_STATE', 'Заявку вже відправлено: запити змінювати не можна');
  }
}

function assertApplicationEditable(application: ApplicationRow) {
  if (!isApplicationEditable(application.status as ApplicationStatus)) {
    throw new AppError('INVALID_STATE', 'Заявку вже відправлено: запити змінювати не можна');
  }
}

export async function createRequest(ctx: AppContext, actor: Actor, applicationId: string, data: CertificateRequestData) {
  const kind = identityKind(data.identityCode);
  if (!kind) throw fieldError('identityCode', 'Невірний РНОКПП або номер паспорта');
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    await getVisibleApplication(trx, actor, applicationId);
    // The application is locked for numbering and the duplicate check; the contract (shared by
    // other applications) so that concurrent creations cannot both take its last place.
    const application = await lockApplication(trx, applicationId);
    if (!application) throw new AppError('NOT_FOUND');
    assertApplicationEditable(application);
    await validateRequestData(trx, application, data, null);
    const contract = await lockContract(trx, application.contract_id);
    const used = (await countContractUsage(trx, [application.contract_id])).get(application.contract_id) ?? 0;
    if (contract && used >= contract.quantity) {
      throw new AppError('QUOTA_EXCEEDED', `За договором можна подати не більше ${contract.quantity} запитів; вже подано ${used}`);
    }
    const request = await insertRequest(trx, {
      application_id: applicationId,
      number: await nextRequestNumber(trx, applicationId),
      ...requestValues(data, kind, await personIdFor(trx, application, data.identityCode, kind)),
      created_at: now,
      updated_at: now,
    });
    await appendAudit(trx, {
      event: 'REQUEST_CREATED',
      entityType: 'certificate_request',
      entityId: request.id,
      organizationId: application.organization_id,
      actor,
      details: { applicationId, number: request.number },
    });
    return { id: request.id, number: request.number };
  });
}

export async function getRequestDetail(ctx: AppContext, actor: Actor, id: string): Promise<RequestDetail> {
  const { request, application } = await getVisibleRequest(ctx.db, actor, id);
  const documents = (await listDocumentsOfApplication(ctx.db, application.id)).filter((d) => d.request_id === id);
  const refusal =
    request.status === 'awaiting_signature' && request.sent_for_signing_at
      ? await findLastRefusal(ctx.db, id, request.sent_for_signing_at)
      : undefined;
  const lastSigningFailure = refusal ? { at: refusal.created_at.toISOString(), message: refusal.message ?? '' } : null;
  const issued = request.status === 'issued' ? await findCertificateByRequest(ctx.db, id) : undefined;
  return mapRequestDetail(ctx, request, application, documents.map(mapDocument), lastSigningFailure, issued);
}

export function mapRequestDetail(
  ctx: AppContext,
  r: CertificateRequestRow,
  application: ApplicationRow,
  documents: RequestDetail['documents'],
  lastSigningFailure: RequestDetail['lastSigningFailure'],
  issued: CertificateRow | undefined = undefined,
): RequestDetail {
  const status = r.status as RequestStatus;
  return {
    id: r.id,
    applicationId: application.id,
    applicationNumber: application.number,
    applicationStatus: application.status,
    number: r.number,
    status,
    createdAt: r.created_at.toISOString(),
    identityCode: r.identity_code,
    isReissue: r.is_reissue,
    lastName: r.last_name,
    firstAndMiddleName: r.first_and_middle_name,
    phone: r.phone,
    locality: r.locality,
    region: r.region,
    otherDocument: r.other_document,
    department: r.department,
    position: r.position,
    email: r.email,
    serviceId: r.service_id,
    keyStorage: r.key_storage,
    publishConsent: r.publish_consent,
    rejectionReason: r.rejection_reason,
    signing:
      r.signing_id && r.signing_expires_at && r.sent_for_signing_at
        ? {
            signingId: r.signing_id,
            // The link is only live while the request waits for the signature.
            link: status === 'awaiting_signature' ? signingLink(ctx.config.publicUrl, ctx.config.secretKey, r.signing_id) : null,
            expiresAt: r.signing_expires_at.toISOString(),
            sentAt: r.sent_for_signing_at.toISOString(),
          }
        : null,
    signedAt: r.signed_at?.toISOString() ?? null,
    lastSigningFailure,
    csrSubmittedAt: r.csr_submitted_at?.toISOString() ?? null,
    issuedCertificate: issued
      ? {
          serial: issued.serial,
          notBefore: issued.not_before.toISOString(),
          notAfter: issued.not_after.toISOString(),
          status: issued.status,
          downloadUrl: certificateLink(ctx.config.publicUrl, ctx.config.secretKey, issued.id),
        }
      : null,
    documents,
    canEdit: canWorkOnRequest(application.status as ApplicationStatus, status, r.rejected_at !== null) && isRequestEditable(status),
  };
}

/**
 * Editing a request that was sent for signing or signed invalidates the statement: it goes
 * back to `Проект` and must be signed again.
 */
export async function updateRequest(ctx: AppContext, actor: Actor, id: string, data: CertificateRequestData) {
  const kind = identityKind(data.identityCode);
  if (!kind) throw fieldError('identityCode', 'Невірний РНОКПП або номер паспорта');
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const { request, application } = await lockVisibleRequest(trx, actor, id);
    assertRequestWorkable(application, request);
    if (!isRequestEditable(request.status as RequestStatus) && request.status !== 'signed') {
      throw new AppError('INVALID_STATE', 'Запит у цьому статусі змінювати не можна');
    }
    await validateRequestData(trx, application, data, id);
    const updated = await updateRequestGuarded(trx, id, [request.status], {
      ...requestValues(data, kind, await personIdFor(trx, application, data.identityCode, kind)),
      status: 'draft',
      signing_id: null,
      signing_expires_at: null,
      sent_for_signing_at: null,
      signed_at: null,
      statement_sha256: null,
      csr_sha256: null,
      csr_submitted_at: null,
      updated_at: now,
    });
    if (!updated) throw new AppError('INVALID_STATE');
    // The signed statement no longer matches the request: it is signed again.
    await deleteDocumentsOfSlot(trx, application.id, id, 'signed_statement');
    await appendAudit(trx, {
      event: 'REQUEST_UPDATED',
      entityType: 'certificate_request',
      entityId: id,
      organizationId: application.organization_id,
      actor,
      details: { previousStatus: request.status },
    });
  });
  return getRequestDetail(ctx, actor, id);
}

export async function deleteRequest(ctx: AppContext, actor: Actor, id: string) {
  await ctx.db.transaction().execute(async (trx) => {
    const { request, application } = await lockVisibleRequest(trx, actor, id);
    assertApplicationEditable(application);
    const deletable = ['draft', 'awaiting_signature', 'rejected', 'signed'];
    if (!deletable.includes(request.status) || !(await deleteRequestGuarded(trx, id, deletable))) {
      throw new AppError('INVALID_STATE', 'Запит у цьому статусі видалити не можна');
    }
    await appendAudit(trx, {
      event: 'REQUEST_DELETED',
      entityType: 'certificate_request',
      entityId: id,
      organizationId: application.organization_id,
      actor,
      details: { applicationId: application.id, number: request.number },
    });
  });
}

/**
 * `ВІДПРАВИТИ ЗАЯВКУ НА ПІДПИС`: the request waits for the employee's signature and the
 * employee gets `Підпис файлу <ID>` with the link. Sending again (a fresh link) replaces the id.
 */
export async function sendForSigning(ctx: AppContext, actor: Actor, id: string) {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const { request, application } = await lockVisibleRequest(trx, actor, id);
    assertRequestWorkable(application, request);
    if (request.status !== 'draft' && request.status !== 'awaiting_signature') {
      throw new AppError('INVALID_STATE', 'Надіслати на підпис можна лише запит у статусі «Проект» або «Очікує підпису»');
    }
    const signingId = newSigningId();
    const expiresAt = new Date(now.getTime() + SIGNING_LINK_DAYS * 24 * 60 * 60 * 1000);
    // The statement is fixed now: the employee signs these bytes, and the signature is checked against them.
    const statement = await renderRequestStatement(ctx, { ...request, signing_id: signingId, sent_for_signing_at: now }, application, trx);
    const stored = await ctx.files.put(statement);
    const moved = await updateRequestGuarded(trx, id, [request.status], {
      status: 'awaiting_signature',
      signing_id: signingId,
      signing_expires_at: expiresAt,
      sent_for_signing_at: now,
      statement_sha256: stored.sha256,
      updated_at: now,
    });
    if (!moved) throw new AppError('INVALID_STATE');
    const organization = await findOrganizationById(trx, application.organization_id);
    const mail = renderSigningRequestEmail({
      signingId,
      link: signingLink(ctx.config.publicUrl, ctx.config.secretKey, signingId),
      personName: `${request.last_name} ${request.first_and_middle_name}`,
      organizationName: organization?.name ?? '',
      applicationNumber: application.number,
      expiresAt: formatDate(addDays(kyivToday(now), SIGNING_LINK_DAYS)),
    });
    await enqueueEmail(trx, { to: request.email, ...mail });
    await appendAudit(trx, {
      event: 'REQUEST_SENT_FOR_SIGNING',
      entityType: 'certificate_request',
      entityId: id,
      organizationId: application.organization_id,
      actor,
      details: { signingId, email: request.email },
    });
  });
  return getRequestDetail(ctx, actor, id);
}

export async function renderRequestStatement(
  ctx: AppContext,
  request: CertificateRequestRow,
  application: ApplicationRow,
  db: Executor = ctx.db,
): Promise<Buffer> {
  const [organization, services] = await Promise.all([
    findOrganizationById(db, application.organization_id),
    listContractServices(db, [application.contract_id]),
  ]);
  return renderStatementPdf({
    applicationNumber: application.number,
    requestNumber: request.number,
    provider: { name: ctx.config.providerName },
    organization: { name: organization?.name ?? '', edrpou: organization?.edrpou ?? '' },
    person: {
      lastName: request.last_name,
      firstAndMiddleName: request.first_and_middle_name,
      identityCode: request.identity_code,
      identityKind: request.identity_kind,
      phone: request.phone,
      email: request.email,
      locality: request.locality,
      region: request.region,
      department: request.department,
      position: request.position,
      otherDocument: request.other_document,
    },
    service: services.find((s) => s.id === request.service_id)?.name ?? '',
    keyStorageLabel: keyStorageLabel[request.key_storage],
    keyGrade: keyGrade[request.key_storage],
    isReissue: request.is_reissue,
    publishConsent: request.publish_consent,
    signingId: request.signing_id,
    generatedAt: formatDateTime((request.sent_for_signing_at ?? request.updated_at).toISOString()),
  });
}

/** The statement as sent for signing when it was sent, else as it would be printed now. */
export async function statementBytes(ctx: AppContext, request: CertificateRequestRow, application: ApplicationRow): Promise<Buffer> {
  if (request.statement_sha256) return ctx.files.get(request.statement_sha256);
  return renderRequestStatement(ctx, request, application);
}

export async function getStatementPdf(ctx: AppContext, actor: Actor, id: string) {
  const { request, application } = await getVisibleRequest(ctx.db, actor, id);
  return {
    bytes: await statementBytes(ctx, request, application),
    number: `${application.number.replace('/', '-')}-${request.number}`,
  };
}

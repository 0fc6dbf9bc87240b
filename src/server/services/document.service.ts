import type { DocumentKind } from '../../shared/contracts/documents';
import { documentKindLabel, MAX_DOCUMENT_BYTES } from '../../shared/contracts/documents';
import { keyStorageLabel } from '../../shared/contracts/requests';
import { derFromPemOrDer } from '../../shared/crypto/bytes';
import { formatDate, formatDateTime } from '../../shared/domain/dates';
import { signatureFailureMessage } from '../../shared/domain/signature';
import {
  type ApplicationStatus,
  applicationStatusLabel,
  canWorkOnRequest,
  isApplicationEditable,
  isRequestEditable,
  type RequestStatus,
  requestStatusLabel,
} from '../../shared/domain/status';
import { AppError } from '../../shared/errors';
import { loadTrustList, revocationCheck } from '../ca/trust-store';
import { verifyCms } from '../ca/verify';
import type { Actor, AppContext } from '../context';
import type { Executor } from '../db/database';
import { renderApplicationPdf } from '../pdf/application.pdf';
import { appendAudit } from '../repositories/audit.repository';
import { deleteDocument, deleteDocumentsOfSlot, findDocumentById, insertDocument } from '../repositories/document.repository';
import { findContractById, findOrganizationById, listContractServices } from '../repositories/organization.repository';
import { listRequestsOfApplication } from '../repositories/request.repository';
import { insertSignatureCheck } from '../repositories/signature.repository';
import { findUserById } from '../repositories/user.repository';
import { detectFileType } from '../storage/file-store';
import { getVisibleApplication, getVisibleRequest, lockVisibleApplication } from './access';
import { mapDocument } from './application.service';

export type Upload = { bytes: Buffer; truncated: boolean };

/** Checks the bytes, stores them content-addressed, and fills the slot (replacing its old file). */
export async function uploadDocument(
  ctx: AppContext,
  actor: Actor,
  target: { applicationId: string; requestId: string | null; kind: DocumentKind },
  upload: Upload,
) {
  if (upload.truncated || upload.bytes.length > MAX_DOCUMENT_BYTES) throw new AppError('PAYLOAD_TOO_LARGE');
  if (upload.bytes.length === 0)
    throw new AppError('VALIDATION_FAILED', 'Файл порожній', { errors: [{ field: 'file', message: 'Файл порожній' }] });
  const type = detectFileType(upload.bytes);
  if (!type) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Дозволені файли: PDF, JPEG, PNG або підпис CMS (.p7s)', {
      errors: [{ field: 'file', message: 'Дозволені файли: PDF, JPEG, PNG або підпис CMS (.p7s)' }],
    });
  }
  // Access and state are checked before any byte is written to disk.
  const application = await getVisibleApplication(ctx.db, actor, target.applicationId);
  const workable = async (db: Executor, status: string) => {
    if (!target.requestId) return isApplicationEditable(status as ApplicationStatus);
    const { request } = await getVisibleRequest(db, actor, target.requestId);
    if (request.application_id !== application.id) throw new AppError('NOT_FOUND');
    // A rejected request's copies may be replaced while the application is with the operator.
    return canWorkOnRequest(status as ApplicationStatus, request.status as RequestStatus, request.rejected_at !== null);
  };
  if (!(await workable(ctx.db, application.status))) {
    throw new AppError('INVALID_STATE', 'Заявку вже відправлено: документи змінювати не можна');
  }
  const stored = await ctx.files.put(upload.bytes);
  const now = ctx.now();
  // The stored name is made here from the slot, never taken from the user.
  const fileName = `${documentKindLabel[target.kind]}.${type.extension}`;
  const row = await ctx.db.transaction().execute(async (trx) => {
    const current = await lockVisibleApplication(trx, actor, target.applicationId);
    if (!(await workable(trx, current.status))) throw new AppError('INVALID_STATE');
    await deleteDocumentsOfSlot(trx, application.id, target.requestId, target.kind);
    const document = await insertDocument(trx, {
      applicationId: application.id,
      requestId: target.requestId,
      kind: target.kind,
      fileName,
      mediaType: type.mediaType,
      size: stored.size,
      sha256: stored.sha256,
      uploadedBy: actor.userId,
      now,
    });
    await appendAudit(trx, {
      event: 'DOCUMENT_UPLOADED',
      entityType: 'document',
      entityId: document.id,
      organizationId: application.organization_id,
      actor,
      details: { kind: target.kind, applicationId: application.id, requestId: target.requestId, sha256: stored.sha256, size: stored.size },
    });
    return document;
  });
  return mapDocument(row);
}

export async function getDocumentFile(ctx: AppContext, actor: Actor, id: string) {
  const document = await findDocumentById(ctx.db, id);
  if (!document) throw new AppError('NOT_FOUND', 'Документ не знайдено');
  try {
    await getVisibleApplication(ctx.db, actor, document.application_id);
  } catch {
    throw new AppError('NOT_FOUND', 'Документ не знайдено');
  }
  return { document, bytes: await ctx.files.get(document.sha256) };
}

/** The `.p7s` kept with a signed document. */
export async function getDocumentSignature(ctx: AppContext, actor: Actor, id: string) {
  const { document } = await getDocumentFile(ctx, actor, id);
  if (!document.signature_sha256) throw new AppError('NOT_FOUND', 'Документ не має окремого файлу підпису');
  return { document, bytes: await ctx.files.get(document.signature_sha256) };
}

const UNSIGNED_KDP = 'Завантажте заявку, підписану КЕП: файл .p7s із документом усередині або документ разом з окремим підписом (.p7s)';

/**
 * `Електронна версія заявки на КДП` must be signed with a qualified key: either a `.p7s` with
 * the document inside, or the document with its detached `.p7s`. The signature is verified
 * (any valid certificate from a trusted CA); the document and the `.p7s` are kept with the
 * report. A refusal is recorded with its reason; the slot keeps its previous file.
 */
export async function uploadSignedApplicationDocument(
  ctx: AppContext,
  actor: Actor,
  applicationId: string,
  upload: { file: Upload | undefined; signature: Upload | undefined },
) {
  const { file, signature } = upload;
  if (!file || file.bytes.length === 0)
    throw new AppError('VALIDATION_FAILED', 'Оберіть файл', { errors: [{ field: 'file', message: 'Оберіть файл' }] });
  if (file.truncated || signature?.truncated) throw new AppError('PAYLOAD_TOO_LARGE');
  const fileType = detectFileType(file.bytes);
  const fileIsSignature = fileType?.extension === 'p7s';
  if (!fileType || (!fileIsSignature && !signature)) {
    throw new AppError('VALIDATION_FAILED', UNSIGNED_KDP, { errors: [{ field: fileType ? 'signature' : 'file', message: UNSIGNED_KDP }] });
  }
  if (signature && detectFileType(signature.bytes)?.extension !== 'p7s') {
    throw new AppError('VALIDATION_FAILED', 'Окремий підпис має бути файлом CMS (.p7s)', {
      errors: [{ field: 'signature', message: 'Окремий підпис має бути файлом CMS (.p7s)' }],
    });
  }
  const application = await getVisibleApplication(ctx.db, actor, applicationId);
  if (!isApplicationEditable(application.status as ApplicationStatus)) {
    throw new AppError('INVALID_STATE', 'Заявку вже відправлено: документи змінювати не можна');
  }
  const now = ctx.now();
  const cms = fileIsSignature ? file.bytes : (signature as Upload).bytes;
  const result = await verifyCms({
    cms,
    expectedContent: fileIsSignature ? undefined : file.bytes,
    trust: await loadTrustList(ctx.db),
    isRevoked: revocationCheck(ctx.db, now),
    now,
  });
  const der = derFromPemOrDer(cms, ['PKCS7', 'CMS']);
  const storedSignature = await ctx.files.put(der.length > 0 ? der : cms);
  const record = (trx: Executor, outcome: { result: 'valid' | 'refused'; code: string | null; message: string | null }) =>
    insertSignatureCheck(trx, {
      applicationId: application.id,
      requestId: null,
      purpose: 'kdp_application',
      result: outcome.result,
      failureCode: outcome.code,
      message: outcome.message,
      report: result.report,
      signatureSha256: storedSignature.sha256,
      ip: actor.ip,
      now,
    });
  const contentType = result.ok ? detectFileType(result.content) : null;
  if (!result.ok || !contentType || contentType.extension === 'p7s') {
    const code = result.ok ? 'CONTENT_TYPE' : result.code;
    const message = result.ok
      ? 'Підписаний документ має бути PDF, JPEG або PNG'
      : result.code === 'NO_CONTENT'
        ? 'Підпис окремий: додайте й підписаний документ (PDF)'
        : signatureFailureMessage(result.code, result.detail);
    await ctx.db.transaction().execute(async (trx) => {
      await record(trx, { result: 'refused', code, message });
      await appendAudit(trx, {
        event: 'SIGNATURE_REFUSED',
        entityType: 'application',
        entityId: application.id,
        organizationId: application.organization_id,
        actor,
        details: { kind: 'kdp_application', reason: code },
      });
    });
    throw new AppError('SIGNATURE_REFUSED', message, { signature: { reason: code, report: result.report } });
  }
  const stored = await ctx.files.put(result.content);
  const row = await ctx.db.transaction().execute(async (trx) => {
    const current = await lockVisibleApplication(trx, actor, applicationId);
    if (!isApplicationEditable(current.status as ApplicationStatus)) throw new AppError('INVALID_STATE');
    await deleteDocumentsOfSlot(trx, application.id, null, 'kdp_application');
    const document = await insertDocument(trx, {
      applicationId: application.id,
      requestId: null,
      kind: 'kdp_application',
      fileName: `${documentKindLabel.kdp_application}.${contentType.extension}`,
      mediaType: contentType.mediaType,
      size: stored.size,
      sha256: stored.sha256,
      uploadedBy: actor.userId,
      now,
      signature: { sha256: storedSignature.sha256, report: result.report },
    });
    await record(trx, { result: 'valid', code: null, message: null });
    await appendAudit(trx, {
      event: 'DOCUMENT_UPLOADED',
      entityType: 'document',
      entityId: document.id,
      organizationId: application.organization_id,
      actor,
      details: {
        kind: 'kdp_application',
        applicationId: application.id,
        sha256: stored.sha256,
        signer: result.report.subjectSerialNumber,
        certificateSerial: result.report.certificateSerial,
        issuer: result.report.issuerName,
      },
    });
    return document;
  });
  return mapDocument(row);
}

export async function removeDocument(ctx: AppContext, actor: Actor, id: string) {
  await ctx.db.transaction().execute(async (trx) => {
    const found = await findDocumentById(trx, id);
    if (!found) throw new AppError('NOT_FOUND', 'Документ не знайдено');
    const application = await lockVisibleApplication(trx, actor, found.application_id).catch(() => {
      throw new AppError('NOT_FOUND', 'Документ не знайдено');
    });
    // Read again under the application's lock: a concurrent removal has finished by now.
    const document = await findDocumentById(trx, id);
    if (!document) throw new AppError('NOT_FOUND', 'Документ не знайдено');
    const request = document.request_id ? (await getVisibleRequest(trx, actor, document.request_id)).request : null;
    const workable = request
      ? canWorkOnRequest(application.status as ApplicationStatus, request.status as RequestStatus, request.rejected_at !== null)
      : isApplicationEditable(application.status as ApplicationStatus);
    if (!workable) throw new AppError('INVALID_STATE', 'Заявку вже відправлено: документи змінювати не можна');
    if (document.kind === 'signed_statement')
      throw new AppError('INVALID_STATE', 'Підписану заяву видалити не можна: змініть запит, щоб підписати заново');
    if (document.request_id) {
      const { request } = await getVisibleRequest(trx, actor, document.request_id);
      if (!isRequestEditable(request.status as RequestStatus) && request.status !== 'signed') throw new AppError('INVALID_STATE');
    }
    // The file itself stays: other documents may share its content address.
    await deleteDocument(trx, id);
    await appendAudit(trx, {
      event: 'DOCUMENT_DELETED',
      entityType: 'document',
      entityId: id,
      organizationId: application.organization_id,
      actor,
      details: { kind: document.kind, applicationId: application.id, requestId: document.request_id },
    });
  });
}

export async function getApplicationPdf(ctx: AppContext, actor: Actor, id: string) {
  const application = await getVisibleApplication(ctx.db, actor, id);
  const [organization, contract, requests, user] = await Promise.all([
    findOrganizationById(ctx.db, application.organization_id),
    findContractById(ctx.db, application.contract_id),
    listRequestsOfApplication(ctx.db, id),
    findUserById(ctx.db, application.created_by),
  ]);
  const services = await listContractServices(ctx.db, [application.contract_id]);
  const bytes = await renderApplicationPdf({
    number: application.number,
    statusLabel: applicationStatusLabel[application.status as ApplicationStatus],
    createdAt: formatDate(application.created_at.toISOString()),
    organization: { name: organization?.name ?? '', edrpou: organization?.edrpou ?? '' },
    contract: { number: contract?.number ?? '', signedOn: formatDate(contract?.signed_on) },
    visitRequired: application.visit_required,
    visitDate: application.visit_date ? formatDate(application.visit_date) : null,
    renewalDate: application.renewal_date ? formatDate(application.renewal_date) : null,
    provider: { name: ctx.config.providerName },
    requests: requests.map((r) => ({
      number: r.number,
      fullName: `${r.last_name} ${r.first_and_middle_name}`,
      identityCode: r.identity_code,
      position: r.position,
      department: r.department,
      service: services.find((s) => s.id === r.service_id)?.name ?? '',
      keyStorageLabel: keyStorageLabel[r.key_storage],
      statusLabel: requestStatusLabel[r.status as RequestStatus],
    })),
    responsiblePerson: { fullName: user?.full_name ?? '', phone: user?.phone ?? '' },
    generatedAt: formatDateTime(ctx.now().toISOString()),
  });
  return { bytes, number: application.number.replace('/', '-') };
}

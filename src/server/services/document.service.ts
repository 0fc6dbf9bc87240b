import type { DocumentKind } from '../../shared/contracts/documents';
import { documentKindLabel, MAX_DOCUMENT_BYTES } from '../../shared/contracts/documents';
import { keyStorageLabel } from '../../shared/contracts/requests';
import { formatDate, formatDateTime } from '../../shared/domain/dates';
import { applicationStatusLabel, type ApplicationStatus, isApplicationEditable, isRequestEditable, requestStatusLabel, type RequestStatus } from '../../shared/domain/status';
import { AppError } from '../../shared/errors';
import type { Actor, AppContext } from '../context';
import { renderApplicationPdf } from '../pdf/application.pdf';
import { appendAudit } from '../repositories/audit.repository';
import { deleteDocument, deleteDocumentsOfSlot, findDocumentById, insertDocument } from '../repositories/document.repository';
import { findContractById, findOrganizationById, listContractServices } from '../repositories/organization.repository';
import { listRequestsOfApplication } from '../repositories/request.repository';
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
  if (upload.bytes.length === 0) throw new AppError('VALIDATION_FAILED', 'Файл порожній', { errors: [{ field: 'file', message: 'Файл порожній' }] });
  const type = detectFileType(upload.bytes);
  if (!type) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Дозволені файли: PDF, JPEG, PNG або підпис CMS (.p7s)', {
      errors: [{ field: 'file', message: 'Дозволені файли: PDF, JPEG, PNG або підпис CMS (.p7s)' }],
    });
  }
  // Access and state are checked before any byte is written to disk.
  const application = await getVisibleApplication(ctx.db, actor, target.applicationId);
  if (target.requestId) {
    const { request } = await getVisibleRequest(ctx.db, actor, target.requestId);
    if (request.application_id !== application.id) throw new AppError('NOT_FOUND');
  }
  if (!isApplicationEditable(application.status as ApplicationStatus)) {
    throw new AppError('INVALID_STATE', 'Заявку вже відправлено: документи змінювати не можна');
  }
  const stored = await ctx.files.put(upload.bytes);
  const now = ctx.now();
  // The stored name is made here from the slot, never taken from the user.
  const fileName = `${documentKindLabel[target.kind]}.${type.extension}`;
  const row = await ctx.db.transaction().execute(async (trx) => {
    const current = await lockVisibleApplication(trx, actor, target.applicationId);
    if (!isApplicationEditable(current.status as ApplicationStatus)) throw new AppError('INVALID_STATE');
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
    if (!isApplicationEditable(application.status as ApplicationStatus)) throw new AppError('INVALID_STATE', 'Заявку вже відправлено: документи змінювати не можна');
    if (document.kind === 'signed_statement') throw new AppError('INVALID_STATE', 'Підписану заяву видалити не можна: змініть запит, щоб підписати заново');
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

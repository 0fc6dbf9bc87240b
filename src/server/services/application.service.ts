import type {
  ApplicationDetail,
  ApplicationListQuery,
  ApplicationSummary,
  CreateApplicationBody,
  UpdateApplicationBody,
} from '../../shared/contracts/applications';
import { documentKindLabel } from '../../shared/contracts/documents';
import { formatApplicationNumber, periodOf } from '../../shared/domain/application-number';
import { formatDate, kyivToday } from '../../shared/domain/dates';
import { certificateRenewalWarning, renewalDateProblems } from '../../shared/domain/renewal';
import { type ApplicationStatus, isApplicationEditable, type RequestStatus } from '../../shared/domain/status';
import { AppError, fieldError } from '../../shared/errors';
import type { Actor, AppContext } from '../context';
import type { Executor } from '../db/database';
import type { ApplicationRow, DocumentRow } from '../db/schema';
import { renderApplicationSentEmail } from '../email';
import {
  deleteDraftApplication,
  insertApplication,
  listApplications,
  lockApplication,
  nextApplicationSequence,
  transitionApplication,
  updateApplicationFields,
} from '../repositories/application.repository';
import { appendAudit } from '../repositories/audit.repository';
import { listDocumentsOfApplication } from '../repositories/document.repository';
import {
  countContractUsage,
  findContractById,
  findOrganizationById,
  listContractServices,
  lockContract,
} from '../repositories/organization.repository';
import { enqueueEmail } from '../repositories/outbox.repository';
import { findCurrentCertificates } from '../repositories/person.repository';
import { listRequestsOfApplication } from '../repositories/request.repository';
import { findCertificateBySerial } from '../repositories/signature.repository';
import { findUserById, listOperatorEmails } from '../repositories/user.repository';
import { assertOrganizationVisible, getVisibleApplication, visibleOrganizationIds } from './access';

const EDITABLE: ApplicationStatus[] = ['draft', 'rework'];

export function mapDocument(row: DocumentRow) {
  return {
    id: row.id,
    kind: row.kind as ApplicationDetail['documents'][number]['kind'],
    fileName: row.file_name,
    mediaType: row.media_type,
    size: row.size,
    sha256: row.sha256,
    createdAt: row.created_at.toISOString(),
    signature: row.signature_report,
    hasSignatureFile: row.signature_sha256 !== null,
  };
}

export async function listApplicationsFor(ctx: AppContext, actor: Actor, query: ApplicationListQuery): Promise<ApplicationSummary[]> {
  const organizationIds = await visibleOrganizationIds(ctx.db, actor);
  const rows = await listApplications(ctx.db, { ...query, organizationIds });
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    status: r.status as ApplicationStatus,
    createdAt: r.created_at.toISOString(),
    visitDate: r.visit_date,
    renewalDate: r.renewal_date,
    organization: { id: r.organization_id, name: r.organization_name },
    requestCount: Number(r.request_count ?? 0),
  }));
}

/** The contract must be the organization's and in force today. */
async function assertContractUsable(db: Executor, organizationId: string, contractId: string, today: string) {
  const contract = await findContractById(db, contractId);
  const inForce =
    contract &&
    contract.organization_id === organizationId &&
    contract.is_active &&
    contract.valid_from <= today &&
    (contract.valid_to === null || contract.valid_to >= today);
  if (!inForce) throw fieldError('contractId', 'Оберіть чинний контракт цієї організації');
  return contract;
}

/**
 * Moving an application to another contract takes its requests along: their services must be
 * the new contract's, and they must fit in what is left of its quantity.
 */
async function assertRequestsFitContract(db: Executor, applicationId: string, contractId: string) {
  const requests = await listRequestsOfApplication(db, applicationId);
  if (requests.length === 0) return;
  const contract = await lockContract(db, contractId);
  const services = new Set((await listContractServices(db, [contractId])).map((s) => s.id));
  if (requests.some((r) => !services.has(r.service_id))) {
    throw fieldError('contractId', 'Послуги запитів цієї заявки не входять до обраного контракту');
  }
  const used = (await countContractUsage(db, [contractId])).get(contractId) ?? 0;
  if (contract && used + requests.length > contract.quantity) {
    throw fieldError(
      'contractId',
      `У контракті залишилось ${Math.max(contract.quantity - used, 0)} місць, а в заявці ${requests.length} запитів`,
    );
  }
}

function assertVisitDate(visitRequired: boolean, visitDate: string | null, today: string) {
  if (visitRequired && !visitDate) throw fieldError('visitDate', 'Вкажіть дату виїзду');
  if (visitRequired && visitDate && visitDate < today) throw fieldError('visitDate', 'Дата виїзду не може бути в минулому');
}

export async function createApplication(
  ctx: AppContext,
  actor: Actor,
  body: CreateApplicationBody & { visitRequired: boolean; visitDate: string | null },
) {
  if (actor.role !== 'responsible_person') throw new AppError('NOT_FOUND');
  const now = ctx.now();
  const today = kyivToday(now);
  const visitDate = body.visitRequired ? body.visitDate : null;
  return ctx.db.transaction().execute(async (trx) => {
    await assertOrganizationVisible(trx, actor, body.organizationId);
    await assertContractUsable(trx, body.organizationId, body.contractId, today);
    assertVisitDate(body.visitRequired, visitDate, today);
    const period = periodOf(today);
    const sequence = await nextApplicationSequence(trx, period);
    const application = await insertApplication(trx, {
      number: formatApplicationNumber(period, sequence),
      organizationId: body.organizationId,
      contractId: body.contractId,
      createdBy: actor.userId,
      visitRequired: body.visitRequired,
      visitDate,
      now,
    });
    await appendAudit(trx, {
      event: 'APPLICATION_CREATED',
      entityType: 'application',
      entityId: application.id,
      organizationId: application.organization_id,
      actor,
      details: { number: application.number },
    });
    return { id: application.id, number: application.number };
  });
}

export async function getApplicationDetail(ctx: AppContext, actor: Actor, id: string): Promise<ApplicationDetail> {
  const application = await getVisibleApplication(ctx.db, actor, id);
  return buildDetail(ctx, ctx.db, application);
}

export async function buildDetail(ctx: AppContext, db: Executor, application: ApplicationRow): Promise<ApplicationDetail> {
  const [organization, contract, documents, requests, usage] = await Promise.all([
    findOrganizationById(db, application.organization_id),
    findContractById(db, application.contract_id),
    listDocumentsOfApplication(db, application.id),
    listRequestsOfApplication(db, application.id),
    countContractUsage(db, [application.contract_id]),
  ]);
  if (!organization || !contract) throw new AppError('NOT_FOUND');
  const personIds = requests.flatMap((r) => (r.person_id ? [r.person_id] : []));
  const certificates = await findCurrentCertificates(db, personIds, application.organization_id);
  const today = kyivToday(ctx.now());
  return {
    id: application.id,
    number: application.number,
    status: application.status as ApplicationStatus,
    createdAt: application.created_at.toISOString(),
    sentAt: application.sent_at?.toISOString() ?? null,
    visitRequired: application.visit_required,
    visitDate: application.visit_date,
    renewalDate: application.renewal_date,
    reworkComment: application.rework_comment,
    organization: { id: organization.id, name: organization.name, edrpou: organization.edrpou },
    contract: {
      id: contract.id,
      number: contract.number,
      signedOn: contract.signed_on,
      quantity: contract.quantity,
      usedQuantity: usage.get(contract.id) ?? 0,
    },
    documents: documents.filter((d) => d.request_id === null).map(mapDocument),
    requests: requests.map((r) => {
      const certificate = r.person_id ? certificates.get(r.person_id) : undefined;
      const current = certificate
        ? { notAfter: kyivToday(certificate.not_after), status: certificateStatus(certificate.status, certificate.not_after, ctx.now()) }
        : null;
      const warning =
        application.renewal_date || r.is_reissue
          ? certificateRenewalWarning({ renewalDate: application.renewal_date, isReissue: r.is_reissue, current, today })
          : null;
      return {
        id: r.id,
        number: r.number,
        createdAt: r.created_at.toISOString(),
        fullName: `${r.last_name} ${r.first_and_middle_name}`,
        identityCode: r.identity_code,
        status: r.status as RequestStatus,
        keyStorage: r.key_storage,
        isReissue: r.is_reissue,
        rejectionReason: r.rejection_reason,
        currentCertificate: certificate
          ? { serial: certificate.serial, notAfter: certificate.not_after.toISOString(), status: current?.status ?? 'valid' }
          : null,
        renewalWarning: warning ? { level: warning.level, message: warning.message } : null,
      };
    }),
    canEdit: isApplicationEditable(application.status as ApplicationStatus),
  };
}

export function certificateStatus(
  status: 'valid' | 'revoked' | 'blocked',
  notAfter: Date,
  now: Date,
): 'valid' | 'revoked' | 'blocked' | 'expired' {
  if (status !== 'valid') return status;
  return notAfter <= now ? 'expired' : 'valid';
}

export async function updateApplication(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: UpdateApplicationBody & { visitRequired: boolean; visitDate: string | null; renewalDate: string | null },
) {
  const now = ctx.now();
  const today = kyivToday(now);
  await ctx.db.transaction().execute(async (trx) => {
    const application = await getVisibleApplication(trx, actor, id);
    if (!isApplicationEditable(application.status as ApplicationStatus))
      throw new AppError('INVALID_STATE', 'Заявку вже відправлено: змінювати її не можна');
    await assertContractUsable(trx, application.organization_id, body.contractId, today);
    if (body.contractId !== application.contract_id) await assertRequestsFitContract(trx, application.id, body.contractId);
    const visitDate = body.visitRequired ? body.visitDate : null;
    assertVisitDate(body.visitRequired, visitDate, today);
    if (body.renewalDate) {
      const problems = renewalDateProblems(body.renewalDate, today);
      if (problems.length > 0) throw fieldError('renewalDate', problems[0]);
    }
    const updated = await updateApplicationFields(trx, id, EDITABLE, {
      contract_id: body.contractId,
      visit_required: body.visitRequired,
      visit_date: visitDate,
      renewal_date: body.renewalDate,
      updated_at: now,
    });
    if (!updated) throw new AppError('INVALID_STATE');
    await appendAudit(trx, {
      event: 'APPLICATION_UPDATED',
      entityType: 'application',
      entityId: id,
      organizationId: application.organization_id,
      actor,
      details: { contractId: body.contractId, visitRequired: body.visitRequired, visitDate, renewalDate: body.renewalDate },
    });
  });
  return getApplicationDetail(ctx, actor, id);
}

export async function deleteApplication(ctx: AppContext, actor: Actor, id: string) {
  await ctx.db.transaction().execute(async (trx) => {
    const application = await getVisibleApplication(trx, actor, id);
    if (application.status !== 'draft') throw new AppError('INVALID_STATE', 'Видалити можна лише заявку в статусі «Проект»');
    if (!(await deleteDraftApplication(trx, id))) throw new AppError('INVALID_STATE');
    await appendAudit(trx, {
      event: 'APPLICATION_DELETED',
      entityType: 'application',
      entityId: id,
      organizationId: application.organization_id,
      actor,
      details: { number: application.number },
    });
  });
}

/**
 * Every reason the application cannot go to the provider yet, in the ВО's words. An empty
 * list means it can be sent.
 */
export async function submitRefusalReasons(
  ctx: AppContext,
  db: Executor,
  application: ApplicationRow,
  renewalDate: string,
): Promise<string[]> {
  const now = ctx.now();
  const today = kyivToday(now);
  const reasons: string[] = [];
  const [requests, documents, contract, usage] = await Promise.all([
    listRequestsOfApplication(db, application.id),
    listDocumentsOfApplication(db, application.id),
    findContractById(db, application.contract_id),
    countContractUsage(db, [application.contract_id]),
  ]);
  for (const problem of renewalDateProblems(renewalDate, today)) reasons.push(problem);
  if (application.visit_required && !application.visit_date) reasons.push('Вкажіть дату виїзду');
  if (application.visit_required && application.visit_date && application.visit_date < today) reasons.push('Дата виїзду в минулому');
  if (!contract || !contract.is_active || (contract.valid_to !== null && contract.valid_to < today)) {
    reasons.push('Контракт заявки не чинний');
  } else if ((usage.get(contract.id) ?? 0) > contract.quantity) {
    reasons.push(`Кількість запитів за контрактом (${usage.get(contract.id)}) перевищує кількість за договором (${contract.quantity})`);
  }
  const applicationDocs = new Set(documents.filter((d) => d.request_id === null).map((d) => d.kind));
  for (const kind of ['employee_list', 'kdp_application'] as const) {
    if (!applicationDocs.has(kind)) reasons.push(`Не прикріплено документ «${documentKindLabel[kind]}»`);
  }
  if (requests.length === 0) reasons.push('Додайте хоча б один запит на сертифікат');
  const personIds = requests.flatMap((r) => (r.person_id ? [r.person_id] : []));
  const certificates = await findCurrentCertificates(db, personIds, application.organization_id);
  for (const r of requests) {
    const who = `Запит №${r.number} (${r.last_name} ${r.first_and_middle_name})`;
    if (r.status !== 'signed') reasons.push(`${who}: заяву не підписано співробітником`);
    if (!r.is_reissue) {
      const requestDocs = new Set(documents.filter((d) => d.request_id === r.id).map((d) => d.kind));
      if (!requestDocs.has('passport_copy')) reasons.push(`${who}: не прикріплено «${documentKindLabel.passport_copy}»`);
      if (r.identity_kind === 'rnokpp' && !requestDocs.has('tax_id_copy'))
        reasons.push(`${who}: не прикріплено «${documentKindLabel.tax_id_copy}»`);
    } else {
      const certificate = r.person_id ? certificates.get(r.person_id) : undefined;
      const current = certificate
        ? { notAfter: kyivToday(certificate.not_after), status: certificateStatus(certificate.status, certificate.not_after, now) }
        : null;
      const check = certificateRenewalWarning({ renewalDate, isReissue: true, current, today });
      if (check.level === 'error') reasons.push(`${who}: ${check.message}`);
    }
    // Identification by the existing key needs the key that signed to be valid on the renewal day.
    const signer = documents.find((d) => d.request_id === r.id && d.kind === 'signed_statement')?.signature_report;
    if (r.is_reissue && r.status === 'signed' && signer) {
      const signerUntil = kyivToday(new Date(signer.notAfter));
      if (signerUntil < renewalDate) {
        reasons.push(`${who}: сертифікат, яким підписано заяву, діє до ${formatDate(signerUntil)} — раніше дня продовження`);
      }
      const issued = await findCertificateBySerial(db, signer.certificateSerial);
      if (issued && issued.status !== 'valid') reasons.push(`${who}: сертифікат, яким підписано заяву, відкликано або заблоковано`);
    }
  }
  return reasons;
}

export async function submitApplication(ctx: AppContext, actor: Actor, id: string, renewalDate: string) {
  const now = ctx.now();
  const outcome = await ctx.db.transaction().execute(async (trx) => {
    await getVisibleApplication(trx, actor, id);
    // Lock the row: a concurrent submit or request change waits, so the checks below hold at commit.
    const application = await lockApplication(trx, id);
    if (!application) throw new AppError('NOT_FOUND');
    if (!EDITABLE.includes(application.status as ApplicationStatus)) {
      throw new AppError('INVALID_STATE', 'Заявку вже відправлено');
    }
    const reasons = await submitRefusalReasons(ctx, trx, application, renewalDate);
    if (reasons.length > 0) return { refused: reasons, application };
    const moved = await transitionApplication(trx, id, EDITABLE, {
      status: 'sent',
      renewal_date: renewalDate,
      sent_at: now,
      updated_at: now,
    });
    if (!moved) throw new AppError('INVALID_STATE');
    const [organization, user, operators, requests] = await Promise.all([
      findOrganizationById(trx, application.organization_id),
      findUserById(trx, actor.userId),
      listOperatorEmails(trx),
      listRequestsOfApplication(trx, id),
    ]);
    for (const to of operators) {
      const mail = renderApplicationSentEmail({
        applicationNumber: application.number,
        organizationName: organization?.name ?? '',
        edrpou: organization?.edrpou ?? '',
        renewalDate: formatDate(renewalDate),
        requestCount: requests.length,
        link: `${ctx.config.publicUrl}/applications/${id}`,
        responsiblePersonName: user?.full_name ?? '',
      });
      await enqueueEmail(trx, { to, ...mail });
    }
    await appendAudit(trx, {
      event: 'APPLICATION_SENT',
      entityType: 'application',
      entityId: id,
      organizationId: application.organization_id,
      actor,
      details: { renewalDate, requestCount: requests.length, notified: operators.length },
    });
    return { refused: null, application };
  });
  if (outcome.refused) {
    await appendAudit(ctx.db, {
      event: 'APPLICATION_SEND_REFUSED',
      entityType: 'application',
      entityId: id,
      organizationId: outcome.application.organization_id,
      actor,
      details: { reasons: outcome.refused },
    });
    throw new AppError('SUBMIT_REFUSED', 'Заявку не можна відправити: усуньте причини зі списку', { reasons: outcome.refused });
  }
  return getApplicationDetail(ctx, actor, id);
}

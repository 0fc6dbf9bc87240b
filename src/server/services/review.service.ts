import type {
  ApplicationReview,
  Inbox,
  InboxQuery,
  RenewalProgress,
  RequestReview,
  ReviewWarning,
  Settings,
} from '../../shared/contracts/review';
import { toArrayBuffer } from '../../shared/crypto/bytes';
import { x509 } from '../../shared/crypto/engine';
import { OID } from '../../shared/crypto/oids';
import { formatDate, isWorkingDay, kyivToday } from '../../shared/domain/dates';
import { DEFAULT_REMOTE_REISSUE_LIMIT, remoteReissueProblem, renewalRunAt } from '../../shared/domain/issuance';
import type { ApplicationStatus } from '../../shared/domain/status';
import { AppError, fieldError } from '../../shared/errors';
import type { Actor, AppContext } from '../context';
import type { Executor } from '../db/database';
import type { ApplicationRow, CertificateRequestRow, CertificateRow } from '../db/schema';
import { renderApplicationAcceptedEmail, renderApplicationReturnedEmail, renderRequestRejectedEmail } from '../email';
import { ISSUE_CERTIFICATE } from '../jobs/job-runner';
import { findApplicationById, lockApplication, transitionApplication } from '../repositories/application.repository';
import { appendAudit } from '../repositories/audit.repository';
import { findCertificatesByRequests } from '../repositories/certificate.repository';
import { listDocumentsOfApplication } from '../repositories/document.repository';
import { listInbox } from '../repositories/inbox.repository';
import {
  deleteWaitingJobs,
  enqueueJob,
  findApplicationRunAt,
  listApplicationJobs,
  makeApplicationJobsDue,
} from '../repositories/job.repository';
import { findOrganizationById } from '../repositories/organization.repository';
import { enqueueEmail } from '../repositories/outbox.repository';
import { findCurrentCertificates } from '../repositories/person.repository';
import { findRequestById, listRequestsOfApplication, updateRequestGuarded } from '../repositories/request.repository';
import { getSetting, putSetting } from '../repositories/setting.repository';
import { findUserById } from '../repositories/user.repository';
import { buildDetail, mapDocument } from './application.service';
import { REMOTE_REISSUE_LIMIT_KEY } from './renewal.service';
import { mapRequestDetail } from './request.service';

// --- Inbox ----------------------------------------------------------------------------------------

export async function getInbox(ctx: AppContext, query: InboxQuery): Promise<Inbox> {
  const { rows, counts } = await listInbox(ctx.db, query);
  return {
    items: rows.map((r) => ({
      id: r.id,
      number: r.number,
      status: r.status as ApplicationStatus,
      organization: { id: r.organization_id, name: r.organization_name, edrpou: r.edrpou },
      sentAt: r.sent_at?.toISOString() ?? null,
      renewalDate: r.renewal_date,
      requestCount: Number(r.request_count ?? 0),
      signedCount: Number(r.signed_count ?? 0),
      rejectedCount: Number(r.rejected_count ?? 0),
      issuedCount: Number(r.issued_count ?? 0),
    })),
    counts: Object.fromEntries(counts.map((c) => [c.status, Number(c.n)])),
  };
}

// --- One application under review --------------------------------------------------------------

/** The fields of the current certificate's subject, to see what changed since it was issued. */
function subjectOf(der: Uint8Array | null) {
  if (!der) return null;
  try {
    const name = new x509.X509Certificate(toArrayBuffer(new Uint8Array(der))).subjectName;
    const field = (oid: string) => name.getField(oid)[0] ?? null;
    return {
      cn: field(OID.commonName),
      title: field(OID.title),
      ou: field(OID.organizationalUnit),
      org: field(OID.organizationIdentifier),
    };
  } catch {
    return null;
  }
}

function warningsFor(
  request: CertificateRequestRow,
  current: CertificateRow | undefined,
  edrpou: string,
  renewalDate: string | null,
  limit: number,
): ReviewWarning[] {
  const warnings: ReviewWarning[] = [];
  if (request.key_storage === 'file') {
    warnings.push({ code: 'ADVANCED_ONLY', message: 'Файловий ключ: сертифікат буде удосконаленим (УЕП), не кваліфікованим (КЕП)' });
  }
  if (!request.is_reissue) return warnings;
  if (!current) {
    warnings.push({
      code: 'NO_CURRENT_CERTIFICATE',
      message: 'Немає поточного сертифіката особи в цій організації: дистанційна повторна видача неможлива',
    });
    return warnings;
  }
  const currentUntil = kyivToday(current.not_after);
  if (current.status !== 'valid' || (renewalDate && currentUntil < renewalDate)) {
    warnings.push({
      code: 'EXPIRES_BEFORE_RENEWAL',
      message:
        current.status !== 'valid'
          ? 'Поточний сертифікат відкликано або заблоковано: дистанційна повторна видача неможлива'
          : `Поточний сертифікат діє до ${formatDate(currentUntil)} — раніше дня продовження ${formatDate(renewalDate)}`,
    });
  }
  const subject = subjectOf(current.der);
  if (subject) {
    const changes: string[] = [];
    const fullName = `${request.last_name} ${request.first_and_middle_name}`;
    if (subject.cn && subject.cn !== fullName) changes.push(`ПІБ (було «${subject.cn}»)`);
    if (subject.title && subject.title !== request.position) changes.push(`посада (було «${subject.title}»)`);
    if (subject.ou && subject.ou !== request.department) changes.push(`підрозділ (було «${subject.ou}»)`);
    if (subject.org && subject.org !== `NTRUA-${edrpou}`) changes.push(`організація (було ${subject.org})`);
    if (changes.length > 0) {
      warnings.push({
        code: 'DATA_CHANGED',
        message: `Змінилися дані з часу поточного сертифіката: ${changes.join(', ')}. Для зміни ПІБ чи організації потрібна особиста ідентифікація`,
      });
    }
  }
  const problem = remoteReissueProblem(current.remote_chain, limit);
  if (problem) warnings.push({ code: 'REMOTE_LIMIT', message: problem });
  return warnings;
}

async function progressOf(db: Executor, application: ApplicationRow, requests: CertificateRequestRow[]): Promise<RenewalProgress> {
  const jobs = await listApplicationJobs(db, application.id);
  const issued = requests.filter((r) => r.status === 'issued').length;
  const byRequest = new Map(requests.map((r) => [r.id, r]));
  const failures = jobs
    .filter((j) => j.last_error && j.status !== 'done')
    .map((j) => {
      const request = byRequest.get(String(j.payload.requestId));
      return {
        requestId: String(j.payload.requestId),
        number: request?.number ?? 0,
        fullName: request ? `${request.last_name} ${request.first_and_middle_name}` : '',
        error: j.last_error ?? '',
        attempts: j.attempts,
      };
    });
  const failed = jobs.filter((j) => j.status === 'failed').length;
  const pending = jobs.filter((j) => j.status === 'pending' || j.status === 'running').length;
  const runAt = pending > 0 ? await findApplicationRunAt(db, application.id) : null;
  const started = jobs.some((j) => j.status !== 'pending' || j.attempts > 0) || issued > 0;
  const state: RenewalProgress['state'] =
    application.status === 'completed' || (jobs.length > 0 && pending === 0)
      ? 'done'
      : application.status === 'accepted'
        ? started || (runAt && runAt.getTime() <= Date.now())
          ? 'running'
          : 'scheduled'
        : 'none';
  return { state, runAt: runAt?.toISOString() ?? null, total: jobs.length, issued, failed, pending, failures };
}

function acceptBlockers(application: ApplicationRow, requests: CertificateRequestRow[], reviews: RequestReview[]): string[] {
  const blockers: string[] = [];
  if (application.status !== 'sent') return ['Прийняти можна лише заявку у статусі «Відправлено до eSign»'];
  if (!requests.some((r) => r.status === 'signed')) blockers.push('Немає жодного підписаного запиту');
  for (const r of requests) {
    const who = `Запит №${r.number} (${r.last_name} ${r.first_and_middle_name})`;
    if (r.status !== 'signed' && r.status !== 'rejected') blockers.push(`${who}: ще не підписано після виправлення`);
  }
  for (const review of reviews) {
    if (review.status !== 'signed') continue;
    for (const w of review.warnings) {
      if (w.code === 'REMOTE_LIMIT' || w.code === 'EXPIRES_BEFORE_RENEWAL' || w.code === 'NO_CURRENT_CERTIFICATE') {
        blockers.push(`Запит №${review.number} (${review.lastName} ${review.firstAndMiddleName}): ${w.message}`);
      }
    }
  }
  return blockers;
}

async function buildReview(
  ctx: AppContext,
  db: Executor,
  application: ApplicationRow,
  renewalDate = application.renewal_date,
): Promise<ApplicationReview> {
  const [detail, requests, documents, limit] = await Promise.all([
    buildDetail(ctx, db, application),
    listRequestsOfApplication(db, application.id),
    listDocumentsOfApplication(db, application.id),
    getSetting(db, REMOTE_REISSUE_LIMIT_KEY, DEFAULT_REMOTE_REISSUE_LIMIT),
  ]);
  const personIds = requests.flatMap((r) => (r.person_id ? [r.person_id] : []));
  const [current, issued] = await Promise.all([
    findCurrentCertificates(db, personIds, application.organization_id),
    findCertificatesByRequests(
      db,
      requests.map((r) => r.id),
    ),
  ]);
  const issuedBy = new Map(issued.map((c) => [c.request_id, c]));
  const reviews: RequestReview[] = requests.map((r) => {
    const certificate = issuedBy.get(r.id);
    // The current certificate is the one before this request's own, once that is issued.
    const before = r.person_id ? current.get(r.person_id) : undefined;
    const previous = before && before.request_id === r.id ? undefined : before;
    const docs = documents.filter((d) => d.request_id === r.id).map(mapDocument);
    return {
      ...mapRequestDetail(ctx, r, application, docs, null, certificate),
      warnings: r.status === 'issued' ? [] : warningsFor(r, previous ?? undefined, detail.organization.edrpou, renewalDate, limit),
      certificate: certificate
        ? {
            id: certificate.id,
            serial: certificate.serial,
            notBefore: certificate.not_before.toISOString(),
            notAfter: certificate.not_after.toISOString(),
            status: certificate.status,
            revokedAt: certificate.revoked_at?.toISOString() ?? null,
            revocationReason: certificate.revocation_reason,
          }
        : null,
    };
  });
  return {
    application: detail,
    requests: reviews,
    progress: await progressOf(db, application, requests),
    acceptBlockers: acceptBlockers(application, requests, reviews),
  };
}

async function operatorApplication(db: Executor, id: string, lock = false) {
  const application = lock ? await lockApplication(db, id) : await findApplicationById(db, id);
  if (!application || application.status === 'draft') throw new AppError('NOT_FOUND', 'Заявку не знайдено');
  return application;
}

export async function getReview(ctx: AppContext, id: string): Promise<ApplicationReview> {
  return buildReview(ctx, ctx.db, await operatorApplication(ctx.db, id));
}

export async function getProgress(ctx: AppContext, id: string): Promise<RenewalProgress> {
  const application = await operatorApplication(ctx.db, id);
  return progressOf(ctx.db, application, await listRequestsOfApplication(ctx.db, id));
}

// --- Decisions -----------------------------------------------------------------------------------

async function authorEmail(db: Executor, application: ApplicationRow) {
  return (await findUserById(db, application.created_by))?.email ?? null;
}

/** `ВІДХИЛИТИ` a request of a sent application: the ВО sees the reason, corrects it and has it signed again. */
export async function rejectRequest(ctx: AppContext, actor: Actor, requestId: string, reason: string): Promise<ApplicationReview> {
  const now = ctx.now();
  const applicationId = await ctx.db.transaction().execute(async (trx) => {
    const found = await findRequestById(trx, requestId);
    if (!found) throw new AppError('NOT_FOUND', 'Запит не знайдено');
    const application = await operatorApplication(trx, found.application_id, true);
    if (application.status !== 'sent')
      throw new AppError('INVALID_STATE', 'Відхилити запит можна лише в заявці зі статусом «Відправлено до eSign»');
    if (
      !(await updateRequestGuarded(trx, requestId, ['signed'], {
        status: 'rejected',
        rejection_reason: reason,
        rejected_at: now,
        rejected_by: actor.userId,
        updated_at: now,
      }))
    ) {
      throw new AppError('INVALID_STATE', 'Відхилити можна лише підписаний запит');
    }
    const to = await authorEmail(trx, application);
    if (to) {
      await enqueueEmail(trx, {
        to,
        ...renderRequestRejectedEmail({
          applicationNumber: application.number,
          requestNumber: found.number,
          personName: `${found.last_name} ${found.first_and_middle_name}`,
          reason,
          link: `${ctx.config.publicUrl}/requests/${requestId}`,
        }),
      });
    }
    await appendAudit(trx, {
      event: 'REQUEST_REJECTED',
      entityType: 'certificate_request',
      entityId: requestId,
      organizationId: application.organization_id,
      actor,
      details: { applicationId: application.id, reason },
    });
    return application.id;
  });
  return getReview(ctx, applicationId);
}

/** `ПОВЕРНУТИ НА ДООПРАЦЮВАННЯ`: the whole application goes back to the ВО with a comment (and any scheduled renewal is called off). */
export async function returnApplication(ctx: AppContext, actor: Actor, id: string, comment: string): Promise<ApplicationReview> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const application = await operatorApplication(trx, id, true);
    const jobs = await listApplicationJobs(trx, id);
    if (application.status === 'accepted' && jobs.some((j) => j.status !== 'pending' || j.attempts > 0)) {
      throw new AppError('INVALID_STATE', 'Продовження вже почалося: заявку не можна повернути');
    }
    if (
      !(await transitionApplication(trx, id, ['sent', 'accepted'], {
        status: 'rework',
        rework_comment: comment,
        returned_at: now,
        updated_at: now,
      }))
    ) {
      throw new AppError('INVALID_STATE', 'Повернути можна лише відправлену або прийняту (ще не продовжену) заявку');
    }
    await deleteWaitingJobs(trx, id, ['pending']);
    const to = await authorEmail(trx, application);
    if (to) {
      const organization = await findOrganizationById(trx, application.organization_id);
      await enqueueEmail(trx, {
        to,
        ...renderApplicationReturnedEmail({
          applicationNumber: application.number,
          organizationName: organization?.name ?? '',
          comment,
          link: `${ctx.config.publicUrl}/applications/${id}`,
        }),
      });
    }
    await appendAudit(trx, {
      event: 'APPLICATION_RETURNED',
      entityType: 'application',
      entityId: id,
      organizationId: application.organization_id,
      actor,
      details: { comment, from: application.status },
    });
  });
  return getReview(ctx, id);
}

function acceptDateProblems(renewalDate: string, today: string): string[] {
  const problems: string[] = [];
  if (renewalDate < today) problems.push('Дата продовження в минулому');
  if (!isWorkingDay(renewalDate)) problems.push('Дата продовження має бути робочим днем');
  return problems;
}

/**
 * `ПРИЙНЯТИ` with the renewal date: every signed request gets its issuing job, due at 00:05 Kyiv
 * time on that day. Refused, with the reasons, while something is unsigned or a re-issue cannot
 * be remote on that date.
 */
export async function acceptApplication(ctx: AppContext, actor: Actor, id: string, renewalDate: string): Promise<ApplicationReview> {
  const now = ctx.now();
  for (const problem of acceptDateProblems(renewalDate, kyivToday(now))) throw fieldError('renewalDate', problem);
  await ctx.db.transaction().execute(async (trx) => {
    const application = await operatorApplication(trx, id, true);
    const review = await buildReview(ctx, trx, application, renewalDate);
    if (review.acceptBlockers.length > 0) {
      if (application.status !== 'sent') throw new AppError('INVALID_STATE', review.acceptBlockers[0]);
      throw new AppError('SUBMIT_REFUSED', 'Заявку не можна прийняти', { reasons: review.acceptBlockers });
    }
    if (
      !(await transitionApplication(trx, id, ['sent'], {
        status: 'accepted',
        renewal_date: renewalDate,
        accepted_at: now,
        accepted_by: actor.userId,
        updated_at: now,
      }))
    ) {
      throw new AppError('INVALID_STATE');
    }
    const signed = review.requests.filter((r) => r.status === 'signed');
    await deleteWaitingJobs(trx, id, ['pending', 'failed']);
    for (const r of signed) {
      await enqueueJob(trx, {
        kind: ISSUE_CERTIFICATE,
        key: `issue:${r.id}`,
        payload: { requestId: r.id },
        applicationId: id,
        runAt: renewalRunAt(renewalDate),
      });
    }
    const to = await authorEmail(trx, application);
    if (to) {
      await enqueueEmail(trx, {
        to,
        ...renderApplicationAcceptedEmail({
          applicationNumber: application.number,
          renewalDate: formatDate(renewalDate),
          requestCount: signed.length,
          link: `${ctx.config.publicUrl}/applications/${id}`,
        }),
      });
    }
    await appendAudit(trx, {
      event: 'APPLICATION_ACCEPTED',
      entityType: 'application',
      entityId: id,
      organizationId: application.organization_id,
      actor,
      details: { renewalDate, requests: signed.length, rejected: review.requests.length - signed.length },
    });
  });
  return getReview(ctx, id);
}

/** `ЗАПУСТИТИ ПРОДОВЖЕННЯ ЗАРАЗ`: the accepted application's jobs are due now (failed ones get another try). */
export async function runRenewalNow(ctx: AppContext, actor: Actor, id: string): Promise<ApplicationReview> {
  await ctx.db.transaction().execute(async (trx) => {
    const application = await operatorApplication(trx, id, true);
    if (application.status !== 'accepted') throw new AppError('INVALID_STATE', 'Запустити продовження можна лише для прийнятої заявки');
    await makeApplicationJobsDue(trx, id);
    await appendAudit(trx, {
      event: 'RENEWAL_STARTED',
      entityType: 'application',
      entityId: id,
      organizationId: application.organization_id,
      actor,
      details: { by: 'operator' },
    });
  });
  return getReview(ctx, id);
}

// --- Settings ------------------------------------------------------------------------------------

export async function getSettings(ctx: AppContext): Promise<Settings> {
  return { remoteReissueLimit: await getSetting(ctx.db, REMOTE_REISSUE_LIMIT_KEY, DEFAULT_REMOTE_REISSUE_LIMIT) };
}

export async function updateSettings(ctx: AppContext, actor: Actor, settings: Settings): Promise<Settings> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await getSetting(trx, REMOTE_REISSUE_LIMIT_KEY, DEFAULT_REMOTE_REISSUE_LIMIT);
    await putSetting(trx, REMOTE_REISSUE_LIMIT_KEY, settings.remoteReissueLimit, actor.userId, ctx.now());
    await appendAudit(trx, {
      event: 'SETTINGS_UPDATED',
      entityType: 'setting',
      entityId: REMOTE_REISSUE_LIMIT_KEY,
      actor,
      details: { before, after: settings.remoteReissueLimit },
    });
  });
  return getSettings(ctx);
}

import type { RequestSummary } from '../../shared/contracts/applications';
import { kyivToday } from '../../shared/domain/dates';
import { type CurrentCertificateInfo, certificateRenewalWarning } from '../../shared/domain/renewal';

export type RenewalNotice = { level: 'ok' | 'warning' | 'error'; message: string | null };

function currentOf(summary: Pick<RequestSummary, 'currentCertificate'>): CurrentCertificateInfo {
  const c = summary.currentCertificate;
  if (!c) return null;
  const status = (['valid', 'revoked', 'blocked', 'expired'] as const).find((s) => s === c.status) ?? 'valid';
  return { notAfter: kyivToday(new Date(c.notAfter)), status };
}

/**
 * The warning for one request's current certificate. The server's is for the saved renewal
 * date; while the ВО is choosing another date the same shared rule runs here, so the table
 * answers before anything is saved.
 */
export function renewalNotice(summary: RequestSummary, renewalDate: string | null, savedRenewalDate: string | null): RenewalNotice | null {
  if (renewalDate === savedRenewalDate) return summary.renewalWarning;
  if (!renewalDate && !summary.isReissue) return null;
  const w = certificateRenewalWarning({
    renewalDate,
    isReissue: summary.isReissue,
    current: currentOf(summary),
    today: kyivToday(new Date()),
  });
  return { level: w.level, message: w.message };
}

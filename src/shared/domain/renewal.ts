/**
 * The renewal day and remote re-issuance ("повторна видача на основі ідентифікації з
 * використанням існуючої ключової пари").
 *
 * The new certificate's term starts on the renewal day. Remote re-issuance identifies the person
 * by their current key, so that certificate must still be valid on the renewal day, and the
 * provider's rule is that it happens no later than the day before the current one expires:
 * renewalDate < notAfter. All dates are Kyiv calendar dates (ISO `YYYY-MM-DD`).
 */
import { addDays, daysBetween, formatDate, isValidIsoDate, isWorkingDay, nextWorkingDay } from './dates';

export type CurrentCertificateInfo = {
  /** The Kyiv calendar date of the certificate's notAfter. */
  notAfter: string;
  status: 'valid' | 'revoked' | 'blocked' | 'expired';
} | null;

export type RenewalWarningLevel = 'ok' | 'warning' | 'error';
export type RenewalWarning = { level: RenewalWarningLevel; message: string | null; daysLeft: number | null };

/** With this many days or fewer between the renewal day and expiry, the form warns. */
export const RENEWAL_WARNING_DAYS = 14;

export const RENEWAL_DATE_REQUIRED = 'Вкажіть дату продовження';
export const RENEWAL_DATE_INVALID = 'Невірна дата продовження';
export const RENEWAL_DATE_NOT_FUTURE = 'Дата продовження має бути пізнішою за сьогоднішню';
export const RENEWAL_DATE_NOT_WORKING_DAY = 'Дата продовження має бути робочим днем (пн–пт)';
export const NO_VALID_CERTIFICATE = 'Немає чинного сертифіката для повторної видачі';

/**
 * Why a renewal date cannot be used; empty when it can. Every applicable reason is listed, so
 * the ВО fixes them in one go (a past Sunday gets both).
 */
export function renewalDateProblems(renewalDate: string, today: string): string[] {
  if (typeof renewalDate !== 'string' || renewalDate.trim() === '') return [RENEWAL_DATE_REQUIRED];
  if (!isValidIsoDate(renewalDate)) return [RENEWAL_DATE_INVALID];
  const problems: string[] = [];
  // ISO dates compare correctly as strings.
  if (renewalDate <= today) problems.push(RENEWAL_DATE_NOT_FUTURE);
  if (!isWorkingDay(renewalDate)) problems.push(RENEWAL_DATE_NOT_WORKING_DAY);
  return problems;
}

/** The earliest day a renewal can be set for: the first working day after today. */
export function earliestRenewalDate(today: string): string {
  return nextWorkingDay(today);
}

// A certificate whose status was not refreshed after its notAfter passed is still not valid.
function isValidOn(current: CurrentCertificateInfo, day: string): current is NonNullable<CurrentCertificateInfo> {
  return current !== null && current.status === 'valid' && current.notAfter >= day;
}

/** "1 день", "2 дні", "5 днів", "11 днів", "21 день". */
function dayCount(n: number): string {
  const abs = Math.abs(n);
  const lastTwo = abs % 100;
  const last = abs % 10;
  if (lastTwo >= 11 && lastTwo <= 14) return `${n} днів`;
  if (last === 1) return `${n} день`;
  if (last >= 2 && last <= 4) return `${n} дні`;
  return `${n} днів`;
}

/**
 * What the form and the submit check say about one request's current certificate.
 *
 * - not a re-issue: always `ok` (identification is in person, the current certificate does not
 *   matter); `daysLeft` is still given for the expiry column;
 * - re-issue without a certificate valid today: `error` — there is no key to identify by;
 * - re-issue with the renewal day on or after expiry: `error` naming the expiry date;
 * - re-issue with no date chosen yet: `error` if no working day before expiry is left at all,
 *   `warning` with the last possible day when ≤ 14 days remain, else `ok`;
 * - re-issue with ≤ 14 days between the renewal day and expiry: `warning`.
 *
 * `daysLeft` counts days from the renewal day (today if none is chosen or it is not a date) to
 * the current certificate's notAfter; null without a certificate or for a revoked/blocked one,
 * whose expiry no longer matters.
 */
export function certificateRenewalWarning(input: {
  renewalDate: string | null;
  isReissue: boolean;
  current: CurrentCertificateInfo;
  today: string;
}): RenewalWarning {
  const { isReissue, current, today } = input;
  const renewalDate = input.renewalDate && isValidIsoDate(input.renewalDate) ? input.renewalDate : null;
  const daysLeft =
    current && (current.status === 'valid' || current.status === 'expired') ? daysBetween(renewalDate ?? today, current.notAfter) : null;
  if (!isReissue) return { level: 'ok', message: null, daysLeft };
  if (!isValidOn(current, today)) return { level: 'error', message: NO_VALID_CERTIFICATE, daysLeft };

  const expiry = formatDate(current.notAfter);
  if (renewalDate === null) {
    const earliest = earliestRenewalDate(today);
    if (earliest >= current.notAfter) {
      return {
        level: 'error',
        message: `Сертифікат діє до ${expiry} — найближча можлива дата продовження (${formatDate(earliest)}) не раніша; повторна видача за існуючим ключем неможлива`,
        daysLeft,
      };
    }
    if (daysLeft !== null && daysLeft <= RENEWAL_WARNING_DAYS) {
      return {
        level: 'warning',
        message: `Сертифікат діє до ${expiry} — оберіть дату продовження не пізніше ${formatDate(addDays(current.notAfter, -1))}`,
        daysLeft,
      };
    }
    return { level: 'ok', message: null, daysLeft };
  }

  if (renewalDate >= current.notAfter) {
    return {
      level: 'error',
      message: `Сертифікат діє до ${expiry} — обрана дата продовження пізніша; повторна видача за існуючим ключем неможлива`,
      daysLeft,
    };
  }
  if (daysLeft !== null && daysLeft <= RENEWAL_WARNING_DAYS) {
    return {
      level: 'warning',
      message: `Сертифікат діє до ${expiry} — на дату продовження до закінчення його дії залишиться ${dayCount(daysLeft)}`,
      daysLeft,
    };
  }
  return { level: 'ok', message: null, daysLeft };
}

/**
 * True when the certificate expires within the next `days` days, today included. An already
 * expired certificate is not "expiring": it belongs in a different list.
 */
export function expiringWithin(notAfter: string, today: string, days: number): boolean {
  const left = daysBetween(today, notAfter);
  return left >= 0 && left <= days;
}

/**
 * Whether the "re-issue by the existing key" box starts ticked: the person holds a valid
 * certificate, and a renewal day before its expiry is still possible. A certificate expiring
 * before the next working day cannot be used, and ticking the box would only produce an error.
 */
export function isReissueDefault(current: CurrentCertificateInfo, today: string): boolean {
  if (!isValidOn(current, today)) return false;
  return earliestRenewalDate(today) < current.notAfter;
}

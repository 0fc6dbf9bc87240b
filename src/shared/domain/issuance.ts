import { addMonths, kyivInstant } from './dates';

/**
 * Rules of the renewal: when it runs, what the new certificate's term is, how its holder was
 * identified, and how many remote re-issues may follow each other.
 */

/** Renewals scheduled for a day run by themselves at 00:05 Kyiv time on it. */
export const RENEWAL_TIME = '00:05';

export function renewalRunAt(renewalDate: string): Date {
  return kyivInstant(renewalDate, RENEWAL_TIME);
}

/**
 * The new certificate's term starts on the renewal day (00:00 Kyiv) and lasts the service's
 * validity: a 12-month certificate from 14.12.2026 is valid until 13.12.2027 23:59:59 Kyiv.
 */
export function certificateValidity(renewalDate: string, validityMonths: number): { notBefore: Date; notAfter: Date } {
  if (!Number.isInteger(validityMonths) || validityMonths < 1) throw new RangeError(`Validity must be whole months: ${validityMonths}`);
  const notBefore = kyivInstant(renewalDate);
  const notAfter = new Date(kyivInstant(addMonths(renewalDate, validityMonths)).getTime() - 1000);
  return { notBefore, notAfter };
}

export type Identification = 'in_person' | 'remote';

/** A re-issue identifies the holder remotely by the existing key; anything else is in person. */
export function identificationOf(isReissue: boolean): Identification {
  return isReissue ? 'remote' : 'in_person';
}

/** How many remote re-issues in a row the new certificate ends: 0 after an in-person identification. */
export function nextRemoteChain(isReissue: boolean, previousChain: number | null): number {
  return isReissue ? (previousChain ?? 0) + 1 : 0;
}

/** The eIDAS rule Ukraine is aligning with allows one remote re-issue after an in-person identification. */
export const DEFAULT_REMOTE_REISSUE_LIMIT = 1;

/** Why a re-issue may not be remote, or null when it may. */
export function remoteReissueProblem(previousChain: number | null, limit: number): string | null {
  if ((previousChain ?? 0) + 1 <= limit) return null;
  return `Поточний сертифікат уже продовжено дистанційно ${previousChain} раз(и) поспіль (дозволено ${limit}): потрібна особиста ідентифікація (виїзд або візит)`;
}

/** Common reasons an operator rejects a request; free text is allowed too. */
export const REJECTION_REASONS = [
  'Дані в заяві не збігаються з документами',
  'Нечитабельна або неповна копія паспорта',
  'Нечитабельна або неповна копія РНОКПП',
  'Заяву підписано не тим ключем або підпис недійсний',
  'Змінилися реєстраційні дані: потрібна особиста ідентифікація',
  'Працівник більше не працює в організації',
] as const;

/** RFC 5280 CRLReason codes an operator may choose, with their Ukrainian names. */
export const REVOCATION_REASONS = {
  0: 'Без зазначення причини',
  1: 'Компрометація особистого ключа',
  3: 'Зміна даних або місця роботи',
  4: 'Замінено новим сертифікатом',
  5: 'Припинення діяльності',
  9: 'Відкликання повноважень',
} as const;
export type RevocationReasonCode = keyof typeof REVOCATION_REASONS;
export const REVOCATION_REASON_CODES = Object.keys(REVOCATION_REASONS).map(Number) as RevocationReasonCode[];

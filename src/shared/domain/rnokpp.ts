/**
 * РНОКПП (the 10-digit taxpayer number, formerly ІПН/ДРФО) and the passport that replaces it for
 * people who refused the number on religious grounds.
 *
 * The certificate's subject serialNumber is built from these (`TINUA-…` / `PASUA-…`) and eHealth
 * rejects signatures whose number differs from its records, so the normalized form must be exact.
 */
import { addDays, formatDate, isValidIsoDate } from './dates';

export type Sex = 'male' | 'female';
export type IdentityKind = 'rnokpp' | 'passport';
export type RnokppFacts = { birthDate: string; sex: Sex };

const RNOKPP_WEIGHTS = [-1, 5, 7, 9, 4, 6, 10, 5, 7] as const;

/** The check digit the first nine digits call for. */
export function rnokppCheckDigit(firstNine: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += RNOKPP_WEIGHTS[i] * Number(firstNine[i]);
  // The first weight is negative, so the sum can be negative and JS `%` keeps the sign:
  // normalise the remainder into 0..10 before folding 10 to 0.
  return (((sum % 11) + 11) % 11) % 10;
}

/** Exactly 10 ASCII digits whose last digit is the check digit. No normalization: see `normalizeIdentityCode`. */
export function isValidRnokpp(value: string): boolean {
  if (typeof value !== 'string' || !/^\d{10}$/.test(value)) return false;
  return rnokppCheckDigit(value.slice(0, 9)) === Number(value[9]);
}

/**
 * The birth date and sex encoded in a valid РНОКПП: digits 1–5 count days since 31.12.1899
 * (00001 is 01.01.1900), digit 9 is odd for men. Null for anything that is not a valid РНОКПП.
 */
export function decodeRnokpp(value: string): RnokppFacts | null {
  const code = normalizeIdentityCode(value);
  if (!isValidRnokpp(code)) return null;
  return {
    birthDate: addDays('1899-12-31', Number(code.slice(0, 5))),
    sex: Number(code[8]) % 2 === 1 ? 'male' : 'female',
  };
}

// The Ukrainian alphabet only: old booklet series use it, and Russian-only letters (Ё, Ъ, Ы, Э)
// never appear in them.
const PASSPORT_BOOKLET = /^[АБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЬЮЯ]{2}\d{6}$/;
const PASSPORT_ID_CARD = /^\d{9}$/;

/** Booklet (2 Cyrillic capitals + 6 digits) or ID card (9 digits); spaces and case are ignored. */
export function isValidPassport(value: string): boolean {
  if (typeof value !== 'string') return false;
  const code = value.replace(/\s+/g, '').toUpperCase();
  return PASSPORT_BOOKLET.test(code) || PASSPORT_ID_CARD.test(code);
}

/**
 * The one form in which an identity code is stored and compared: no whitespace anywhere
 * (people type "МЕ 123456"), upper case (people type "ме123456").
 */
export function normalizeIdentityCode(value: string): string {
  if (typeof value !== 'string') return '';
  return value.trim().replace(/\s+/g, '').toUpperCase();
}

/** Which kind of identity code this is once normalized, or null when it is neither. */
export function identityKind(value: string): IdentityKind | null {
  const code = normalizeIdentityCode(value);
  if (isValidRnokpp(code)) return 'rnokpp';
  if (isValidPassport(code)) return 'passport';
  return null;
}

/**
 * The certificate subject's serialNumber (OID 2.5.4.5) per the Ukrainian profile:
 * `TINUA-<РНОКПП>`, or `PASUA-<passport>` for a person without one. Throws on an invalid code,
 * because a certificate must never carry a number that eHealth will not match.
 */
export function certificateSerialNumberFor(code: string): string {
  const normalized = normalizeIdentityCode(code);
  const kind = identityKind(normalized);
  if (kind === 'rnokpp') return `TINUA-${normalized}`;
  if (kind === 'passport') return `PASUA-${normalized}`;
  throw new RangeError(`Not a valid РНОКПП or passport number: ${JSON.stringify(code)}`);
}

const SEX_LABEL: Record<Sex, string> = { male: 'чоловіча', female: 'жіноча' };

/**
 * Warnings when a stated birth date or sex disagrees with what the РНОКПП encodes. Only
 * warnings: real codes can disagree with a person's documents, and the number the tax service
 * assigned is authoritative, not our decoding of it — blocking would lock such people out.
 * Empty for a passport, an invalid code, or facts that are absent or not valid dates.
 */
export function rnokppWarnings(code: string, facts: { birthDate?: string; sex?: Sex }): string[] {
  const decoded = decodeRnokpp(code);
  if (!decoded) return [];
  const warnings: string[] = [];
  if (facts.birthDate && isValidIsoDate(facts.birthDate) && facts.birthDate !== decoded.birthDate) {
    warnings.push(
      `Дата народження ${formatDate(facts.birthDate)} не збігається з датою, закодованою в РНОКПП (${formatDate(decoded.birthDate)}). Перевірте дані`,
    );
  }
  if (facts.sex && facts.sex !== decoded.sex) {
    warnings.push(
      `Стать (${SEX_LABEL[facts.sex]}) не збігається зі статтю, закодованою в РНОКПП (${SEX_LABEL[decoded.sex]}). Перевірте дані`,
    );
  }
  return warnings;
}

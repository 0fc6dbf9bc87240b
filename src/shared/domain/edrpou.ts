/**
 * ЄДРПОУ — the 8-digit code of a legal entity. The employee certificate carries it as
 * organizationIdentifier `NTRUA-<ЄДРПОУ>`, and eHealth rejects signatures whose code differs from
 * its records, so a mistyped code must be caught here.
 */

const WEIGHTS_DEFAULT = [1, 2, 3, 4, 5, 6, 7] as const;
// Codes from 30000000 up to (not including) 60000000 use a rotated set of weights.
const WEIGHTS_30_60 = [7, 1, 2, 3, 4, 5, 6] as const;

function weightedSum(code: string, weights: readonly number[], bonus: number): number {
  let sum = 0;
  for (let i = 0; i < 7; i++) sum += (weights[i] + bonus) * Number(code[i]);
  return sum;
}

/** The check digit the first seven digits call for, given the whole code's range. */
export function edrpouCheckDigit(code: string): number {
  const numeric = Number(code);
  const weights = numeric >= 30000000 && numeric < 60000000 ? WEIGHTS_30_60 : WEIGHTS_DEFAULT;
  const first = weightedSum(code, weights, 0) % 11;
  if (first < 10) return first;
  // A remainder of 10 cannot be one digit: recompute with every weight raised by 2, and fold a
  // second 10 to 0.
  return (weightedSum(code, weights, 2) % 11) % 10;
}

/** Exactly 8 ASCII digits whose last digit is the check digit. */
export function isValidEdrpou(value: string): boolean {
  if (typeof value !== 'string' || !/^\d{8}$/.test(value)) return false;
  return edrpouCheckDigit(value) === Number(value[7]);
}

/**
 * Ukrainian phone numbers. The phone is the ВО's login, so every way a person writes the same
 * number must normalize to the same `+380XXXXXXXXX`.
 */

// Characters people put between digits: spaces (incl. no-break), hyphens and dashes, dots,
// brackets around the operator code.
const SEPARATORS = /[\s\-‐‑‒–—.()]/g;

/**
 * `+380XXXXXXXXX`, or null when the input cannot be a Ukrainian number. Accepted:
 * - `+380501234567`, `380501234567`, `00380501234567` (international forms);
 * - `0501234567` (national form with the trunk 0);
 * - `80501234567` — the old long-distance prefix 8 that many people still dial (`8 050 …`);
 * - `501234567` — nine digits as typed after a fixed "+380" prefix in a form.
 * The first digit after 380 is an operator or area code and is never 0; a 0 there means a
 * doubled trunk prefix (`+38 0050 …`) or a typo, so it is refused rather than guessed.
 */
export function normalizePhone(input: string): string | null {
  if (typeof input !== 'string') return null;
  const compact = input.replace(SEPARATORS, '');
  const m = /^(\+?)(\d+)$/.exec(compact);
  if (!m) return null;
  const [, plus, digits] = m;
  let national: string | null = null;
  if (plus) {
    if (digits.length === 12 && digits.startsWith('380')) national = digits.slice(3);
  } else if (digits.length === 14 && digits.startsWith('00380')) {
    national = digits.slice(5);
  } else if (digits.length === 12 && digits.startsWith('380')) {
    national = digits.slice(3);
  } else if (digits.length === 11 && digits.startsWith('80')) {
    national = digits.slice(2);
  } else if (digits.length === 10 && digits.startsWith('0')) {
    national = digits.slice(1);
  } else if (digits.length === 9) {
    national = digits;
  }
  if (national === null || !/^[1-9]\d{8}$/.test(national)) return null;
  return `+380${national}`;
}

/**
 * `+38 050 123 45 67`, the way the guide writes numbers. Anything that is not a Ukrainian
 * number is returned unchanged: this is for display and must not hide what is stored.
 */
export function formatPhone(normalized: string): string {
  const phone = normalizePhone(normalized);
  if (!phone) return normalized;
  const d = phone.slice(3); // "0501234567"
  return `+38 ${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6, 8)} ${d.slice(8, 10)}`;
}

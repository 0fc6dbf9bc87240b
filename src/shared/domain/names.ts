/**
 * Person names and e-mail addresses. Names go into the certificate subject (CN, SN, GN) exactly
 * as entered, so they are checked strictly rather than cleaned up silently.
 */

// The Ukrainian alphabet: А–Щ is a contiguous block without Ъ/Ы/Э (they follow Щ), then Ь Ю Я
// and the four letters outside the Russian block.
const LETTER = 'А-ЩЬЮЯЄІЇҐа-щьюяєіїґ';
// Three apostrophes are in use: the typewriter ', the typographic ’ and the letter ʼ (U+02BC)
// that Ukrainian orthography recommends.
const SEPARATOR = "\\-'’ʼ ";
// Letters joined by single separators: no leading/trailing separator, no "--", no double space.
const PERSON_NAME = new RegExp(`^[${LETTER}]+(?:[${SEPARATOR}][${LETTER}]+)*$`);

/**
 * Ukrainian letters joined by single apostrophes, hyphens or spaces; 1–100 characters; already
 * trimmed. Letters must be precomposed (NFC): `ї` typed as `і` + U+0308 is refused, because the
 * certificate would then carry a name that does not compare equal to the registry's.
 * `normalizePersonName` turns such input into an acceptable form.
 */
export function isValidPersonName(value: string): boolean {
  if (typeof value !== 'string') return false;
  if (value.length < 1 || value.length > 100) return false;
  return PERSON_NAME.test(value);
}

/** Trims, collapses runs of whitespace to one space and composes letters (NFC). */
export function normalizePersonName(value: string): string {
  return value.normalize('NFC').trim().replace(/\s+/g, ' ');
}

const EMAIL_LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
// Labels of letters/digits with inner hyphens; Unicode letters allow IDN domains such as .укр.
const EMAIL_DOMAIN_LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;
const EMAIL_TLD = /^(?:\p{L}{2,63}|xn--[a-z0-9-]{1,59})$/iu;

/**
 * A realistic address: `local@domain.tld`, no spaces, no quoted local parts or IP literals
 * (RFC-legal but never seen from real employees, and they make mail delivery fail), at most 254
 * characters (the SMTP path limit) with a local part of at most 64.
 */
export function isValidEmail(value: string): boolean {
  if (typeof value !== 'string' || value.length > 254) return false;
  const at = value.lastIndexOf('@');
  if (at <= 0 || value.indexOf('@') !== at) return false;
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (local.length > 64 || !EMAIL_LOCAL.test(local)) return false;
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  const tld = labels[labels.length - 1];
  return labels.every((label) => EMAIL_DOMAIN_LABEL.test(label)) && EMAIL_TLD.test(tld);
}

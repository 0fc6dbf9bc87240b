/**
 * The application number `MMYYYY/N`: month and year of creation (Kyiv calendar), then a sequence
 * number, e.g. `072022/55` — the format the guide shows.
 */
import { isValidIsoDate } from './dates';

export type ApplicationNumber = { period: string; seq: number };

const PERIOD = /^(0[1-9]|1[0-2])\d{4}$/;
// No leading zeros in the sequence: one number, one spelling, so a lookup by number is exact.
const APPLICATION_NUMBER = /^((?:0[1-9]|1[0-2])\d{4})\/([1-9]\d*)$/;

/** `072022/55`. Throws on a malformed period or a sequence that is not a positive integer. */
export function formatApplicationNumber(period: string, seq: number): string {
  if (!PERIOD.test(period)) throw new RangeError(`Period must be MMYYYY: ${JSON.stringify(period)}`);
  if (!Number.isSafeInteger(seq) || seq < 1) throw new RangeError(`Sequence must be a positive integer: ${seq}`);
  return `${period}/${seq}`;
}

/** `MMYYYY` of a Kyiv calendar date (pass `kyivToday(now)`, not the UTC date). */
export function periodOf(kyivIsoDate: string): string {
  if (!isValidIsoDate(kyivIsoDate)) throw new RangeError(`Not an ISO date: ${JSON.stringify(kyivIsoDate)}`);
  return `${kyivIsoDate.slice(5, 7)}${kyivIsoDate.slice(0, 4)}`;
}

/** `{ period, seq }` of a well-formed number (surrounding spaces tolerated), else null. */
export function parseApplicationNumber(s: string): ApplicationNumber | null {
  if (typeof s !== 'string') return null;
  const m = APPLICATION_NUMBER.exec(s.trim());
  if (!m) return null;
  const seq = Number(m[2]);
  if (!Number.isSafeInteger(seq)) return null;
  return { period: m[1], seq };
}

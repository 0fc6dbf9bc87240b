/**
 * Calendar dates for the whole product.
 *
 * The API carries calendar dates as ISO `YYYY-MM-DD` strings and the UI shows `ДД.ММ.РРРР`.
 * Date arithmetic here works on day numbers computed by hand, not on `Date` in the local time
 * zone: the same code runs on a server (whatever its TZ) and in a browser (whatever the user's
 * TZ), and both must agree on what "the 31st of March" is. Only the instant → Kyiv calendar
 * conversion uses `Intl`, because it needs the Kyiv DST rules.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** A real calendar date written as `YYYY-MM-DD` (years 0001–9999). `2023-02-29` is not. */
export function isValidIsoDate(s: string): boolean {
  if (typeof s !== 'string') return false;
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

// Day numbers (days since 1970-01-01) by Howard Hinnant's civil-calendar algorithm: exact for
// any proleptic Gregorian date, and free of `Date.UTC`'s quirk of mapping years 0–99 to 19xx.
function toDayNumber(iso: string): number {
  if (!isValidIsoDate(iso)) throw new RangeError(`Not an ISO date (YYYY-MM-DD): ${JSON.stringify(iso)}`);
  let year = Number(iso.slice(0, 4));
  const month = Number(iso.slice(5, 7));
  const day = Number(iso.slice(8, 10));
  if (month <= 2) year -= 1;
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function fromDayNumber(dayNumber: number): string {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 1 || year > 9999) throw new RangeError(`Date out of range (years 0001–9999): day ${dayNumber}`);
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** `iso` moved by a whole number of days (negative moves back). Throws on an invalid date. */
export function addDays(iso: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`Days must be a whole number: ${days}`);
  return fromDayNumber(toDayNumber(iso) + days);
}

/** Calendar days from `fromIso` to `toIso`: positive when `toIso` is later, 0 for the same day. */
export function daysBetween(fromIso: string, toIso: string): number {
  return toDayNumber(toIso) - toDayNumber(fromIso);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(iso: string): number {
  // Day 0 (1970-01-01) was a Thursday (4).
  return ((((toDayNumber(iso) + 3) % 7) + 7) % 7) + 1;
}

/**
 * Monday to Friday. Public holidays are deliberately not excluded: under martial law (since
 * 24.02.2022, Law No. 2136-IX) Ukraine's public holidays and the days-off moved for them are not
 * days off, so the provider works on them as on any weekday.
 */
export function isWorkingDay(iso: string): boolean {
  return isoWeekday(iso) <= 5;
}

/** The first working day strictly after `iso`. */
export function nextWorkingDay(iso: string): string {
  let day = addDays(iso, 1);
  while (!isWorkingDay(day)) day = addDays(day, 1);
  return day;
}

// --- Kyiv time -----------------------------------------------------------------------------

let kyivFormatter: Intl.DateTimeFormat | undefined;

function kyivParts(instant: Date): Record<'year' | 'month' | 'day' | 'hour' | 'minute', string> {
  if (!kyivFormatter) {
    const options: Intl.DateTimeFormatOptions = {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      // h23, not hour12:false: some engines render midnight as "24" with hour12:false.
      hourCycle: 'h23',
    };
    try {
      kyivFormatter = new Intl.DateTimeFormat('en-CA', { ...options, timeZone: 'Europe/Kyiv' });
    } catch {
      // Time-zone data older than 2022 (ICU < 72, old browsers) knows only the former name.
      kyivFormatter = new Intl.DateTimeFormat('en-CA', { ...options, timeZone: 'Europe/Kiev' });
    }
  }
  const out = { year: '', month: '', day: '', hour: '', minute: '' };
  for (const part of kyivFormatter.formatToParts(instant)) {
    if (part.type in out) out[part.type as keyof typeof out] = part.value;
  }
  return out;
}

function kyivIsoDate(instant: Date): string {
  const p = kyivParts(instant);
  return `${p.year.padStart(4, '0')}-${p.month}-${p.day}`;
}

/** The calendar date in Kyiv at the instant `now` — "today" for every rule in the product. */
export function kyivToday(now: Date): string {
  if (Number.isNaN(now.getTime())) throw new RangeError('Invalid instant');
  return kyivIsoDate(now);
}

/** `iso` moved by whole months; a day missing in the target month becomes its last day (31.01 + 1 → 28/29.02). */
export function addMonths(iso: string, months: number): string {
  if (!Number.isInteger(months)) throw new RangeError(`Months must be a whole number: ${months}`);
  if (!isValidIsoDate(iso)) throw new RangeError(`Invalid date: ${iso}`);
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The instant when the Kyiv wall clock shows `time` (HH:MM) on `iso` (summer or winter time). */
export function kyivInstant(iso: string, time = '00:00'): Date {
  if (!isValidIsoDate(iso) || !/^\d{2}:\d{2}$/.test(time)) throw new RangeError(`Invalid date or time: ${iso} ${time}`);
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  // Kyiv is UTC+2 in winter and UTC+3 in summer.
  for (const offsetHours of [2, 3]) {
    const candidate = new Date(wall - offsetHours * 3_600_000);
    const p = kyivParts(candidate);
    if (`${p.year}-${p.month}-${p.day}` === iso && `${p.hour}:${p.minute}` === time) return candidate;
  }
  // A wall time skipped by the spring change (03:00–03:59 on the last Sunday of March) comes an hour later.
  return new Date(wall - 2 * 3_600_000);
}

const ISO_INSTANT = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * Parses an ISO timestamp. One without an offset is read as UTC, never as the machine's local
 * time, so the server and every browser read the same instant. PostgreSQL's text form
 * (`2024-03-01 10:00:00+02`) is accepted too.
 */
function parseInstant(s: string): Date | null {
  const m = ISO_INSTANT.exec(s.trim());
  if (!m || !isValidIsoDate(m[1])) return null;
  let offset = m[3] ?? 'Z';
  if (/^[+-]\d{2}$/.test(offset)) offset += ':00';
  else if (/^[+-]\d{4}$/.test(offset)) offset = `${offset.slice(0, 3)}:${offset.slice(3)}`;
  // Date.parse keeps milliseconds only.
  const time = m[2].replace(/(\.\d{3})\d+$/, '$1');
  const ms = Date.parse(`${m[1]}T${time}${offset.toUpperCase()}`);
  return Number.isNaN(ms) ? null : new Date(ms);
}

// .NET and some databases use 0001-01-01 for "no date"; the guide's screenshots show it leaking
// into the UI as 01.01.0001. It is never a real date in this product, so it shows as empty.
function isEmptySentinel(iso: string): boolean {
  return iso.startsWith('0001-01-01');
}

function isoToUa(iso: string): string {
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
}

/**
 * `ДД.ММ.РРРР` for an ISO date, or for the Kyiv date of an ISO timestamp. Empty string for an
 * empty value, for 0001-01-01 and for anything that is not a date — an empty cell is better than
 * a wrong one.
 */
export function formatDate(iso: string | null | undefined): string {
  if (iso == null) return '';
  const s = String(iso).trim();
  if (s === '' || isEmptySentinel(s)) return '';
  if (ISO_DATE.test(s)) return isValidIsoDate(s) ? isoToUa(s) : '';
  const instant = parseInstant(s);
  if (!instant) return '';
  const date = kyivIsoDate(instant);
  return isEmptySentinel(date) ? '' : isoToUa(date);
}

/**
 * `ДД.ММ.РРРР ГГ:ХХ` in Kyiv time for an ISO timestamp. A bare date has no time of day, so it is
 * shown as a date only rather than with an invented midnight. Empty string for empty/invalid.
 */
export function formatDateTime(iso: string | null | undefined): string {
  if (iso == null) return '';
  const s = String(iso).trim();
  if (s === '' || isEmptySentinel(s)) return '';
  if (ISO_DATE.test(s)) return formatDate(s);
  const instant = parseInstant(s);
  if (!instant) return '';
  const p = kyivParts(instant);
  const date = `${p.year.padStart(4, '0')}-${p.month}-${p.day}`;
  if (isEmptySentinel(date)) return '';
  return `${isoToUa(date)} ${p.hour}:${p.minute}`;
}

const UA_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;

/**
 * `ДД.ММ.РРРР` (a one-digit day or month is tolerated) → ISO date, or null when it is not a real
 * date. Years before 1900 are refused: no date in this product (birth, visit, renewal) is older
 * than the РНОКПП epoch, and it keeps a typo like 01.01.0001 from being stored.
 */
export function parseUaDate(input: string): string | null {
  if (typeof input !== 'string') return null;
  const m = UA_DATE.exec(input.trim());
  if (!m) return null;
  const year = Number(m[3]);
  if (year < 1900) return null;
  const iso = `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  return isValidIsoDate(iso) ? iso : null;
}

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  addDays,
  daysBetween,
  formatDate,
  formatDateTime,
  isoWeekday,
  isValidIsoDate,
  isWorkingDay,
  kyivToday,
  nextWorkingDay,
  parseUaDate,
} from './dates';

// Reference arithmetic for property tests, through Date in UTC (fine for years ≥ 1900).
const utcDay = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;
const isoDateArb = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('isValidIsoDate', () => {
  it('accepts real dates, including leap days', () => {
    for (const s of ['2024-02-29', '2000-02-29', '1900-02-28', '2023-12-31', '0001-01-01', '9999-12-31']) {
      assert.equal(isValidIsoDate(s), true, s);
    }
  });
  it('refuses impossible dates and other shapes', () => {
    for (const s of [
      '2023-02-29',
      '1900-02-29',
      '2100-02-29',
      '2024-04-31',
      '2024-13-01',
      '2024-00-10',
      '2024-01-00',
      '2024-01-32',
      '0000-01-01',
      '2024-1-01',
      '24-01-01',
      '2024-01-01T00:00:00Z',
      ' 2024-01-01',
      '01.01.2024',
      '',
    ]) {
      assert.equal(isValidIsoDate(s), false, s);
    }
    assert.equal(isValidIsoDate(undefined as unknown as string), false);
  });
});

describe('addDays / daysBetween', () => {
  it('moves across month, year and leap-day boundaries', () => {
    assert.equal(addDays('2024-02-28', 1), '2024-02-29');
    assert.equal(addDays('2024-02-29', 1), '2024-03-01');
    assert.equal(addDays('2023-02-28', 1), '2023-03-01');
    assert.equal(addDays('1900-02-28', 1), '1900-03-01');
    assert.equal(addDays('2000-02-28', 1), '2000-02-29');
    assert.equal(addDays('2024-12-31', 1), '2025-01-01');
    assert.equal(addDays('2025-01-01', -1), '2024-12-31');
    assert.equal(addDays('2024-03-10', 0), '2024-03-10');
    assert.equal(addDays('2024-01-31', 366), '2025-01-31');
  });
  it('is not fooled by the Kyiv DST switch (pure calendar arithmetic)', () => {
    assert.equal(addDays('2024-03-30', 1), '2024-03-31');
    assert.equal(addDays('2024-03-31', 1), '2024-04-01');
    assert.equal(addDays('2024-10-27', 1), '2024-10-28');
    assert.equal(daysBetween('2024-03-30', '2024-04-01'), 2);
  });
  it('handles years below 100, where Date.UTC would jump to 19xx', () => {
    assert.equal(addDays('0099-12-31', 1), '0100-01-01');
    assert.equal(addDays('0001-01-02', -1), '0001-01-01');
  });
  it('throws on an invalid date, a fractional count or leaving years 0001–9999', () => {
    assert.throws(() => addDays('2023-02-29', 1), RangeError);
    assert.throws(() => addDays('2024-01-01', 1.5), RangeError);
    assert.throws(() => addDays('2024-01-01', Number.NaN), RangeError);
    assert.throws(() => addDays('9999-12-31', 1), RangeError);
    assert.throws(() => addDays('0001-01-01', -1), RangeError);
    assert.throws(() => daysBetween('2024-01-01', 'tomorrow'), RangeError);
  });
  it('counts signed calendar days', () => {
    assert.equal(daysBetween('2024-01-01', '2025-01-01'), 366);
    assert.equal(daysBetween('2023-01-01', '2024-01-01'), 365);
    assert.equal(daysBetween('2025-01-01', '2024-01-01'), -366);
    assert.equal(daysBetween('2024-05-05', '2024-05-05'), 0);
    assert.equal(daysBetween('1899-12-31', '1900-01-01'), 1);
  });
  it('agrees with UTC Date arithmetic (property)', () => {
    fc.assert(
      fc.property(isoDateArb, fc.integer({ min: -40_000, max: 40_000 }), (iso, n) => {
        const moved = addDays(iso, n);
        assert.equal(daysBetween(iso, moved), n);
        assert.equal(utcDay(moved) - utcDay(iso), n);
        assert.equal(addDays(moved, -n), iso);
      }),
    );
  });
});

describe('isoWeekday / isWorkingDay / nextWorkingDay', () => {
  it('knows the days of the week', () => {
    assert.equal(isoWeekday('2024-01-01'), 1); // Monday
    assert.equal(isoWeekday('2022-02-24'), 4); // Thursday
    assert.equal(isoWeekday('1970-01-01'), 4);
    assert.equal(isoWeekday('2024-06-09'), 7); // Sunday
  });
  it('Monday–Friday are working days, weekends are not', () => {
    const week = ['2024-06-03', '2024-06-04', '2024-06-05', '2024-06-06', '2024-06-07', '2024-06-08', '2024-06-09'];
    assert.deepEqual(week.map(isWorkingDay), [true, true, true, true, true, false, false]);
  });
  it('public holidays on weekdays are working days under martial law', () => {
    assert.equal(isWorkingDay('2024-12-25'), true); // Christmas, Wednesday
    assert.equal(isWorkingDay('2025-01-01'), true); // New Year, Wednesday
    assert.equal(isWorkingDay('2024-08-26'), true); // the Monday after Independence Day
  });
  it('agrees with Date.getUTCDay (property)', () => {
    fc.assert(
      fc.property(isoDateArb, (iso) => {
        const utc = new Date(`${iso}T00:00:00Z`).getUTCDay();
        assert.equal(isoWeekday(iso), utc === 0 ? 7 : utc);
      }),
    );
  });
  it('nextWorkingDay skips the weekend and is strictly later', () => {
    assert.equal(nextWorkingDay('2024-06-06'), '2024-06-07'); // Thu → Fri
    assert.equal(nextWorkingDay('2024-06-07'), '2024-06-10'); // Fri → Mon
    assert.equal(nextWorkingDay('2024-06-08'), '2024-06-10'); // Sat → Mon
    assert.equal(nextWorkingDay('2024-06-09'), '2024-06-10'); // Sun → Mon
    assert.equal(nextWorkingDay('2024-06-10'), '2024-06-11'); // Mon → Tue
  });
});

describe('kyivToday', () => {
  const at = (s: string) => kyivToday(new Date(s));
  it('winter (UTC+2): the Kyiv day starts at 22:00 UTC', () => {
    assert.equal(at('2024-12-31T21:00:00Z'), '2024-12-31');
    assert.equal(at('2024-12-31T21:59:59.999Z'), '2024-12-31');
    assert.equal(at('2024-12-31T22:00:00Z'), '2025-01-01');
    assert.equal(at('2024-12-31T23:59:59Z'), '2025-01-01');
    assert.equal(at('2024-02-28T22:00:00Z'), '2024-02-29');
  });
  it('summer (UTC+3): the Kyiv day starts at 21:00 UTC', () => {
    assert.equal(at('2024-06-30T20:59:59.999Z'), '2024-06-30');
    assert.equal(at('2024-06-30T21:00:00Z'), '2024-07-01');
    assert.equal(at('2024-06-30T22:30:00Z'), '2024-07-01');
    assert.equal(at('2024-06-30T23:59:59Z'), '2024-07-01');
  });
  it('the night before clocks go forward (30→31 March 2024) is still UTC+2', () => {
    assert.equal(at('2024-03-30T21:00:00Z'), '2024-03-30');
    assert.equal(at('2024-03-30T21:59:59Z'), '2024-03-30');
    assert.equal(at('2024-03-30T22:00:00Z'), '2024-03-31');
    // After the switch (01:00 UTC) the same day ends at 21:00 UTC.
    assert.equal(at('2024-03-31T20:59:59Z'), '2024-03-31');
    assert.equal(at('2024-03-31T21:00:00Z'), '2024-04-01');
  });
  it('the night before clocks go back (26→27 October 2024) is still UTC+3', () => {
    assert.equal(at('2024-10-26T20:59:59Z'), '2024-10-26');
    assert.equal(at('2024-10-26T21:00:00Z'), '2024-10-27');
    // After the switch the 27th lasts 25 hours and ends at 22:00 UTC.
    assert.equal(at('2024-10-27T21:00:00Z'), '2024-10-27');
    assert.equal(at('2024-10-27T21:59:59Z'), '2024-10-27');
    assert.equal(at('2024-10-27T22:00:00Z'), '2024-10-28');
  });
  it('in the middle of the day it is the UTC date', () => {
    assert.equal(at('2025-03-12T10:00:00Z'), '2025-03-12');
  });
  it('throws on an invalid instant', () => {
    assert.throws(() => kyivToday(new Date('nonsense')), RangeError);
  });
});

describe('formatDate', () => {
  it('formats an ISO date as ДД.ММ.РРРР', () => {
    assert.equal(formatDate('2024-03-05'), '05.03.2024');
    assert.equal(formatDate('2024-02-29'), '29.02.2024');
  });
  it('shows empty, never 01.01.0001, for missing dates', () => {
    assert.equal(formatDate(null), '');
    assert.equal(formatDate(undefined), '');
    assert.equal(formatDate(''), '');
    assert.equal(formatDate('   '), '');
    assert.equal(formatDate('0001-01-01'), '');
    assert.equal(formatDate('0001-01-01T00:00:00Z'), '');
    assert.equal(formatDate('0001-01-01T00:00:00'), '');
  });
  it('shows empty for something that is not a date', () => {
    assert.equal(formatDate('2024-02-30'), '');
    assert.equal(formatDate('tomorrow'), '');
    assert.equal(formatDate('05.03.2024'), '');
    assert.equal(formatDate('2024-03-05T25:00:00Z'), '');
  });
  it('formats a timestamp by its Kyiv date', () => {
    assert.equal(formatDate('2024-06-30T20:59:59Z'), '30.06.2024');
    assert.equal(formatDate('2024-06-30T21:30:00Z'), '01.07.2024');
    assert.equal(formatDate('2024-12-31T21:59:59.999Z'), '31.12.2024');
    assert.equal(formatDate('2024-12-31T22:00:00.000Z'), '01.01.2025');
    assert.equal(formatDate('2024-07-01T00:30:00+03:00'), '01.07.2024');
    assert.equal(formatDate('2024-06-30T23:30:00-02:00'), '01.07.2024');
  });
  it('reads PostgreSQL text timestamps and microseconds', () => {
    assert.equal(formatDate('2024-07-01 00:30:00+03'), '01.07.2024');
    assert.equal(formatDate('2024-06-30 21:30:00.123456+00'), '01.07.2024');
    assert.equal(formatDate('2024-06-30T21:30:00.123456Z'), '01.07.2024');
  });
  it('reads a timestamp without an offset as UTC, whatever the machine time zone', () => {
    // Node applies a changed TZ at once; a far-off zone makes a local-time reading visible.
    const saved = process.env.TZ;
    try {
      for (const tz of ['UTC', 'Asia/Kolkata', 'America/Los_Angeles']) {
        process.env.TZ = tz;
        assert.equal(formatDate('2024-06-30T21:30:00'), '01.07.2024', tz);
        assert.equal(formatDate('2024-06-30T20:30'), '30.06.2024', tz);
        assert.equal(formatDateTime('2024-06-30T20:30:00'), '30.06.2024 23:30', tz);
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

describe('formatDateTime', () => {
  it('formats in Kyiv time, 24-hour clock', () => {
    assert.equal(formatDateTime('2024-01-15T10:00:00Z'), '15.01.2024 12:00');
    assert.equal(formatDateTime('2024-06-30T21:05:00Z'), '01.07.2024 00:05');
    assert.equal(formatDateTime('2024-01-14T22:00:00Z'), '15.01.2024 00:00'); // never "24:00"
    assert.equal(formatDateTime('2024-01-15T21:59:00Z'), '15.01.2024 23:59');
  });
  it('follows the DST switches', () => {
    assert.equal(formatDateTime('2024-03-31T00:59:00Z'), '31.03.2024 02:59');
    assert.equal(formatDateTime('2024-03-31T01:00:00Z'), '31.03.2024 04:00');
    // 03:30 happens twice when clocks go back.
    assert.equal(formatDateTime('2024-10-27T00:30:00Z'), '27.10.2024 03:30');
    assert.equal(formatDateTime('2024-10-27T01:30:00Z'), '27.10.2024 03:30');
  });
  it('shows a bare date without inventing a time, and empty for empty or invalid', () => {
    assert.equal(formatDateTime('2024-03-05'), '05.03.2024');
    assert.equal(formatDateTime(null), '');
    assert.equal(formatDateTime(undefined), '');
    assert.equal(formatDateTime(''), '');
    assert.equal(formatDateTime('0001-01-01T00:00:00Z'), '');
    assert.equal(formatDateTime('not a date'), '');
  });
  it('formats a Date serialized by JSON', () => {
    assert.equal(formatDateTime(new Date('2025-03-12T08:07:00Z').toISOString()), '12.03.2025 10:07');
  });
});

describe('parseUaDate', () => {
  it('parses ДД.ММ.РРРР', () => {
    assert.equal(parseUaDate('05.03.2024'), '2024-03-05');
    assert.equal(parseUaDate('29.02.2024'), '2024-02-29');
    assert.equal(parseUaDate('31.12.1999'), '1999-12-31');
    assert.equal(parseUaDate(' 05.03.2024 '), '2024-03-05');
    assert.equal(parseUaDate('5.3.2024'), '2024-03-05');
  });
  it('refuses impossible dates', () => {
    for (const s of ['31.02.2024', '29.02.2023', '29.02.1900', '31.04.2024', '32.01.2024', '00.01.2024', '01.13.2024', '01.00.2024']) {
      assert.equal(parseUaDate(s), null, s);
    }
  });
  it('refuses other shapes and years before 1900', () => {
    for (const s of [
      '',
      '2024-03-05',
      '05/03/2024',
      '05-03-2024',
      '05.03.24',
      '05.03.20245',
      '5 березня 2024',
      '01.01.0001',
      '31.12.1899',
      '05.03.2024.',
    ]) {
      assert.equal(parseUaDate(s), null, s);
    }
    assert.equal(parseUaDate(null as unknown as string), null);
  });
  it('round-trips with formatDate (property)', () => {
    fc.assert(
      fc.property(isoDateArb, (iso) => {
        const shown = formatDate(iso);
        assert.match(shown, /^\d{2}\.\d{2}\.\d{4}$/);
        assert.equal(parseUaDate(shown), iso);
      }),
    );
  });
});

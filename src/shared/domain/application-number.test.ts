import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { formatApplicationNumber, parseApplicationNumber, periodOf } from './application-number';
import { kyivToday } from './dates';

describe('formatApplicationNumber', () => {
  it('writes MMYYYY/N as in the guide', () => {
    assert.equal(formatApplicationNumber('072022', 55), '072022/55');
    assert.equal(formatApplicationNumber('122025', 1), '122025/1');
    assert.equal(formatApplicationNumber('012026', 10_000), '012026/10000');
  });
  it('throws on a malformed period', () => {
    for (const p of ['132022', '002022', '72022', '0720220', '2022-07', '07.2022', '']) {
      assert.throws(() => formatApplicationNumber(p, 1), RangeError, p);
    }
  });
  it('throws on a sequence that is not a positive integer', () => {
    for (const n of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
      assert.throws(() => formatApplicationNumber('072022', n), RangeError, String(n));
    }
  });
});

describe('periodOf', () => {
  it('takes month and year of a Kyiv date', () => {
    assert.equal(periodOf('2022-07-15'), '072022');
    assert.equal(periodOf('2025-12-31'), '122025');
    assert.equal(periodOf('2024-02-29'), '022024');
  });
  it('uses the Kyiv date: 31 July 21:30 UTC is already August in Kyiv', () => {
    assert.equal(periodOf(kyivToday(new Date('2022-07-31T21:30:00Z'))), '082022');
    assert.equal(periodOf(kyivToday(new Date('2022-12-31T22:00:00Z'))), '012023');
  });
  it('throws on something that is not an ISO date', () => {
    assert.throws(() => periodOf('2022-02-30'), RangeError);
    assert.throws(() => periodOf('15.07.2022'), RangeError);
  });
});

describe('parseApplicationNumber', () => {
  it('reads period and sequence', () => {
    assert.deepEqual(parseApplicationNumber('072022/55'), { period: '072022', seq: 55 });
    assert.deepEqual(parseApplicationNumber(' 122025/1 '), { period: '122025', seq: 1 });
  });
  it('returns null for anything malformed', () => {
    for (const s of [
      '',
      '072022',
      '072022/',
      '/55',
      '072022/0',
      '072022/055',
      '072022/-5',
      '072022/5.5',
      '132022/1',
      '002022/1',
      '72022/1',
      '0720221/1',
      '072022-55',
      '072022/55/1',
      '072022 / 55',
      'abc',
      '072022/99999999999999999999',
    ]) {
      assert.equal(parseApplicationNumber(s), null, s);
    }
  });
  it('round-trips with formatApplicationNumber (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 2000, max: 2999 }),
        fc.integer({ min: 1, max: 10_000_000 }),
        (month, year, seq) => {
          const period = `${String(month).padStart(2, '0')}${year}`;
          assert.deepEqual(parseApplicationNumber(formatApplicationNumber(period, seq)), { period, seq });
        },
      ),
    );
  });
});

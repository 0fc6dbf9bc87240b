import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { formatPhone, normalizePhone } from './phone';

describe('normalizePhone', () => {
  it('normalizes every common way of writing the same number', () => {
    for (const s of [
      '0501234567',
      '+38 050 123 45 67',
      '+380501234567',
      '380501234567',
      '(050) 123-45-67',
      '+38 (050) 123-45-67',
      '050-123-45-67',
      '050.123.45.67',
      '8 050 1234567',
      '80501234567',
      '00380501234567',
      '00 380 50 123 45 67',
      '501234567',
      ' +380501234567 ',
      '+38\u00a0050\u00a0123\u00a045\u00a067',
      '050–123–45–67',
    ]) {
      assert.equal(normalizePhone(s), '+380501234567', JSON.stringify(s));
    }
  });
  it('keeps other operators and landlines', () => {
    assert.equal(normalizePhone('067 765 43 21'), '+380677654321');
    assert.equal(normalizePhone('044 234 56 78'), '+380442345678');
    assert.equal(normalizePhone('+380931112233'), '+380931112233');
  });
  it('refuses what cannot be a Ukrainian number', () => {
    for (const s of [
      '',
      '   ',
      'abc',
      '+7 912 345 67 89',
      '+1 (050) 123-45-67',
      '+48501234567',
      '+38050123456', // one digit short
      '+3805012345678', // one digit too many
      '050123456',
      '05012345678',
      '+0501234567',
      '+80501234567',
      '++380501234567',
      '380501234567+',
      '+380012345678', // 0 after +380: a doubled trunk prefix or a typo
      '012345678',
      '0050123456',
      '050 123 45 67 доб. 5',
      '050/123/45/67',
      '+38 050 123 45 6x',
    ]) {
      assert.equal(normalizePhone(s), null, JSON.stringify(s));
    }
    assert.equal(normalizePhone(null as unknown as string), null);
  });
  it('is idempotent (property)', () => {
    const separator = fc.constantFrom('', ' ', '-', '(', ')', '.');
    const phoneLike = fc
      .array(fc.oneof(fc.constantFrom('+', '0', '3', '8'), fc.integer({ min: 0, max: 9 }).map(String), separator), { maxLength: 20 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(phoneLike, fc.string()), (s) => {
        const once = normalizePhone(s);
        if (once === null) return;
        assert.match(once, /^\+380[1-9]\d{8}$/);
        assert.equal(normalizePhone(once), once);
      }),
    );
  });
  it('every written form of a number gives the same result (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9]\d{8}$/), (nsn) => {
        const expected = `+380${nsn}`;
        const national = `0${nsn}`;
        for (const form of [
          expected,
          `380${nsn}`,
          national,
          `8${national}`,
          nsn,
          `+38 ${national.slice(0, 3)} ${national.slice(3, 6)} ${national.slice(6, 8)} ${national.slice(8)}`,
          `(${national.slice(0, 3)}) ${national.slice(3, 6)}-${national.slice(6, 8)}-${national.slice(8)}`,
        ]) {
          assert.equal(normalizePhone(form), expected, form);
        }
      }),
    );
  });
});

describe('formatPhone', () => {
  it('writes +38 0XX XXX XX XX', () => {
    assert.equal(formatPhone('+380501234567'), '+38 050 123 45 67');
    assert.equal(formatPhone('+380442345678'), '+38 044 234 56 78');
  });
  it('accepts any form normalizePhone accepts', () => {
    assert.equal(formatPhone('0501234567'), '+38 050 123 45 67');
  });
  it('returns anything else unchanged rather than hide it', () => {
    assert.equal(formatPhone('+7 912 345 67 89'), '+7 912 345 67 89');
    assert.equal(formatPhone(''), '');
  });
  it('round-trips through normalizePhone (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9]\d{8}$/), (nsn) => {
        const phone = `+380${nsn}`;
        const shown = formatPhone(phone);
        assert.match(shown, /^\+38 0\d{2} \d{3} \d{2} \d{2}$/);
        assert.equal(normalizePhone(shown), phone);
      }),
    );
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  certificateSerialNumberFor,
  decodeRnokpp,
  identityKind,
  isValidPassport,
  isValidRnokpp,
  normalizeIdentityCode,
  rnokppCheckDigit,
  rnokppWarnings,
} from './rnokpp';

// Examples given with the task; birth dates and sex were decoded independently (Date.UTC).
const VALID: Array<[string, string, 'male' | 'female']> = [
  ['3111923464', '1985-03-14', 'female'],
  ['2879510270', '1978-11-02', 'male'],
  ['3304844106', '1990-06-25', 'female'],
  ['2521131334', '1969-01-09', 'male'],
  ['3497158565', '1995-09-30', 'female'],
  ['3005766710', '1982-04-17', 'male'],
  ['2736372181', '1974-12-01', 'female'],
  ['3236280936', '1988-08-08', 'male'],
];

// An independent check-digit computation for generated codes.
function referenceCheck(firstNine: string): number {
  const w = [-1, 5, 7, 9, 4, 6, 10, 5, 7];
  const sum = w.reduce((acc, weight, i) => acc + weight * Number(firstNine[i]), 0);
  return (((sum % 11) + 11) % 11) % 10;
}

describe('isValidRnokpp', () => {
  it('accepts the known valid codes', () => {
    for (const [code] of VALID) assert.equal(isValidRnokpp(code), true, code);
  });
  it('refuses each known code with any other last digit', () => {
    for (const [code] of VALID) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === code[9]) continue;
        const wrong = code.slice(0, 9) + d;
        assert.equal(isValidRnokpp(wrong), false, wrong);
      }
    }
  });
  it('normalizes a negative weighted sum before taking the check digit', () => {
    // Σ = −9: (−9 mod 11 + 11) mod 11 = 2. A naive `%` gives −9, an abs() gives 9.
    assert.equal(rnokppCheckDigit('900000000'), 2);
    assert.equal(isValidRnokpp('9000000002'), true);
    assert.equal(isValidRnokpp('9000000009'), false);
    // Σ = −2 → 9.
    assert.equal(isValidRnokpp('9000000019'), true);
    assert.equal(isValidRnokpp('9000000012'), false);
    // Σ = −8 → 3.
    assert.equal(isValidRnokpp('8000000003'), true);
  });
  it('folds a remainder of 10 to check digit 0', () => {
    assert.equal(rnokppCheckDigit('300576671'), 0); // Σ = 208, 208 mod 11 = 10
    assert.equal(isValidRnokpp('3005766710'), true);
  });
  it('refuses wrong lengths, letters, spaces and non-ASCII digits', () => {
    for (const s of [
      '',
      '311192346',
      '31119234640',
      '311192346A',
      'A111923464',
      ' 3111923464',
      '3111923464 ',
      '3111 923464',
      '３１１１９２３４６４',
      '٣١١١٩٢٣٤٦٤',
      '+3111923464',
      '3111923464\n',
    ]) {
      assert.equal(isValidRnokpp(s), false, JSON.stringify(s));
    }
    assert.equal(isValidRnokpp(3111923464 as unknown as string), false);
  });
  it('a generated valid code passes, and changing its last digit fails (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{9}$/), fc.integer({ min: 1, max: 9 }), (firstNine, shift) => {
        const check = referenceCheck(firstNine);
        assert.equal(rnokppCheckDigit(firstNine), check);
        assert.equal(isValidRnokpp(firstNine + check), true);
        assert.equal(isValidRnokpp(firstNine + ((check + shift) % 10)), false);
      }),
    );
  });
});

describe('decodeRnokpp', () => {
  it('decodes the known codes', () => {
    for (const [code, birthDate, sex] of VALID) assert.deepEqual(decodeRnokpp(code), { birthDate, sex }, code);
  });
  it('counts days from 31.12.1899: 00001 is 01.01.1900', () => {
    assert.deepEqual(decodeRnokpp('0000100010'), { birthDate: '1900-01-01', sex: 'male' });
    // 1900 was not a leap year: day 59 is 28 February, day 60 is 1 March.
    assert.deepEqual(decodeRnokpp('0005900033'), { birthDate: '1900-02-28', sex: 'male' });
    assert.deepEqual(decodeRnokpp('0006000039'), { birthDate: '1900-03-01', sex: 'male' });
    // 2000 was.
    assert.deepEqual(decodeRnokpp('3658412327'), { birthDate: '2000-02-29', sex: 'female' });
  });
  it('ignores spaces around and inside the code', () => {
    assert.deepEqual(decodeRnokpp(' 3111 923 464 '), { birthDate: '1985-03-14', sex: 'female' });
  });
  it('returns null for an invalid code or a passport', () => {
    assert.equal(decodeRnokpp('3111923465'), null);
    assert.equal(decodeRnokpp('МЕ123456'), null);
    assert.equal(decodeRnokpp('123456789'), null);
    assert.equal(decodeRnokpp(''), null);
  });
  it('recovers any birth date 1900–2173 and sex it was built from (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 99_999 }),
        fc.stringMatching(/^\d{3}$/),
        fc.integer({ min: 0, max: 9 }),
        (days, middle, sexDigit) => {
          const firstNine = String(days).padStart(5, '0') + middle + sexDigit;
          const code = firstNine + referenceCheck(firstNine);
          const expected = new Date(Date.UTC(1899, 11, 31) + days * 86_400_000).toISOString().slice(0, 10);
          assert.deepEqual(decodeRnokpp(code), { birthDate: expected, sex: sexDigit % 2 === 1 ? 'male' : 'female' });
        },
      ),
    );
  });
});

describe('isValidPassport', () => {
  it('accepts a booklet: two Ukrainian capitals and six digits', () => {
    for (const s of ['МЕ123456', 'КА000001', 'ҐЄ123456', 'ІЇ654321', 'ЬЯ999999', 'ЩЮ123456']) {
      assert.equal(isValidPassport(s), true, s);
    }
  });
  it('ignores spaces and case', () => {
    assert.equal(isValidPassport('ме 123456'), true);
    assert.equal(isValidPassport(' Ме 123 456 '), true);
    assert.equal(isValidPassport('ґє123456'), true);
  });
  it('accepts an ID card: nine digits', () => {
    assert.equal(isValidPassport('123456789'), true);
    assert.equal(isValidPassport('000000001'), true);
    assert.equal(isValidPassport('123 456 789'), true);
  });
  it('refuses Latin look-alikes, Russian-only letters and wrong lengths', () => {
    for (const s of [
      'ME123456', // Latin M and E
      'МE123456', // Cyrillic М, Latin E
      'ЫЭ123456',
      'ЪЁ123456',
      'ЭЮ123456',
      'МЕ12345',
      'МЕ1234567',
      'МЕЕ123456',
      'М123456',
      '12345678',
      '1234567890',
      '',
      'МЕ-123456',
      'МЕ12345А',
    ]) {
      assert.equal(isValidPassport(s), false, s);
    }
  });
});

describe('normalizeIdentityCode', () => {
  it('trims, removes all whitespace and upper-cases', () => {
    assert.equal(normalizeIdentityCode(' ме 123 456 '), 'МЕ123456');
    assert.equal(normalizeIdentityCode('\t3111\u00a0923464\n'), '3111923464');
    assert.equal(normalizeIdentityCode('ґє123456'), 'ҐЄ123456');
    assert.equal(normalizeIdentityCode(''), '');
  });
  it('is idempotent (property)', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const once = normalizeIdentityCode(s);
        assert.equal(normalizeIdentityCode(once), once);
      }),
    );
  });
});

describe('identityKind', () => {
  it('recognises a РНОКПП and both passport kinds after normalizing', () => {
    assert.equal(identityKind('3111923464'), 'rnokpp');
    assert.equal(identityKind(' 3111 923 464 '), 'rnokpp');
    assert.equal(identityKind('ме 123456'), 'passport');
    assert.equal(identityKind('123456789'), 'passport');
  });
  it('returns null for anything else', () => {
    assert.equal(identityKind('3111923465'), null); // 10 digits, wrong check digit: not a passport either
    assert.equal(identityKind(''), null);
    assert.equal(identityKind('ME123456'), null);
    assert.equal(identityKind('12345678'), null);
  });
});

describe('certificateSerialNumberFor', () => {
  it('builds TINUA-<РНОКПП> or PASUA-<passport> from the normalized code', () => {
    assert.equal(certificateSerialNumberFor('3111923464'), 'TINUA-3111923464');
    assert.equal(certificateSerialNumberFor(' 3111 923464'), 'TINUA-3111923464');
    assert.equal(certificateSerialNumberFor('ме 123456'), 'PASUA-МЕ123456');
    assert.equal(certificateSerialNumberFor('123456789'), 'PASUA-123456789');
  });
  it('throws rather than put an invalid number into a certificate', () => {
    assert.throws(() => certificateSerialNumberFor('3111923465'), RangeError);
    assert.throws(() => certificateSerialNumberFor(''), RangeError);
  });
});

describe('rnokppWarnings', () => {
  it('is empty when the facts agree or are absent', () => {
    assert.deepEqual(rnokppWarnings('3111923464', { birthDate: '1985-03-14', sex: 'female' }), []);
    assert.deepEqual(rnokppWarnings('3111923464', {}), []);
    assert.deepEqual(rnokppWarnings('3111923464', { birthDate: '' }), []);
  });
  it('warns about a different birth date, naming both dates', () => {
    const warnings = rnokppWarnings('3111923464', { birthDate: '1985-03-15' });
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /15\.03\.1985/);
    assert.match(warnings[0], /14\.03\.1985/);
    assert.match(warnings[0], /не збігається/);
  });
  it('warns about a different sex', () => {
    const warnings = rnokppWarnings('2879510270', { sex: 'female' });
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /жіноча/);
    assert.match(warnings[0], /чоловіча/);
  });
  it('lists both disagreements', () => {
    assert.equal(rnokppWarnings('2879510270', { birthDate: '1978-11-03', sex: 'female' }).length, 2);
  });
  it('says nothing for a passport, an invalid code or a birth date that is not a date', () => {
    assert.deepEqual(rnokppWarnings('МЕ123456', { birthDate: '1985-03-15', sex: 'male' }), []);
    assert.deepEqual(rnokppWarnings('3111923465', { birthDate: '1985-03-15' }), []);
    assert.deepEqual(rnokppWarnings('3111923464', { birthDate: '15.03.1985' }), []);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { edrpouCheckDigit, isValidEdrpou } from './edrpou';

// The spec's examples and the two demo codes.
const VALID = ['43005049', '41231992', '38728444', '14360570', '01990016', '40990117'];

// Independent computation for generated codes.
function referenceCheck(firstSeven: string): number {
  const whole = Number(`${firstSeven}0`);
  const base = whole >= 30000000 && whole < 60000000 ? [7, 1, 2, 3, 4, 5, 6] : [1, 2, 3, 4, 5, 6, 7];
  const sum = (bonus: number) => base.reduce((acc, w, i) => acc + (w + bonus) * Number(firstSeven[i]), 0);
  const r = sum(0) % 11;
  return r < 10 ? r : (sum(2) % 11) % 10;
}

describe('isValidEdrpou', () => {
  it('accepts the known valid codes', () => {
    for (const code of VALID) assert.equal(isValidEdrpou(code), true, code);
  });
  it('refuses each known code with any other last digit', () => {
    for (const code of VALID) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === code[7]) continue;
        assert.equal(isValidEdrpou(code.slice(0, 7) + d), false, code.slice(0, 7) + d);
      }
    }
  });
  it('switches to the rotated weights exactly at 30000000 and back at 60000000', () => {
    // Weights 1..7 below 30000000.
    assert.equal(isValidEdrpou('29999993'), true);
    assert.equal(isValidEdrpou('29999995'), false); // what 7,1,2,… would give
    // 7,1,2,3,4,5,6 from 30000000 (here r = 10, so the +2 weights give 5).
    assert.equal(isValidEdrpou('30000005'), true);
    assert.equal(isValidEdrpou('30000003'), false);
    assert.equal(isValidEdrpou('59999994'), true);
    assert.equal(isValidEdrpou('59999996'), false);
    // Weights 1..7 again from 60000000.
    assert.equal(isValidEdrpou('60000006'), true);
    assert.equal(isValidEdrpou('60000009'), false);
  });
  it('recomputes with weights + 2 when the first remainder is 10', () => {
    // Found by brute force with an independent implementation: first remainder 10 in each range.
    for (const code of ['02533154', '23150084', '30750964', '36868108', '67007554', '67209882']) {
      assert.equal(isValidEdrpou(code), true, code);
    }
    assert.equal(isValidEdrpou('02533150'), false); // a naive "10 mod 10 = 0" would accept this
  });
  it('folds a second remainder of 10 to 0', () => {
    assert.equal(isValidEdrpou('60775530'), true);
    assert.equal(isValidEdrpou('87614430'), true);
  });
  it('refuses wrong lengths, letters and spaces', () => {
    for (const s of ['', '4300504', '430050490', '4300504A', ' 43005049', '4300 5049', '４３００５０４９', '-4300504']) {
      assert.equal(isValidEdrpou(s), false, JSON.stringify(s));
    }
    assert.equal(isValidEdrpou(43005049 as unknown as string), false);
  });
  it('a generated valid code passes, any other last digit fails (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{7}$/), fc.integer({ min: 1, max: 9 }), (firstSeven, shift) => {
        const check = referenceCheck(firstSeven);
        assert.equal(edrpouCheckDigit(`${firstSeven}0`), check);
        assert.equal(isValidEdrpou(firstSeven + check), true);
        assert.equal(isValidEdrpou(firstSeven + ((check + shift) % 10)), false);
      }),
    );
  });
});

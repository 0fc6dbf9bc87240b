import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { FONT_BOLD_PATH, FONT_REGULAR_PATH } from './fonts';
import { parseKyivDateTime } from './layout';

describe('pdf helpers', () => {
  it('finds the DejaVu fonts in node_modules', () => {
    assert.ok(existsSync(FONT_REGULAR_PATH), FONT_REGULAR_PATH);
    assert.ok(existsSync(FONT_BOLD_PATH), FONT_BOLD_PATH);
  });

  it('reads Kyiv local time in winter and summer', () => {
    assert.equal(parseKyivDateTime('01.12.2026 14:05').toISOString(), '2026-12-01T12:05:00.000Z');
    assert.equal(parseKyivDateTime('01.07.2026 09:30').toISOString(), '2026-07-01T06:30:00.000Z');
    assert.equal(parseKyivDateTime('15.01.2026').toISOString(), '2026-01-14T22:00:00.000Z');
    // The day daylight saving starts (29 March 2026, 03:00 → 04:00).
    assert.equal(parseKyivDateTime('29.03.2026 12:00').toISOString(), '2026-03-29T09:00:00.000Z');
    assert.throws(() => parseKyivDateTime('2026-12-01'));
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addMonths, kyivInstant } from './dates';
import {
  certificateValidity,
  DEFAULT_REMOTE_REISSUE_LIMIT,
  identificationOf,
  nextRemoteChain,
  REVOCATION_REASON_CODES,
  REVOCATION_REASONS,
  remoteReissueProblem,
  renewalRunAt,
} from './issuance';

describe('renewal time and certificate term', () => {
  it('the renewal runs at 00:05 Kyiv time on its day, winter and summer', () => {
    assert.equal(renewalRunAt('2026-12-14').toISOString(), '2026-12-13T22:05:00.000Z');
    assert.equal(renewalRunAt('2027-07-01').toISOString(), '2027-06-30T21:05:00.000Z');
  });
  it('the term starts at 00:00 Kyiv on the renewal day and ends a second before the same day a term later', () => {
    const v = certificateValidity('2026-12-14', 12);
    assert.equal(v.notBefore.toISOString(), '2026-12-13T22:00:00.000Z');
    assert.equal(v.notAfter.toISOString(), '2027-12-13T21:59:59.000Z');
    // Across the summer change the wall clock decides, not a fixed number of hours.
    const summer = certificateValidity('2026-03-01', 6);
    assert.equal(summer.notAfter.toISOString(), '2026-08-31T20:59:59.000Z');
    assert.throws(() => certificateValidity('2026-12-14', 0), RangeError);
  });
  it('months keep the day, or take the month’s last day', () => {
    assert.equal(addMonths('2026-01-31', 1), '2026-02-28');
    assert.equal(addMonths('2028-01-31', 1), '2028-02-29');
    assert.equal(addMonths('2026-12-14', 24), '2028-12-14');
    assert.equal(addMonths('2026-03-15', -3), '2025-12-15');
  });
  it('Kyiv instants follow summer time', () => {
    assert.equal(kyivInstant('2026-06-01', '12:00').toISOString(), '2026-06-01T09:00:00.000Z');
    assert.equal(kyivInstant('2026-01-01', '12:00').toISOString(), '2026-01-01T10:00:00.000Z');
    assert.throws(() => kyivInstant('2026-02-30'), RangeError);
  });
});

describe('identification and remote re-issues', () => {
  it('a re-issue is remote and extends the chain; otherwise in person and the chain starts again', () => {
    assert.equal(identificationOf(true), 'remote');
    assert.equal(identificationOf(false), 'in_person');
    assert.equal(nextRemoteChain(true, 0), 1);
    assert.equal(nextRemoteChain(true, null), 1);
    assert.equal(nextRemoteChain(true, 1), 2);
    assert.equal(nextRemoteChain(false, 3), 0);
  });
  it('the policy allows `limit` remote re-issues in a row', () => {
    assert.equal(remoteReissueProblem(0, DEFAULT_REMOTE_REISSUE_LIMIT), null);
    assert.match(remoteReissueProblem(1, 1) ?? '', /особиста ідентифікація/);
    assert.equal(remoteReissueProblem(1, 2), null);
    assert.match(remoteReissueProblem(2, 2) ?? '', /дозволено 2/);
  });
  it('every revocation reason is an RFC 5280 code with a Ukrainian name', () => {
    for (const code of REVOCATION_REASON_CODES) {
      assert.ok([0, 1, 2, 3, 4, 5, 6, 8, 9, 10].includes(code));
      assert.match(REVOCATION_REASONS[code], /[А-ЯІЇЄҐа-яіїєґ]/);
    }
  });
});

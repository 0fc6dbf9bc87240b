import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type CurrentCertificateInfo,
  certificateRenewalWarning,
  earliestRenewalDate,
  expiringWithin,
  isReissueDefault,
  NO_VALID_CERTIFICATE,
  RENEWAL_DATE_INVALID,
  RENEWAL_DATE_NOT_FUTURE,
  RENEWAL_DATE_NOT_WORKING_DAY,
  RENEWAL_DATE_REQUIRED,
  renewalDateProblems,
} from './renewal';

// Wednesday 12 March 2025. Thu 13, Fri 14, Sat 15, Sun 16, Mon 17.
const TODAY = '2025-03-12';
const valid = (notAfter: string): CurrentCertificateInfo => ({ notAfter, status: 'valid' });

describe('renewalDateProblems', () => {
  it('accepts a future working day', () => {
    assert.deepEqual(renewalDateProblems('2025-03-13', TODAY), []);
    assert.deepEqual(renewalDateProblems('2025-03-17', TODAY), []);
  });
  it('requires a date', () => {
    assert.deepEqual(renewalDateProblems('', TODAY), [RENEWAL_DATE_REQUIRED]);
    assert.deepEqual(renewalDateProblems('  ', TODAY), [RENEWAL_DATE_REQUIRED]);
    assert.deepEqual(renewalDateProblems(null as unknown as string, TODAY), [RENEWAL_DATE_REQUIRED]);
  });
  it('refuses something that is not an ISO date', () => {
    assert.deepEqual(renewalDateProblems('2025-02-30', TODAY), [RENEWAL_DATE_INVALID]);
    assert.deepEqual(renewalDateProblems('14.03.2025', TODAY), [RENEWAL_DATE_INVALID]);
  });
  it('refuses today and the past', () => {
    assert.equal(RENEWAL_DATE_NOT_FUTURE, 'Дата продовження має бути пізнішою за сьогоднішню');
    assert.deepEqual(renewalDateProblems(TODAY, TODAY), [RENEWAL_DATE_NOT_FUTURE]);
    assert.deepEqual(renewalDateProblems('2025-03-11', TODAY), [RENEWAL_DATE_NOT_FUTURE]);
  });
  it('refuses a weekend', () => {
    assert.equal(RENEWAL_DATE_NOT_WORKING_DAY, 'Дата продовження має бути робочим днем (пн–пт)');
    assert.deepEqual(renewalDateProblems('2025-03-15', TODAY), [RENEWAL_DATE_NOT_WORKING_DAY]);
    assert.deepEqual(renewalDateProblems('2025-03-16', TODAY), [RENEWAL_DATE_NOT_WORKING_DAY]);
  });
  it('lists every problem at once', () => {
    assert.deepEqual(renewalDateProblems('2025-03-09', TODAY), [RENEWAL_DATE_NOT_FUTURE, RENEWAL_DATE_NOT_WORKING_DAY]);
  });
  it('accepts a public holiday on a weekday (martial law)', () => {
    assert.deepEqual(renewalDateProblems('2025-12-25', TODAY), []);
  });
});

describe('earliestRenewalDate', () => {
  it('is the next working day', () => {
    assert.equal(earliestRenewalDate(TODAY), '2025-03-13');
    assert.equal(earliestRenewalDate('2025-03-14'), '2025-03-17');
    assert.equal(earliestRenewalDate('2025-03-15'), '2025-03-17');
  });
});

describe('certificateRenewalWarning', () => {
  const check = (renewalDate: string | null, current: CurrentCertificateInfo, isReissue = true) =>
    certificateRenewalWarning({ renewalDate, isReissue, current, today: TODAY });

  describe('not a re-issue', () => {
    it('is always ok, with the days left for the expiry column', () => {
      assert.deepEqual(check('2025-03-14', null, false), { level: 'ok', message: null, daysLeft: null });
      assert.deepEqual(check('2025-03-14', valid('2025-04-01'), false), { level: 'ok', message: null, daysLeft: 18 });
      assert.deepEqual(check('2025-04-02', valid('2025-04-01'), false), { level: 'ok', message: null, daysLeft: -1 });
      assert.deepEqual(check(null, valid('2025-04-01'), false), { level: 'ok', message: null, daysLeft: 20 });
    });
    it('gives no days left for a revoked or blocked certificate', () => {
      assert.equal(check('2025-03-14', { notAfter: '2025-04-01', status: 'revoked' }, false).daysLeft, null);
      assert.equal(check('2025-03-14', { notAfter: '2025-04-01', status: 'blocked' }, false).daysLeft, null);
      assert.equal(check('2025-03-14', { notAfter: '2025-03-01', status: 'expired' }, false).daysLeft, -13);
    });
  });

  describe('re-issue without a valid certificate', () => {
    it('is an error when there is none, or it is revoked, blocked or expired', () => {
      assert.equal(NO_VALID_CERTIFICATE, 'Немає чинного сертифіката для повторної видачі');
      for (const current of [
        null,
        { notAfter: '2026-01-01', status: 'revoked' },
        { notAfter: '2026-01-01', status: 'blocked' },
        { notAfter: '2025-03-01', status: 'expired' },
        { notAfter: '2025-03-11', status: 'valid' }, // status not refreshed after expiry
      ] as CurrentCertificateInfo[]) {
        assert.equal(check('2025-03-14', current).level, 'error', JSON.stringify(current));
        assert.equal(check('2025-03-14', current).message, NO_VALID_CERTIFICATE);
        assert.equal(check(null, current).message, NO_VALID_CERTIFICATE);
      }
    });
  });

  describe('re-issue with a chosen renewal date', () => {
    it('is ok with more than 14 days left', () => {
      assert.deepEqual(check('2025-03-17', valid('2025-04-01')), { level: 'ok', message: null, daysLeft: 15 });
      assert.deepEqual(check('2025-03-13', valid('2026-03-13')), { level: 'ok', message: null, daysLeft: 365 });
    });
    it('warns with 14 days or fewer left', () => {
      const w = check('2025-03-18', valid('2025-04-01'));
      assert.equal(w.level, 'warning');
      assert.equal(w.daysLeft, 14);
      assert.equal(w.message, 'Сертифікат діє до 01.04.2025 — на дату продовження до закінчення його дії залишиться 14 днів');
    });
    it('warns on the last possible day, the day before expiry', () => {
      const w = check('2025-03-19', valid('2025-03-20'));
      assert.deepEqual(w, {
        level: 'warning',
        message: 'Сертифікат діє до 20.03.2025 — на дату продовження до закінчення його дії залишиться 1 день',
        daysLeft: 1,
      });
    });
    it('declines "день" correctly', () => {
      const days = (renewalDate: string) => check(renewalDate, valid('2025-03-31')).message?.split('залишиться ')[1];
      assert.equal(days('2025-03-27'), '4 дні');
      assert.equal(days('2025-03-28'), '3 дні');
      assert.equal(days('2025-03-26'), '5 днів');
      assert.equal(days('2025-03-20'), '11 днів');
      assert.equal(days('2025-03-19'), '12 днів');
      assert.equal(check('2025-03-19', valid('2025-03-21')).message?.split('залишиться ')[1], '2 дні');
    });
    it('is an error on the expiry day itself, naming the expiry date', () => {
      assert.deepEqual(check('2025-03-20', valid('2025-03-20')), {
        level: 'error',
        message: 'Сертифікат діє до 20.03.2025 — обрана дата продовження пізніша; повторна видача за існуючим ключем неможлива',
        daysLeft: 0,
      });
    });
    it('is an error after expiry', () => {
      const w = check('2025-03-24', valid('2025-03-20'));
      assert.equal(w.level, 'error');
      assert.equal(w.daysLeft, -4);
      assert.match(w.message ?? '', /^Сертифікат діє до 20\.03\.2025 — /);
    });
    it('is an error when the certificate is valid today but expires today', () => {
      assert.equal(check('2025-03-13', valid(TODAY)).level, 'error');
    });
    it('treats a renewal date that is not a date as not chosen', () => {
      assert.deepEqual(check('31.03.2025', valid('2026-01-01')), check(null, valid('2026-01-01')));
    });
  });

  describe('re-issue before a renewal date is chosen', () => {
    it('is ok with more than 14 days left from today', () => {
      assert.deepEqual(check(null, valid('2025-03-27')), { level: 'ok', message: null, daysLeft: 15 });
    });
    it('warns with the last possible day when 14 days or fewer are left', () => {
      assert.deepEqual(check(null, valid('2025-03-26')), {
        level: 'warning',
        message: 'Сертифікат діє до 26.03.2025 — оберіть дату продовження не пізніше 25.03.2025',
        daysLeft: 14,
      });
      assert.equal(check(null, valid('2025-03-14')).level, 'warning'); // Thu 13 is still possible
    });
    it('is an error when no working day is left before expiry', () => {
      const w = check(null, valid('2025-03-13'));
      assert.equal(w.level, 'error');
      assert.match(w.message ?? '', /13\.03\.2025/);
      // Friday, expiring on Monday: the earliest renewal day is that Monday.
      const friday = certificateRenewalWarning({ renewalDate: null, isReissue: true, current: valid('2025-03-17'), today: '2025-03-14' });
      assert.equal(friday.level, 'error');
      assert.match(friday.message ?? '', /17\.03\.2025/);
    });
  });
});

describe('expiringWithin', () => {
  it('counts today and the last day of the window', () => {
    assert.equal(expiringWithin(TODAY, TODAY, 30), true);
    assert.equal(expiringWithin(TODAY, TODAY, 0), true);
    assert.equal(expiringWithin('2025-04-11', TODAY, 30), true);
    assert.equal(expiringWithin('2025-04-12', TODAY, 30), false);
  });
  it('does not count an already expired certificate', () => {
    assert.equal(expiringWithin('2025-03-11', TODAY, 30), false);
  });
  it('crosses a leap day', () => {
    assert.equal(expiringWithin('2024-03-01', '2024-02-28', 1), false);
    assert.equal(expiringWithin('2024-03-01', '2024-02-28', 2), true);
    assert.equal(expiringWithin('2023-03-01', '2023-02-28', 1), true);
  });
  it('serves the 30/60/90-day views', () => {
    const notAfter = '2025-05-20'; // 69 days after TODAY
    assert.deepEqual(
      [30, 60, 90].map((d) => expiringWithin(notAfter, TODAY, d)),
      [false, false, true],
    );
  });
});

describe('isReissueDefault', () => {
  it('is true for a valid certificate that a renewal can still precede', () => {
    assert.equal(isReissueDefault(valid('2026-01-01'), TODAY), true);
    assert.equal(isReissueDefault(valid('2025-03-14'), TODAY), true); // renew on Thu 13
    assert.equal(isReissueDefault(valid('2025-03-18'), '2025-03-14'), true); // Fri → renew Mon 17
  });
  it('is false without a valid certificate', () => {
    assert.equal(isReissueDefault(null, TODAY), false);
    assert.equal(isReissueDefault({ notAfter: '2026-01-01', status: 'revoked' }, TODAY), false);
    assert.equal(isReissueDefault({ notAfter: '2026-01-01', status: 'blocked' }, TODAY), false);
    assert.equal(isReissueDefault({ notAfter: '2025-03-01', status: 'expired' }, TODAY), false);
    assert.equal(isReissueDefault(valid('2025-03-11'), TODAY), false);
  });
  it('is false when the certificate expires before any possible renewal day', () => {
    assert.equal(isReissueDefault(valid(TODAY), TODAY), false);
    assert.equal(isReissueDefault(valid('2025-03-13'), TODAY), false);
    assert.equal(isReissueDefault(valid('2025-03-17'), '2025-03-14'), false); // Fri, expires Mon
  });
  it('agrees with certificateRenewalWarning before a date is chosen', () => {
    for (const notAfter of ['2025-03-11', TODAY, '2025-03-13', '2025-03-14', '2025-03-17', '2025-04-30']) {
      const warning = certificateRenewalWarning({ renewalDate: null, isReissue: true, current: valid(notAfter), today: TODAY });
      assert.equal(isReissueDefault(valid(notAfter), TODAY), warning.level !== 'error', notAfter);
    }
  });
});

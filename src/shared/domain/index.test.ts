import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as domain from './index';

// Other parts of the product code against these names: renaming one must fail here first.
const FUNCTIONS = [
  // rnokpp
  'isValidRnokpp',
  'decodeRnokpp',
  'isValidPassport',
  'normalizeIdentityCode',
  'identityKind',
  'certificateSerialNumberFor',
  'rnokppWarnings',
  'rnokppCheckDigit',
  // edrpou
  'isValidEdrpou',
  'edrpouCheckDigit',
  // phone
  'normalizePhone',
  'formatPhone',
  // names
  'isValidPersonName',
  'isValidEmail',
  'normalizePersonName',
  // dates
  'kyivToday',
  'formatDate',
  'formatDateTime',
  'parseUaDate',
  'addDays',
  'daysBetween',
  'isWorkingDay',
  'isValidIsoDate',
  'isoWeekday',
  'nextWorkingDay',
  'addMonths',
  'kyivInstant',
  // status
  'canTransitionApplication',
  'canTransitionRequest',
  'isApplicationEditable',
  'isRequestEditable',
  'isApplicationStatus',
  'isRequestStatus',
  'canWorkOnRequest',
  // application-number
  'formatApplicationNumber',
  'periodOf',
  'parseApplicationNumber',
  // renewal
  'renewalDateProblems',
  'certificateRenewalWarning',
  'expiringWithin',
  'isReissueDefault',
  'earliestRenewalDate',
];
const VALUES = [
  'APPLICATION_STATUSES',
  'applicationStatusLabel',
  'applicationTransitions',
  'REQUEST_STATUSES',
  'requestStatusLabel',
  'requestTransitions',
  'RENEWAL_WARNING_DAYS',
  'RENEWAL_DATE_REQUIRED',
  'RENEWAL_DATE_INVALID',
  'RENEWAL_DATE_NOT_FUTURE',
  'RENEWAL_DATE_NOT_WORKING_DAY',
  'NO_VALID_CERTIFICATE',
];

describe('index', () => {
  it('re-exports every rule as a function', () => {
    for (const name of FUNCTIONS) assert.equal(typeof (domain as Record<string, unknown>)[name], 'function', name);
  });
  it('re-exports the constants', () => {
    for (const name of VALUES) assert.notEqual((domain as Record<string, unknown>)[name], undefined, name);
  });
  it('exports nothing unlisted', () => {
    assert.deepEqual(Object.keys(domain).sort(), [...FUNCTIONS, ...VALUES].sort());
  });
});

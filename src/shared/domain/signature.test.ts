import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkSignerIdentity,
  SIGNATURE_FAILURE_CODES,
  type SignatureReport,
  type SignerExpectation,
  signatureFailureMessage,
} from './signature';

type Signer = Pick<SignatureReport, 'subjectSerialNumber' | 'organizationIdentifier' | 'signerName'>;

const SIGNER: Signer = {
  signerName: 'Коваленко Олена Петрівна',
  subjectSerialNumber: 'TINUA-3111923464',
  organizationIdentifier: 'NTRUA-01990016',
};

const EXPECTED: SignerExpectation = {
  identityCode: '3111923464',
  identityKind: 'rnokpp',
  fullName: 'Коваленко Олена Петрівна',
  edrpou: '01990016',
};

describe('checkSignerIdentity', () => {
  it('accepts the same person of the same organization', () => {
    assert.equal(checkSignerIdentity(SIGNER, EXPECTED), null);
  });

  it('ignores case and spaces in the serialNumber and organizationIdentifier', () => {
    assert.equal(checkSignerIdentity({ ...SIGNER, subjectSerialNumber: 'tinua-3111923464' }, EXPECTED), null);
    assert.equal(checkSignerIdentity({ ...SIGNER, subjectSerialNumber: ' TINUA - 3111 923 464 ' }, EXPECTED), null);
    assert.equal(checkSignerIdentity({ ...SIGNER, organizationIdentifier: 'ntrua-0199 0016' }, EXPECTED), null);
    assert.equal(checkSignerIdentity(SIGNER, { ...EXPECTED, identityCode: ' 3111923464 ' }), null);
  });

  it('accepts the passport form PASUA- for a person without РНОКПП', () => {
    const signer = { ...SIGNER, subjectSerialNumber: 'PASUA-МЕ123456' };
    assert.equal(checkSignerIdentity(signer, { ...EXPECTED, identityKind: 'passport', identityCode: 'ме123456' }), null);
    assert.equal(checkSignerIdentity(signer, { ...EXPECTED, identityKind: 'passport', identityCode: 'МЕ 123456' }), null);
  });

  it('the kind of identity matters: TINUA-x is not PASUA-x', () => {
    const signer = { ...SIGNER, subjectSerialNumber: 'PASUA-3111923464' };
    assert.equal(checkSignerIdentity(signer, EXPECTED)?.code, 'WRONG_PERSON');
    assert.equal(checkSignerIdentity(SIGNER, { ...EXPECTED, identityKind: 'passport' })?.code, 'WRONG_PERSON');
  });

  it('another person → WRONG_PERSON with who signed and who was expected', () => {
    const problem = checkSignerIdentity(
      { signerName: 'Шевченко Іван Іванович', subjectSerialNumber: 'TINUA-2945811230', organizationIdentifier: 'NTRUA-01990016' },
      EXPECTED,
    );
    assert.deepEqual(problem, {
      code: 'WRONG_PERSON',
      detail: {
        signer: 'Шевченко Іван Іванович, TINUA-2945811230',
        expected: 'Коваленко Олена Петрівна, TINUA-3111923464',
      },
    });
    assert.equal(
      signatureFailureMessage('WRONG_PERSON', problem?.detail),
      'Підписано ключем іншої особи (Шевченко Іван Іванович, TINUA-2945811230): потрібен чинний ключ Коваленко Олена Петрівна, TINUA-3111923464',
    );
  });

  it('a code that only starts like the expected one is another person', () => {
    assert.equal(checkSignerIdentity({ ...SIGNER, subjectSerialNumber: 'TINUA-31119234640' }, EXPECTED)?.code, 'WRONG_PERSON');
    assert.equal(checkSignerIdentity({ ...SIGNER, subjectSerialNumber: '3111923464' }, EXPECTED)?.code, 'WRONG_PERSON');
  });

  it('no serialNumber in the certificate → WRONG_PERSON', () => {
    const problem = checkSignerIdentity({ ...SIGNER, subjectSerialNumber: null }, EXPECTED);
    assert.equal(problem?.code, 'WRONG_PERSON');
    assert.equal(problem?.detail.signer, 'Коваленко Олена Петрівна');
    assert.equal(checkSignerIdentity({ ...SIGNER, subjectSerialNumber: '' }, EXPECTED)?.code, 'WRONG_PERSON');
  });

  it('another organization → WRONG_ORGANIZATION, but only when the ЄДРПОУ is expected', () => {
    const elsewhere = { ...SIGNER, organizationIdentifier: 'NTRUA-38765432' };
    assert.deepEqual(checkSignerIdentity(elsewhere, EXPECTED), { code: 'WRONG_ORGANIZATION', detail: { actual: 'NTRUA-38765432' } });
    assert.equal(checkSignerIdentity(elsewhere, { ...EXPECTED, edrpou: null }), null);
  });

  it('no organizationIdentifier → WRONG_ORGANIZATION when the ЄДРПОУ is expected, fine otherwise', () => {
    const noOrg = { ...SIGNER, organizationIdentifier: null };
    assert.deepEqual(checkSignerIdentity(noOrg, EXPECTED), { code: 'WRONG_ORGANIZATION', detail: { actual: 'без коду ЄДРПОУ' } });
    assert.equal(checkSignerIdentity(noOrg, { ...EXPECTED, edrpou: null }), null);
  });

  it('the person is checked before the organization', () => {
    const problem = checkSignerIdentity({ signerName: 'X', subjectSerialNumber: 'TINUA-1', organizationIdentifier: 'NTRUA-2' }, EXPECTED);
    assert.equal(problem?.code, 'WRONG_PERSON');
  });
});

describe('signatureFailureMessage', () => {
  it('every failure code has its own non-empty Ukrainian message', () => {
    const messages = SIGNATURE_FAILURE_CODES.map((code) => signatureFailureMessage(code));
    for (const [i, message] of messages.entries()) {
      assert.equal(typeof message, 'string', SIGNATURE_FAILURE_CODES[i]);
      assert.ok(message.trim().length > 10, `${SIGNATURE_FAILURE_CODES[i]}: "${message}"`);
      assert.match(message, /[а-яіїєґ]/i, `${SIGNATURE_FAILURE_CODES[i]} is in Ukrainian`);
      assert.doesNotMatch(message, /undefined|null|\$\{/, SIGNATURE_FAILURE_CODES[i]);
    }
    assert.equal(new Set(messages).size, messages.length, 'messages are distinct');
    assert.equal(new Set(SIGNATURE_FAILURE_CODES).size, SIGNATURE_FAILURE_CODES.length, 'codes are distinct');
  });

  it('fills in dates from the detail', () => {
    assert.match(signatureFailureMessage('CERTIFICATE_EXPIRED', { notAfter: '2025-03-11T09:00:00.000Z' }), /11\.03\.2025/);
    assert.match(signatureFailureMessage('CERTIFICATE_NOT_YET_VALID', { notBefore: '2025-03-13T09:00:00.000Z' }), /чинний з 13\.03\.2025/);
    assert.match(signatureFailureMessage('CERTIFICATE_REVOKED', { revokedAt: '2025-03-10T09:00:00.000Z' }), /10\.03\.2025/);
    assert.match(signatureFailureMessage('WRONG_ORGANIZATION', { actual: 'NTRUA-38765432' }), /\(NTRUA-38765432\)/);
  });

  it('without a detail the messages stay whole sentences', () => {
    assert.equal(signatureFailureMessage('CERTIFICATE_EXPIRED'), 'Строк дії сертифіката підписувача минув');
    assert.equal(signatureFailureMessage('CERTIFICATE_REVOKED'), 'Сертифікат підписувача відкликано');
    assert.match(signatureFailureMessage('WRONG_PERSON'), /особи із запиту$/);
  });
});

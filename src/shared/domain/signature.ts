import { sameSubjectSerial, subjectSerialNumber } from '../crypto/names';
import { formatDate } from './dates';

/** What is stored and shown about a checked signature. */
export type SignatureReport = {
  signerName: string;
  /** Subject serialNumber: `TINUA-<РНОКПП>` or `PASUA-<паспорт>`. */
  subjectSerialNumber: string | null;
  organizationName: string | null;
  /** Subject organizationIdentifier: `NTRUA-<ЄДРПОУ>`. */
  organizationIdentifier: string | null;
  certificateSerial: string;
  issuerName: string;
  notBefore: string;
  notAfter: string;
  signingTime: string | null;
  digestAlgorithm: string;
  signatureAlgorithm: string;
  format: 'CAdES-BES' | 'CMS';
  detached: boolean;
  contentSha256: string | null;
  verifiedAt: string;
};

export const SIGNATURE_FAILURE_CODES = [
  'MALFORMED',
  'NO_SIGNER',
  'NO_SIGNER_CERTIFICATE',
  'NO_CONTENT',
  'NO_SIGNED_ATTRIBUTES',
  'WEAK_ALGORITHM',
  'UNSUPPORTED_ALGORITHM',
  'BAD_SIGNATURE',
  'CONTENT_MISMATCH',
  'CERTIFICATE_MISMATCH',
  'SIGNING_TIME_IN_FUTURE',
  'CERTIFICATE_EXPIRED',
  'CERTIFICATE_NOT_YET_VALID',
  'CERTIFICATE_REVOKED',
  'KEY_USAGE',
  'UNTRUSTED_ISSUER',
  'WRONG_PERSON',
  'WRONG_ORGANIZATION',
] as const;
export type SignatureFailureCode = (typeof SIGNATURE_FAILURE_CODES)[number];

/** One Ukrainian message per reason a signature is refused; `detail` fills in dates and names. */
export function signatureFailureMessage(code: SignatureFailureCode, detail: Record<string, string> = {}): string {
  switch (code) {
    case 'MALFORMED':
      return 'Файл не є підписом CMS (.p7s) або пошкоджений';
    case 'NO_SIGNER':
      return 'У файлі підпису немає жодного підписувача';
    case 'NO_SIGNER_CERTIFICATE':
      return 'У підписі немає сертифіката підписувача: збережіть підпис разом із сертифікатом';
    case 'NO_CONTENT':
      return 'Підпис окремий (detached), а документ, який підписано, не надано';
    case 'NO_SIGNED_ATTRIBUTES':
      return 'У підписі немає підписаних атрибутів (геш документа, час підпису): потрібен підпис CAdES';
    case 'WEAK_ALGORITHM':
      return 'Підпис зроблено із застарілим або невідомим алгоритмом гешування (потрібен SHA-256 або стійкіший)';
    case 'UNSUPPORTED_ALGORITHM':
      return 'Алгоритм підпису не підтримується (підтримуються ECDSA та RSA)';
    case 'BAD_SIGNATURE':
      return 'Підпис недійсний: його не зроблено ключем із сертифіката або його пошкоджено';
    case 'CONTENT_MISMATCH':
      return 'Підписано інший документ: файл заяви змінено або це не та заява';
    case 'CERTIFICATE_MISMATCH':
      return 'Підпис прив’язано до іншого сертифіката, ніж той, що в ньому міститься';
    case 'SIGNING_TIME_IN_FUTURE':
      return 'Час підпису в майбутньому: перевірте годинник комп’ютера і підпишіть знову';
    case 'CERTIFICATE_EXPIRED':
      return `Строк дії сертифіката підписувача минув${detail.notAfter ? ` ${formatDate(detail.notAfter)}` : ''}`;
    case 'CERTIFICATE_NOT_YET_VALID':
      return `Сертифікат підписувача ще не чинний${detail.notBefore ? ` (чинний з ${formatDate(detail.notBefore)})` : ''}`;
    case 'CERTIFICATE_REVOKED':
      return `Сертифікат підписувача відкликано${detail.revokedAt ? ` ${formatDate(detail.revokedAt)}` : ''}`;
    case 'KEY_USAGE':
      return 'Сертифікат не призначений для електронного підпису';
    case 'UNTRUSTED_ISSUER':
      return 'Сертифікат видано надавачем, якого немає в переліку довірених';
    case 'WRONG_PERSON':
      return `Підписано ключем іншої особи${detail.signer ? ` (${detail.signer})` : ''}: потрібен чинний ключ ${detail.expected ?? 'особи із запиту'}`;
    case 'WRONG_ORGANIZATION':
      return `Сертифікат підписувача належить іншій організації${detail.actual ? ` (${detail.actual})` : ''}: для повторного формування потрібен ключ цієї організації`;
  }
}

export type SignerExpectation = {
  identityCode: string;
  identityKind: 'rnokpp' | 'passport';
  fullName: string;
  /** Where the request is a re-issue, the certificate must be of the same organization. */
  edrpou: string | null;
};

/**
 * Is the signer the request's person (subject serialNumber `TINUA-…`/`PASUA-…`, spaces and
 * case ignored) and, for a re-issue, of the same organization (`NTRUA-<ЄДРПОУ>`)?
 */
export function checkSignerIdentity(
  report: Pick<SignatureReport, 'subjectSerialNumber' | 'organizationIdentifier' | 'signerName'>,
  expected: SignerExpectation,
): { code: SignatureFailureCode; detail: Record<string, string> } | null {
  const wanted = subjectSerialNumber(expected.identityCode, expected.identityKind);
  if (!report.subjectSerialNumber || !sameSubjectSerial(report.subjectSerialNumber, wanted)) {
    return {
      code: 'WRONG_PERSON',
      detail: {
        signer: [report.signerName, report.subjectSerialNumber].filter(Boolean).join(', '),
        expected: `${expected.fullName}, ${wanted}`,
      },
    };
  }
  if (expected.edrpou) {
    const organization = `NTRUA-${expected.edrpou}`;
    if (!report.organizationIdentifier || !sameSubjectSerial(report.organizationIdentifier, organization)) {
      return { code: 'WRONG_ORGANIZATION', detail: { actual: report.organizationIdentifier ?? 'без коду ЄДРПОУ' } };
    }
  }
  return null;
}

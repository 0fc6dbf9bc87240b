import { z } from 'zod';
import { REVOCATION_REASON_CODES } from '../domain/issuance';
import { applicationDetailSchema, applicationStatusSchema } from './applications';
import { idSchema, isoDateSchema, isPlainText, PLAIN_TEXT_MESSAGE } from './common';
import { requestDetailSchema } from './requests';

/**
 * The operator's review and renewal (`/api/operator/…`): the inbox, one application with every
 * request's signature report and warnings, reject / return / accept, and the renewal's progress.
 */

function reasonField(missing: string, max: number) {
  return z.string({ error: missing }).trim().min(3, missing).max(max, `Не більше ${max} символів`).refine(isPlainText, PLAIN_TEXT_MESSAGE);
}

export const inboxQuerySchema = z.object({
  status: applicationStatusSchema.optional(),
  organizationId: idSchema.optional(),
  /** Sent on or after / before or on (Kyiv dates). */
  sentFrom: isoDateSchema.optional(),
  sentTo: isoDateSchema.optional(),
});
export type InboxQuery = z.infer<typeof inboxQuerySchema>;

export const inboxItemSchema = z.object({
  id: z.string(),
  number: z.string(),
  status: applicationStatusSchema,
  organization: z.object({ id: z.string(), name: z.string(), edrpou: z.string() }),
  sentAt: z.string().nullable(),
  renewalDate: z.string().nullable(),
  requestCount: z.number(),
  signedCount: z.number(),
  rejectedCount: z.number(),
  issuedCount: z.number(),
});
export type InboxItem = z.infer<typeof inboxItemSchema>;

export const inboxSchema = z.object({
  items: z.array(inboxItemSchema),
  /** Applications per status across the filters other than status (drafts are the ВО's and not counted). */
  counts: z.record(z.string(), z.number()),
});
export type Inbox = z.infer<typeof inboxSchema>;

export const REVIEW_WARNING_CODES = [
  'EXPIRES_BEFORE_RENEWAL',
  'DATA_CHANGED',
  'ADVANCED_ONLY',
  'REMOTE_LIMIT',
  'NO_CURRENT_CERTIFICATE',
] as const;
export const reviewWarningSchema = z.object({ code: z.enum(REVIEW_WARNING_CODES), message: z.string() });
export type ReviewWarning = z.infer<typeof reviewWarningSchema>;

export const issuedCertificateSchema = z.object({
  id: z.string(),
  serial: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  status: z.enum(['valid', 'revoked', 'blocked']),
  revokedAt: z.string().nullable(),
  revocationReason: z.number().nullable(),
});

export const requestReviewSchema = requestDetailSchema.extend({
  warnings: z.array(reviewWarningSchema),
  certificate: issuedCertificateSchema.nullable(),
});
export type RequestReview = z.infer<typeof requestReviewSchema>;

export const renewalProgressSchema = z.object({
  /** `none`: not accepted yet; `scheduled`: waits for its day (00:05 Kyiv); `running`; `done`. */
  state: z.enum(['none', 'scheduled', 'running', 'done']),
  runAt: z.string().nullable(),
  total: z.number(),
  issued: z.number(),
  failed: z.number(),
  pending: z.number(),
  failures: z.array(z.object({ requestId: z.string(), number: z.number(), fullName: z.string(), error: z.string(), attempts: z.number() })),
});
export type RenewalProgress = z.infer<typeof renewalProgressSchema>;

export const applicationReviewSchema = z.object({
  application: applicationDetailSchema,
  requests: z.array(requestReviewSchema),
  progress: renewalProgressSchema,
  /** Why it cannot be accepted yet (empty when it can). */
  acceptBlockers: z.array(z.string()),
});
export type ApplicationReview = z.infer<typeof applicationReviewSchema>;

export const rejectRequestBodySchema = z.object({ reason: reasonField('Вкажіть причину відхилення', 500) });
export type RejectRequestBody = z.input<typeof rejectRequestBodySchema>;

export const returnApplicationBodySchema = z.object({ comment: reasonField('Вкажіть, що виправити', 1000) });
export type ReturnApplicationBody = z.input<typeof returnApplicationBodySchema>;

export const acceptApplicationBodySchema = z.object({ renewalDate: isoDateSchema });
export type AcceptApplicationBody = z.input<typeof acceptApplicationBodySchema>;

export const revokeCertificateBodySchema = z.object({
  reasonCode: z
    .number({ error: 'Оберіть причину відкликання' })
    .refine((v) => (REVOCATION_REASON_CODES as number[]).includes(v), 'Оберіть причину відкликання зі списку'),
});
export type RevokeCertificateBody = z.input<typeof revokeCertificateBodySchema>;

/** The operator's registry view and the public directory of published certificates. */
export const certificateListQuerySchema = z.object({
  q: z.string().trim().max(100, 'Не більше 100 символів').refine(isPlainText, PLAIN_TEXT_MESSAGE).optional(),
  organizationId: idSchema.optional(),
  status: z.enum(['valid', 'revoked', 'blocked', 'expired']).optional(),
});

export const registryCertificateSchema = z.object({
  id: z.string(),
  serial: z.string(),
  holderName: z.string(),
  organization: z.object({ id: z.string(), name: z.string(), edrpou: z.string() }),
  notBefore: z.string(),
  notAfter: z.string(),
  status: z.enum(['valid', 'revoked', 'blocked', 'expired']),
  revokedAt: z.string().nullable(),
  revocationReason: z.number().nullable(),
  identification: z.enum(['in_person', 'remote']).nullable(),
  keyStorage: z.enum(['cloud', 'token', 'file']).nullable(),
  published: z.boolean(),
  requestId: z.string().nullable(),
  /** The certificate file (DER; `?format=pem` for PEM), for certificates this CA issued. */
  downloadUrl: z.string().nullable(),
});
export const registryListSchema = z.object({ items: z.array(registryCertificateSchema) });

/** What anyone may see of a published certificate: never a РНОКПП or passport number. */
export const publicCertificateSchema = z.object({
  serial: z.string(),
  holderName: z.string(),
  position: z.string().nullable(),
  organizationName: z.string(),
  edrpou: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  status: z.enum(['valid', 'revoked', 'blocked', 'expired']),
});
export type PublicCertificate = z.infer<typeof publicCertificateSchema>;
export const publicSearchQuerySchema = z.object({
  q: z
    .string({ error: 'Введіть щонайменше 3 символи' })
    .trim()
    .min(3, 'Введіть щонайменше 3 символи')
    .max(100, 'Не більше 100 символів')
    .refine(isPlainText, PLAIN_TEXT_MESSAGE),
});
export const publicSearchResultSchema = z.object({ items: z.array(publicCertificateSchema), truncated: z.boolean() });

/** `GET /api/public/ca`: the provider's CA certificates and CRL, for the public `/ca` page. */
const caFilesSchema = z.object({ der: z.string(), pem: z.string() });
export const caInfoSchema = z.object({
  certificates: z.array(
    z.object({
      name: z.string(),
      subject: z.string(),
      serial: z.string(),
      notBefore: z.string(),
      notAfter: z.string(),
      sha256: z.string(),
      files: caFilesSchema,
    }),
  ),
  crl: z.object({ thisUpdate: z.string(), nextUpdate: z.string().nullable(), revokedCount: z.number(), files: caFilesSchema }),
});
export type CaInfo = z.infer<typeof caInfoSchema>;

export const settingsSchema = z.object({
  remoteReissueLimit: z.number({ error: 'Вкажіть кількість' }).int('Ціле число').min(0, 'Від 0 до 5').max(5, 'Від 0 до 5'),
});
export type Settings = z.infer<typeof settingsSchema>;

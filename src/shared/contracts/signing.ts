import { z } from 'zod';
import { KEY_STORAGES } from './requests';
import { signatureReportSchema } from './signature';

export const SIGNING_STATES = ['awaiting_signature', 'signed', 'expired'] as const;
export type SigningState = (typeof SIGNING_STATES)[number];

/** The subject the new key's PKCS#10 request must carry (the page builds the CSR from it). */
export const employeeSubjectSchema = z.object({
  lastName: z.string(),
  firstAndMiddleName: z.string(),
  identityCode: z.string(),
  identityKind: z.enum(['rnokpp', 'passport']),
  organizationName: z.string(),
  edrpou: z.string(),
  position: z.string(),
  department: z.string(),
  locality: z.string(),
});

/** What the employee sees behind the link: `GET /api/signing/:token`. */
export const signingViewSchema = z.object({
  state: z.enum(SIGNING_STATES),
  signingId: z.string(),
  applicationNumber: z.string(),
  requestNumber: z.number(),
  organizationName: z.string(),
  edrpou: z.string(),
  fullName: z.string(),
  identityCode: z.string(),
  identityKind: z.enum(['rnokpp', 'passport']),
  position: z.string(),
  department: z.string(),
  email: z.string(),
  phone: z.string(),
  service: z.string(),
  keyStorage: z.enum(KEY_STORAGES),
  keyStorageLabel: z.string(),
  keyGrade: z.enum(['КЕП', 'УЕП']),
  isReissue: z.boolean(),
  expiresAt: z.string(),
  signedAt: z.string().nullable(),
  /** `generate`: a file key — the page makes the new key pair; `upload`: a token — the person uploads its PKCS#10; null: cloud. */
  newKey: z.enum(['generate', 'upload']).nullable(),
  csrSubject: employeeSubjectSchema,
  report: signatureReportSchema.nullable(),
});
export type SigningView = z.infer<typeof signingViewSchema>;

/** `POST /api/signing/:token` (multipart: `signature` — the .p7s; `csr` — PKCS#10 for file and token keys). */
export const signingResultSchema = z.object({
  state: z.literal('signed'),
  signedAt: z.string(),
  report: signatureReportSchema,
});
export type SigningResult = z.infer<typeof signingResultSchema>;

export const signingTokenParamsSchema = z.object({
  token: z.string().min(1).max(200),
});

import { z } from 'zod';

/** The verification report of a signature, as stored and shown (see `SignatureReport`). */
export const signatureReportSchema = z.object({
  signerName: z.string(),
  subjectSerialNumber: z.string().nullable(),
  organizationName: z.string().nullable(),
  organizationIdentifier: z.string().nullable(),
  certificateSerial: z.string(),
  issuerName: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  signingTime: z.string().nullable(),
  digestAlgorithm: z.string(),
  signatureAlgorithm: z.string(),
  format: z.enum(['CAdES-BES', 'CMS']),
  detached: z.boolean(),
  contentSha256: z.string().nullable(),
  verifiedAt: z.string(),
});
export type SignatureReportDto = z.infer<typeof signatureReportSchema>;

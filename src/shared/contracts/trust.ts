import { z } from 'zod';

/** A CA certificate the system trusts for signatures (`/api/trusted-cas`, operator only). */
export const trustedCaSchema = z.object({
  id: z.string(),
  subject: z.string(),
  issuer: z.string(),
  serial: z.string(),
  fingerprint: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  source: z.enum(['provider', 'imported']),
  createdAt: z.string(),
});
export type TrustedCa = z.infer<typeof trustedCaSchema>;

export const trustedCaImportResultSchema = z.object({
  added: z.array(trustedCaSchema),
  /** Certificates of the bundle that were trusted already. */
  alreadyTrusted: z.number(),
});

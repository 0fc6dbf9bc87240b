import { z } from 'zod';
import { signatureReportSchema } from './signature';

/** Which slot a document fills; the labels are the guide's. */
export const APPLICATION_DOCUMENT_KINDS = ['employee_list', 'kdp_application'] as const;
export const REQUEST_DOCUMENT_KINDS = ['passport_copy', 'tax_id_copy', 'signed_statement'] as const;
export const DOCUMENT_KINDS = [...APPLICATION_DOCUMENT_KINDS, ...REQUEST_DOCUMENT_KINDS] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export type ApplicationDocumentKind = (typeof APPLICATION_DOCUMENT_KINDS)[number];
/** The ВО uploads these on a request; `signed_statement` only arrives through signing. */
export const REQUEST_UPLOAD_KINDS = ['passport_copy', 'tax_id_copy'] as const;
export type RequestUploadKind = (typeof REQUEST_UPLOAD_KINDS)[number];

export const documentKindLabel: Record<DocumentKind, string> = {
  employee_list: 'Довідка про співробітників',
  kdp_application: 'Електронна версія заявки на КДП',
  passport_copy: 'Завірена копія Паспорту',
  tax_id_copy: 'Завірена копія ІПН',
  signed_statement: 'Заявка',
};

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

export const documentSchema = z.object({
  id: z.string(),
  kind: z.enum(DOCUMENT_KINDS),
  fileName: z.string(),
  mediaType: z.string(),
  size: z.number(),
  sha256: z.string(),
  createdAt: z.string(),
  /** The verified signature over this document (the signed statement, the signed `Електронна версія заявки на КДП`). */
  signature: signatureReportSchema.nullable(),
  /** Whether the `.p7s` can be downloaded at `/api/documents/:id/signature.p7s`. */
  hasSignatureFile: z.boolean(),
});
export type DocumentInfo = z.infer<typeof documentSchema>;

export const applicationDocumentParamsSchema = z.object({
  id: z.uuid({ error: 'Невірний ідентифікатор' }),
  kind: z.enum(APPLICATION_DOCUMENT_KINDS, { error: 'Невідомий тип документа' }),
});
export const requestDocumentParamsSchema = z.object({
  id: z.uuid({ error: 'Невірний ідентифікатор' }),
  kind: z.enum(REQUEST_UPLOAD_KINDS, { error: 'Невідомий тип документа' }),
});

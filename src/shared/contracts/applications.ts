import { z } from 'zod';
import { APPLICATION_STATUSES, REQUEST_STATUSES } from '../domain/status';
import { idSchema, isoDateSchema, isPlainText, PLAIN_TEXT_MESSAGE } from './common';
import { documentSchema } from './documents';
import { KEY_STORAGES } from './requests';

export const applicationStatusSchema = z.enum(APPLICATION_STATUSES);

const applicationFields = {
  contractId: idSchema.describe('Контракт організації'),
  visitRequired: z.boolean().default(false),
  visitDate: isoDateSchema.nullable().default(null),
};

function visitDateRule(v: { visitRequired: boolean; visitDate: string | null }, ctx: z.RefinementCtx) {
  if (v.visitRequired && !v.visitDate) {
    ctx.addIssue({ code: 'custom', path: ['visitDate'], message: 'Вкажіть дату виїзду' });
  }
}

export const createApplicationBodySchema = z
  .object({ organizationId: idSchema.describe('Організація'), ...applicationFields })
  .superRefine(visitDateRule);
export type CreateApplicationBody = z.input<typeof createApplicationBodySchema>;

export const updateApplicationBodySchema = z
  .object({ ...applicationFields, renewalDate: isoDateSchema.nullable().default(null) })
  .superRefine(visitDateRule);
export type UpdateApplicationBody = z.input<typeof updateApplicationBodySchema>;

export const submitApplicationBodySchema = z.object({
  renewalDate: isoDateSchema,
});
export type SubmitApplicationBody = z.infer<typeof submitApplicationBodySchema>;

export const applicationListQuerySchema = z.object({
  status: applicationStatusSchema.optional(),
  organizationId: idSchema.optional(),
  createdFrom: isoDateSchema.optional(),
  createdTo: isoDateSchema.optional(),
  number: z.string().max(20).refine(isPlainText, PLAIN_TEXT_MESSAGE).optional(),
});
export type ApplicationListQuery = z.infer<typeof applicationListQuerySchema>;

export const applicationSummarySchema = z.object({
  id: z.string(),
  number: z.string(),
  status: applicationStatusSchema,
  createdAt: z.string(),
  visitDate: z.string().nullable(),
  renewalDate: z.string().nullable(),
  organization: z.object({ id: z.string(), name: z.string() }),
  requestCount: z.number(),
});
export type ApplicationSummary = z.infer<typeof applicationSummarySchema>;
export const applicationListSchema = z.object({ items: z.array(applicationSummarySchema) });

export const requestSummarySchema = z.object({
  id: z.string(),
  number: z.number(),
  createdAt: z.string(),
  fullName: z.string(),
  identityCode: z.string(),
  status: z.enum(REQUEST_STATUSES),
  keyStorage: z.enum(KEY_STORAGES),
  isReissue: z.boolean(),
  rejectionReason: z.string().nullable(),
  currentCertificate: z.object({ serial: z.string(), notAfter: z.string(), status: z.string() }).nullable(),
  renewalWarning: z.object({ level: z.enum(['ok', 'warning', 'error']), message: z.string().nullable() }).nullable(),
});
export type RequestSummary = z.infer<typeof requestSummarySchema>;

export const applicationDetailSchema = z.object({
  id: z.string(),
  number: z.string(),
  status: applicationStatusSchema,
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  visitRequired: z.boolean(),
  visitDate: z.string().nullable(),
  renewalDate: z.string().nullable(),
  reworkComment: z.string().nullable(),
  organization: z.object({ id: z.string(), name: z.string(), edrpou: z.string() }),
  contract: z.object({
    id: z.string(),
    number: z.string(),
    signedOn: z.string(),
    quantity: z.number(),
    usedQuantity: z.number(),
  }),
  documents: z.array(documentSchema),
  requests: z.array(requestSummarySchema),
  canEdit: z.boolean(),
});
export type ApplicationDetail = z.infer<typeof applicationDetailSchema>;

export const submitRefusalSchema = z.object({ reasons: z.array(z.string()) });

import { z } from 'zod';
import { idSchema, isoDateSchema, isPlainText, PLAIN_TEXT_MESSAGE } from './common';

/** Most entries a page of `/api/audit` returns, and a CSV export. */
export const AUDIT_PAGE_MAX = 200;
export const AUDIT_CSV_MAX_ROWS = 50_000;

/**
 * A bound of the period: a calendar day (`2026-12-07`, a whole day in Kyiv time) or an instant
 * with its offset (`2026-12-07T10:00:00+02:00`). Both bounds are inclusive.
 */
const periodBoundSchema = z.union([isoDateSchema, z.iso.datetime({ offset: true, error: 'Дата РРРР-ММ-ДД або час ISO 8601' })]);

const auditFilterFields = {
  event: z
    .string()
    .max(64)
    .regex(/^[A-Z][A-Z0-9_]*$/, 'Назва події великими латинськими літерами, напр. USER_LOGGED_IN')
    .optional(),
  entityType: z
    .string()
    .max(64)
    .regex(/^[a-z][a-z0-9_]*$/, 'Тип об’єкта малими латинськими літерами, напр. application')
    .optional(),
  entityId: z.string().min(1).max(200).refine(isPlainText, PLAIN_TEXT_MESSAGE).optional(),
  actorUserId: idSchema.optional(),
  organizationId: idSchema.optional(),
  from: periodBoundSchema.optional(),
  to: periodBoundSchema.optional(),
};

/** `GET /api/audit.csv`: the same filters as the list, newest first, up to 50 000 rows. */
export const auditCsvQuerySchema = z.object(auditFilterFields);
export type AuditCsvQuery = z.infer<typeof auditCsvQuerySchema>;

/** `GET /api/audit`: newest first; the next page is `before=<nextBefore>`. */
export const auditListQuerySchema = z.object({
  ...auditFilterFields,
  before: z
    .string()
    .regex(/^[1-9]\d{0,17}$/, 'Номер запису журналу')
    .optional(),
  limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).default(50),
});
export type AuditListQuery = z.infer<typeof auditListQuerySchema>;

export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  event: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  organizationId: z.string().nullable(),
  actorUserId: z.string().nullable(),
  /** The actor's full name today (null for the system or a deleted user). */
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  hash: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditPageSchema = z.object({
  items: z.array(auditEntrySchema),
  /** Pass as `before` for the next (older) page; null on the last one. */
  nextBefore: z.string().nullable(),
});
export type AuditPage = z.infer<typeof auditPageSchema>;

/** `GET /api/audit/verify`: the hash chain recomputed from the first entry. */
export const auditChainCheckSchema = z.object({
  ok: z.boolean(),
  /** Entries found intact from the first one (all of them when ok). */
  checked: z.number(),
  /** The first entry that was changed, removed after, or inserted out of the chain. */
  firstBrokenId: z.string().nullable(),
  /** The last intact entry and its hash: noted elsewhere, it also reveals a cut-off tail later. */
  lastId: z.string().nullable(),
  lastHash: z.string().nullable(),
});
export type AuditChainCheckResult = z.infer<typeof auditChainCheckSchema>;

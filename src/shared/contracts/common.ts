import { z } from 'zod';
import { isValidIsoDate } from '../domain/dates';

// zod's own messages (wrong type, unknown enum value…) in Ukrainian, for the API and the forms alike.
z.config(z.locales.uk());

/** Dates travel as ISO calendar dates; the UI shows them as ДД.ММ.РРРР. */
export const isoDateSchema = z
  .string({ error: 'Вкажіть дату' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Дата має бути у форматі ДД.ММ.РРРР')
  .refine(isValidIsoDate, 'Такої дати не існує');

// PostgreSQL cannot store NUL in text (the insert fails), and control characters or broken UTF-16
// (a lone surrogate) have no place in a certificate subject or a search: refused, not cleaned.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const PLAIN_TEXT = /^[^\u0000-\u001F\u007F\uD800-\uDFFF]*$/u;

/** Free text without control characters and with well-formed Unicode. */
export function isPlainText(value: string): boolean {
  return PLAIN_TEXT.test(value);
}
export const PLAIN_TEXT_MESSAGE = 'Текст містить недопустимі символи';

export const idSchema = z.uuid({ error: 'Невірний ідентифікатор' });
export const idParamsSchema = z.object({ id: idSchema });

/** RFC 9457 problem details, as every error response is shaped. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.string().optional(),
  code: z.string(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  reasons: z.array(z.string()).optional(),
  signature: z.object({ reason: z.string(), report: z.unknown() }).optional(),
});
export type Problem = z.infer<typeof problemSchema>;

export const okSchema = z.object({ ok: z.literal(true) });

import { z } from 'zod';
import { isValidEdrpou } from '../domain/edrpou';
import { isValidEmail, isValidPersonName, normalizePersonName } from '../domain/names';
import { phoneSchema, roleSchema } from './auth';
import { idSchema, isoDateSchema, isPlainText, PLAIN_TEXT_MESSAGE } from './common';
import { contractSchema, serviceSchema } from './organizations';

/**
 * The operator's back office (`/api/admin/…`): organizations, contracts, services and ВО
 * accounts. The same schemas validate the API and the operator's forms.
 */

function textField(missing: string, max: number) {
  return z.string({ error: missing }).trim().min(1, missing).max(max, `Не більше ${max} символів`).refine(isPlainText, PLAIN_TEXT_MESSAGE);
}

/** A search box: optional, trimmed, an empty string means no filter. */
const searchSchema = z
  .string()
  .trim()
  .max(100, 'Не більше 100 символів')
  .refine(isPlainText, PLAIN_TEXT_MESSAGE)
  .optional()
  .transform((v) => (v ? v : undefined));

// --- Organizations -----------------------------------------------------------------------------

export const edrpouSchema = z
  .string({ error: 'Вкажіть код ЄДРПОУ' })
  .trim()
  .min(1, 'Вкажіть код ЄДРПОУ')
  .refine((v) => /^\d{8}$/.test(v), 'Код ЄДРПОУ має містити 8 цифр')
  .refine((v) => !/^\d{8}$/.test(v) || isValidEdrpou(v), 'Невірна контрольна цифра коду ЄДРПОУ');

const organizationNameSchema = textField('Вкажіть назву організації', 300);

export const createOrganizationBodySchema = z.object({
  name: organizationNameSchema,
  edrpou: edrpouSchema,
});
export type CreateOrganizationBody = z.input<typeof createOrganizationBodySchema>;
export type CreateOrganizationData = z.output<typeof createOrganizationBodySchema>;

/** The ЄДРПОУ is not editable: it is in every certificate issued for the organization. */
export const updateOrganizationBodySchema = z.object({ name: organizationNameSchema });
export type UpdateOrganizationBody = z.input<typeof updateOrganizationBodySchema>;
export type UpdateOrganizationData = z.output<typeof updateOrganizationBodySchema>;

export const organizationSearchQuerySchema = z.object({ q: searchSchema });
export type OrganizationSearchQuery = z.output<typeof organizationSearchQuerySchema>;

export const adminOrganizationSchema = z.object({
  id: z.string(),
  name: z.string(),
  edrpou: z.string(),
  createdAt: z.string(),
  /** Every contract, in force or not, newest first. */
  contracts: z.array(contractSchema),
  responsiblePersonCount: z.number(),
});
export type AdminOrganization = z.infer<typeof adminOrganizationSchema>;
export const adminOrganizationListSchema = z.object({ items: z.array(adminOrganizationSchema) });

// --- Services ----------------------------------------------------------------------------------

export const createServiceBodySchema = z.object({
  name: textField('Вкажіть назву послуги', 300),
  validityMonths: z
    .number({ error: 'Вкажіть строк дії сертифіката в місяцях' })
    .int('Строк дії — ціла кількість місяців')
    .min(1, 'Строк дії — від 1 до 60 місяців')
    .max(60, 'Строк дії — від 1 до 60 місяців'),
});
export type CreateServiceBody = z.input<typeof createServiceBodySchema>;
export type CreateServiceData = z.output<typeof createServiceBodySchema>;
export const serviceListSchema = z.object({ items: z.array(serviceSchema) });

// --- Contracts ---------------------------------------------------------------------------------

const contractFields = {
  number: textField('Вкажіть номер договору', 100),
  signedOn: isoDateSchema,
  quantity: z
    .number({ error: 'Вкажіть кількість сертифікатів за договором' })
    .int('Кількість — ціле число')
    .min(1, 'Кількість — щонайменше 1')
    .max(1_000_000, 'Кількість — не більше 1 000 000'),
  validFrom: isoDateSchema,
  validTo: isoDateSchema.nullable().default(null),
  serviceIds: z
    .array(idSchema, { error: 'Оберіть послуги договору' })
    .min(1, 'Оберіть щонайменше одну послугу')
    .max(50, 'Забагато послуг')
    .transform((ids) => [...new Set(ids)]),
};

function validToAfterValidFrom(v: { validFrom: string; validTo: string | null }) {
  return v.validTo === null || v.validTo >= v.validFrom;
}
const VALID_TO_MESSAGE = { path: ['validTo'], message: 'Дата закінчення дії не може бути раніше дати початку' };

export const createContractBodySchema = z.object(contractFields).refine(validToAfterValidFrom, VALID_TO_MESSAGE);
export type CreateContractBody = z.input<typeof createContractBodySchema>;
export type CreateContractData = z.output<typeof createContractBodySchema>;

export const updateContractBodySchema = z
  .object({ ...contractFields, isActive: z.boolean({ error: 'Вкажіть, чи діє договір' }) })
  .refine(validToAfterValidFrom, VALID_TO_MESSAGE);
export type UpdateContractBody = z.input<typeof updateContractBodySchema>;
export type UpdateContractData = z.output<typeof updateContractBodySchema>;

export const adminContractSchema = contractSchema.extend({ organizationId: z.string() });
export type AdminContract = z.infer<typeof adminContractSchema>;

// --- ВО accounts -------------------------------------------------------------------------------

export const emailSchema = z
  .string({ error: 'Вкажіть email' })
  .trim()
  .min(1, 'Вкажіть email')
  .refine(isValidEmail, 'Невірний формат email');

export const fullNameSchema = z
  .string({ error: 'Вкажіть ПІБ' })
  .transform(normalizePersonName)
  .refine((v) => v.length > 0, 'Вкажіть ПІБ')
  .refine((v) => v.length <= 100, 'Не більше 100 символів')
  .refine((v) => v.length === 0 || v.length > 100 || isValidPersonName(v), 'Лише українські літери, апостроф, дефіс і пробіл');

const organizationIdsSchema = z
  .array(idSchema, { error: 'Оберіть організації' })
  .min(1, 'Оберіть щонайменше одну організацію')
  .max(100, 'Забагато організацій')
  .transform((ids) => [...new Set(ids)]);

export const createUserBodySchema = z.object({
  phone: phoneSchema,
  email: emailSchema,
  fullName: fullNameSchema,
  organizationIds: organizationIdsSchema,
});
export type CreateUserBody = z.input<typeof createUserBodySchema>;
export type CreateUserData = z.output<typeof createUserBodySchema>;

/** The phone is the login and stays; a new phone means a new account. */
export const updateUserBodySchema = z.object({
  email: emailSchema,
  fullName: fullNameSchema,
  organizationIds: organizationIdsSchema,
});
export type UpdateUserBody = z.input<typeof updateUserBodySchema>;
export type UpdateUserData = z.output<typeof updateUserBodySchema>;

export const userSearchQuerySchema = z.object({
  organizationId: idSchema.optional(),
  /** Name, e-mail or phone (any way of writing it). */
  q: searchSchema,
});
export type UserSearchQuery = z.output<typeof userSearchQuerySchema>;

export const adminUserSchema = z.object({
  id: z.string(),
  role: roleSchema,
  phone: z.string(),
  email: z.string(),
  fullName: z.string(),
  isBlocked: z.boolean(),
  /** Whether the person has set a password (accepted an invitation). */
  hasPassword: z.boolean(),
  organizations: z.array(z.object({ id: z.string(), name: z.string(), edrpou: z.string() })),
  /** Until when the latest unused invitation can be accepted; null when none is pending. */
  invitationPendingUntil: z.string().nullable(),
  createdAt: z.string(),
});
export type AdminUser = z.infer<typeof adminUserSchema>;
export const adminUserListSchema = z.object({ items: z.array(adminUserSchema) });

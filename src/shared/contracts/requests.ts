import { z } from 'zod';
import { isValidEmail, isValidPersonName } from '../domain/names';
import { normalizePhone } from '../domain/phone';
import { identityKind, normalizeIdentityCode } from '../domain/rnokpp';
import { REQUEST_STATUSES } from '../domain/status';
import { idSchema, isPlainText, PLAIN_TEXT_MESSAGE } from './common';
import { documentSchema } from './documents';

export const KEY_STORAGES = ['cloud', 'token', 'file'] as const;
export type KeyStorage = (typeof KEY_STORAGES)[number];
export const keyStorageLabel: Record<KeyStorage, string> = {
  cloud: 'На захищеному «хмарному» середовищі',
  token: 'На захищеному носії',
  file: 'Файловий ключ - незахищений носій',
};
/** Key storage decides the grade: a file key yields only an advanced signature (УЕП). */
export const keyGrade: Record<KeyStorage, 'КЕП' | 'УЕП'> = { cloud: 'КЕП', token: 'КЕП', file: 'УЕП' };

export const REGIONS = [
  'Вінницька',
  'Волинська',
  'Дніпропетровська',
  'Донецька',
  'Житомирська',
  'Закарпатська',
  'Запорізька',
  'Івано-Франківська',
  'Київська',
  'Кіровоградська',
  'Луганська',
  'Львівська',
  'Миколаївська',
  'Одеська',
  'Полтавська',
  'Рівненська',
  'Сумська',
  'Тернопільська',
  'Харківська',
  'Херсонська',
  'Хмельницька',
  'Черкаська',
  'Чернівецька',
  'Чернігівська',
  'м.Київ',
  'м.Севастополь',
  'АР Крим',
] as const;

export const identityCodeSchema = z
  .string({ error: 'Вкажіть РНОКПП або серію та номер паспорта' })
  .transform((v) => normalizeIdentityCode(v))
  .refine((v) => v.length > 0, 'Вкажіть РНОКПП або серію та номер паспорта')
  .refine(
    (v) => v.length === 0 || identityKind(v) !== null,
    'РНОКПП має містити 10 цифр із правильною контрольною цифрою; паспорт — 2 літери і 6 цифр або 9 цифр',
  );

function nameField(label: string) {
  return z
    .string({ error: `Вкажіть ${label}` })
    .trim()
    .min(1, `Вкажіть ${label}`)
    .max(100, 'Не більше 100 символів')
    .refine(isValidPersonName, 'Лише українські літери, апостроф, дефіс і пробіл');
}

function textField(label: string, max = 200) {
  return z
    .string({ error: `Вкажіть ${label}` })
    .trim()
    .min(1, `Вкажіть ${label}`)
    .max(max, `Не більше ${max} символів`)
    .refine(isPlainText, PLAIN_TEXT_MESSAGE);
}

export const certificateRequestBodySchema = z.object({
  identityCode: identityCodeSchema,
  isReissue: z.boolean().default(false),
  lastName: nameField('прізвище'),
  firstAndMiddleName: nameField("ім'я та по батькові"),
  phone: z
    .string({ error: 'Вкажіть номер телефону' })
    .trim()
    .min(1, 'Вкажіть номер телефону')
    .transform((v, ctx) => {
      const p = normalizePhone(v);
      if (!p) {
        ctx.addIssue({ code: 'custom', message: 'Номер телефону має бути у форматі +380XXXXXXXXX' });
        return z.NEVER;
      }
      return p;
    }),
  locality: textField('населений пункт', 100),
  region: z.enum(REGIONS, { error: 'Оберіть область' }),
  otherDocument: z
    .string()
    .trim()
    .max(200, 'Не більше 200 символів')
    .refine(isPlainText, PLAIN_TEXT_MESSAGE)
    .nullable()
    .default(null)
    .transform((v) => (v ? v : null)),
  department: textField('підрозділ', 300),
  position: textField('посаду', 200),
  email: z.string({ error: 'Вкажіть email' }).trim().min(1, 'Вкажіть email').refine(isValidEmail, 'Невірний формат email'),
  serviceId: z.uuid({ error: 'Оберіть послугу' }),
  keyStorage: z.enum(KEY_STORAGES, { error: 'Оберіть місце збереження ключа' }),
  publishConsent: z.boolean().default(false),
});
export type CertificateRequestBody = z.input<typeof certificateRequestBodySchema>;
export type CertificateRequestData = z.output<typeof certificateRequestBodySchema>;

export const requestDetailSchema = z.object({
  id: z.string(),
  applicationId: z.string(),
  applicationNumber: z.string(),
  applicationStatus: z.string(),
  number: z.number(),
  status: z.enum(REQUEST_STATUSES),
  createdAt: z.string(),
  identityCode: z.string(),
  isReissue: z.boolean(),
  lastName: z.string(),
  firstAndMiddleName: z.string(),
  phone: z.string(),
  locality: z.string(),
  region: z.string(),
  otherDocument: z.string().nullable(),
  department: z.string(),
  position: z.string(),
  email: z.string(),
  serviceId: z.string(),
  keyStorage: z.enum(KEY_STORAGES),
  publishConsent: z.boolean(),
  rejectionReason: z.string().nullable(),
  signing: z.object({ signingId: z.string(), link: z.string().nullable(), expiresAt: z.string(), sentAt: z.string() }).nullable(),
  signedAt: z.string().nullable(),
  /** The last refused signing attempt while the request waits for the signature. */
  lastSigningFailure: z.object({ at: z.string(), message: z.string() }).nullable(),
  /** When the PKCS#10 request for the new key (file key, token) arrived with the signature. */
  csrSubmittedAt: z.string().nullable(),
  /** The certificate the renewal issued (`Сертифікат сформовано`), downloadable by the ВО. */
  issuedCertificate: z
    .object({ serial: z.string(), notBefore: z.string(), notAfter: z.string(), status: z.string(), downloadUrl: z.string() })
    .nullable(),
  documents: z.array(documentSchema),
  canEdit: z.boolean(),
});
export type RequestDetail = z.infer<typeof requestDetailSchema>;

export const personLookupQuerySchema = z.object({
  organizationId: idSchema,
  code: identityCodeSchema,
});

export const personLookupResponseSchema = z.object({
  found: z.boolean(),
  person: z
    .object({
      fullName: z.string(),
      lastName: z.string(),
      firstAndMiddleName: z.string(),
      phone: z.string(),
      email: z.string(),
      locality: z.string(),
      region: z.string(),
      department: z.string(),
      position: z.string(),
      currentCertificate: z.object({ serial: z.string(), notAfter: z.string(), status: z.string() }).nullable(),
      isReissueDefault: z.boolean(),
    })
    .nullable(),
  warnings: z.array(z.string()),
});
export type PersonLookupResponse = z.infer<typeof personLookupResponseSchema>;

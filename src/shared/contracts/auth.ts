import { z } from 'zod';
import { normalizePhone } from '../domain/phone';

export const phoneSchema = z
  .string({ error: 'Вкажіть номер телефону' })
  .trim()
  .min(1, 'Вкажіть номер телефону')
  .transform((value, ctx) => {
    const phone = normalizePhone(value);
    if (!phone) {
      ctx.addIssue({ code: 'custom', message: 'Номер телефону має бути у форматі +380XXXXXXXXX' });
      return z.NEVER;
    }
    return phone;
  });

export const loginBodySchema = z.object({
  phone: phoneSchema,
  password: z.string({ error: 'Вкажіть пароль' }).min(1, 'Вкажіть пароль').max(200, 'Пароль задовгий'),
});
export type LoginBody = z.input<typeof loginBodySchema>;

export const ROLES = ['responsible_person', 'operator'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const sessionUserSchema = z.object({
  id: z.string(),
  phone: z.string(),
  fullName: z.string(),
  email: z.string(),
  role: roleSchema,
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const sessionResponseSchema = z.object({
  user: sessionUserSchema,
  csrfToken: z.string(),
});
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

export const passwordSchema = z
  .string({ error: 'Вкажіть пароль' })
  .min(8, 'Пароль має містити щонайменше 8 символів')
  .max(200, 'Пароль задовгий');

export const acceptInvitationBodySchema = z
  .object({
    password: passwordSchema,
    passwordConfirmation: z.string({ error: 'Повторіть пароль' }),
  })
  .refine((v) => v.password === v.passwordConfirmation, {
    path: ['passwordConfirmation'],
    message: 'Паролі не збігаються',
  });
export type AcceptInvitationBody = z.infer<typeof acceptInvitationBodySchema>;

export const invitationInfoSchema = z.object({
  fullName: z.string(),
  phone: z.string(),
  expiresAt: z.string(),
});

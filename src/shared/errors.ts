/**
 * Error codes shared by the server and the web client. The server turns an AppError into
 * RFC 9457 problem+json; the client reads `code`, `errors[].field` and `reasons`.
 */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  CSRF_FAILED: 403,
  FORBIDDEN: 403,
  ACCOUNT_BLOCKED: 403,
  NOT_FOUND: 404,
  INVALID_STATE: 409,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNSUPPORTED_CONTENT_TYPE: 415,
  SUBMIT_REFUSED: 422,
  QUOTA_EXCEEDED: 422,
  SIGNATURE_REFUSED: 422,
  LINK_EXPIRED: 410,
  RATE_LIMITED: 429,
  INTERNAL: 500,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export const ERROR_TITLE: Record<ErrorCode, string> = {
  VALIDATION_FAILED: 'Перевірте введені дані',
  UNAUTHENTICATED: 'Потрібно увійти до кабінету',
  INVALID_CREDENTIALS: 'Невірний номер телефону або пароль',
  CSRF_FAILED: 'Сторінка застаріла: оновіть її та спробуйте ще раз',
  FORBIDDEN: 'Недостатньо прав',
  ACCOUNT_BLOCKED: 'Обліковий запис заблоковано',
  NOT_FOUND: 'Не знайдено',
  INVALID_STATE: 'Дія неможлива в поточному статусі',
  CONFLICT: 'Конфлікт даних',
  PAYLOAD_TOO_LARGE: 'Файл завеликий (не більше 10 МБ)',
  UNSUPPORTED_MEDIA_TYPE: 'Непідтримуваний тип файлу',
  UNSUPPORTED_CONTENT_TYPE: 'Непідтримуваний формат запиту',
  SUBMIT_REFUSED: 'Заявку не можна відправити',
  QUOTA_EXCEEDED: 'Перевищено кількість за договором',
  SIGNATURE_REFUSED: 'Підпис не прийнято',
  LINK_EXPIRED: 'Термін дії посилання минув',
  RATE_LIMITED: 'Забагато спроб. Спробуйте пізніше',
  INTERNAL: 'Внутрішня помилка сервера',
};

export type FieldError = { field: string; message: string };

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly errors?: FieldError[];
  readonly reasons?: string[];
  /** Why a signature was refused (a `SignatureFailureCode`) and what was found in it. */
  readonly signature?: { reason: string; report: unknown };
  constructor(
    code: ErrorCode,
    message?: string,
    extra: { errors?: FieldError[]; reasons?: string[]; signature?: { reason: string; report: unknown } } = {},
  ) {
    super(message ?? ERROR_TITLE[code]);
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.errors = extra.errors;
    this.reasons = extra.reasons;
    this.signature = extra.signature;
  }
}

export function fieldError(field: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', message, { errors: [{ field, message }] });
}

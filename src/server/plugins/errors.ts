import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, ERROR_STATUS, ERROR_TITLE, type ErrorCode, type FieldError } from '../../shared/errors';

export function sendProblem(
  reply: FastifyReply,
  code: ErrorCode,
  detail?: string,
  extra: { errors?: FieldError[]; reasons?: string[]; signature?: { reason: string; report: unknown }; status?: number } = {},
): FastifyReply {
  const status = extra.status ?? ERROR_STATUS[code];
  return reply
    .code(status)
    .type('application/problem+json; charset=utf-8')
    .send({
      type: `about:blank#${code.toLowerCase()}`,
      title: ERROR_TITLE[code],
      status,
      code,
      ...(detail ? { detail } : {}),
      ...(extra.errors ? { errors: extra.errors } : {}),
      ...(extra.reasons ? { reasons: extra.reasons } : {}),
      ...(extra.signature ? { signature: extra.signature } : {}),
    });
}

/**
 * The one place where errors become responses: RFC 9457 problem+json naming the offending
 * fields. A 5xx never shows its message or stack; it is logged instead.
 */
export function registerErrorHandler(app: FastifyInstance, options: { serveSpa?: boolean } = {}): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      return sendProblem(reply, error.code, error.message, { errors: error.errors, reasons: error.reasons, signature: error.signature });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors = error.validation.map((v) => ({
        field: v.instancePath.replace(/^\//, '').replace(/\//g, '.') || String(error.validationContext ?? ''),
        message: v.message ?? 'Невірне значення',
      }));
      return sendProblem(reply, 'VALIDATION_FAILED', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });
    }
    if (error.statusCode === 429) return sendProblem(reply, 'RATE_LIMITED');
    if (error.code === 'FST_PARTS_LIMIT' || error.code === 'FST_FILES_LIMIT' || error.code === 'FST_FIELDS_LIMIT') {
      const message = 'Надішліть один файл у полі file';
      return sendProblem(reply, 'VALIDATION_FAILED', message, { errors: [{ field: 'file', message }] });
    }
    if (error.code === 'FST_REQ_FILE_TOO_LARGE' || error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || error.statusCode === 413) {
      return sendProblem(reply, 'PAYLOAD_TOO_LARGE');
    }
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || error.statusCode === 415) {
      return sendProblem(reply, 'UNSUPPORTED_CONTENT_TYPE', 'Надсилайте дані як application/json (файли — як multipart/form-data)');
    }
    if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError) {
      return sendProblem(reply, 'VALIDATION_FAILED', 'Тіло запиту не є коректним JSON', {
        errors: [{ field: 'body', message: 'Некоректний JSON' }],
      });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendProblem(reply, 'VALIDATION_FAILED', error.message, { status: error.statusCode });
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, 'INTERNAL');
  });
  app.setNotFoundHandler((request, reply) => {
    const pathname = request.url.split('?')[0] ?? '';
    if (options.serveSpa && request.method === 'GET' && isSpaPath(pathname)) {
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').sendFile('index.html');
    }
    return sendProblem(reply, 'NOT_FOUND', `Немає такого ресурсу: ${request.method} ${request.url.split('?')[0]}`);
  });
}

/**
 * The single-page app owns every GET path outside the API that does not look like a file (a short
 * extension such as `.js`, `.png`). A signing link `/sign/<ID>.<HMAC>` has a dot too: it is a page.
 */
export function isSpaPath(pathname: string): boolean {
  if (pathname.startsWith('/api/')) return false;
  if (pathname.startsWith('/sign/')) return true;
  return !/\.[a-z0-9]{1,8}$/i.test(pathname);
}

import type { MultipartFile } from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParamsSchema, okSchema } from '../../shared/contracts/common';
import { applicationDocumentParamsSchema, documentSchema, requestDocumentParamsSchema } from '../../shared/contracts/documents';
import { AppError } from '../../shared/errors';
import type { AppContext } from '../context';
import { actorOf, requireRole } from '../plugins/auth';
import { getVisibleRequest } from '../services/access';
import { getDocumentFile, removeDocument, type Upload, uploadDocument } from '../services/document.service';

const tags = ['documents'];

/**
 * A body that does not parse as multipart ("Boundary not found", "Unexpected end of multipart
 * data") is the client's fault: busboy throws such errors without a status code, which would be
 * a 500. @fastify/multipart's own errors (limits: 413) carry one and are passed on.
 */
function malformedUpload(error: unknown): unknown {
  if (error instanceof AppError || (error as { statusCode?: number }).statusCode !== undefined) return error;
  const message = 'Файл надіслано не повністю або в неправильному форматі';
  return new AppError('VALIDATION_FAILED', message, { errors: [{ field: 'file', message }] });
}

async function readUpload(file: MultipartFile | undefined): Promise<Upload> {
  if (!file) throw new AppError('VALIDATION_FAILED', 'Оберіть файл', { errors: [{ field: 'file', message: 'Оберіть файл' }] });
  try {
    const bytes = await file.toBuffer();
    return { bytes, truncated: file.file.truncated };
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') return { bytes: Buffer.alloc(0), truncated: true };
    throw malformedUpload(error);
  }
}

async function requestFile(request: { isMultipart(): boolean; file(): Promise<MultipartFile | undefined> }) {
  if (!request.isMultipart()) {
    throw new AppError('VALIDATION_FAILED', 'Надішліть файл як multipart/form-data', { errors: [{ field: 'file', message: 'Оберіть файл' }] });
  }
  let file: MultipartFile | undefined;
  try {
    file = await request.file();
  } catch (error) {
    throw malformedUpload(error);
  }
  return readUpload(file);
}

export const documentRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.addHook('preHandler', requireRole());

  app.post(
    '/applications/:id/documents/:kind',
    {
      preHandler: requireRole('responsible_person'),
      schema: { tags, summary: 'ПРИКРІПИТИ ФАЙЛ до заявки (поле file)', params: applicationDocumentParamsSchema, consumes: ['multipart/form-data'], response: { 201: documentSchema } },
    },
    async (request, reply) => {
      const upload = await requestFile(request);
      const document = await uploadDocument(ctx, actorOf(request), { applicationId: request.params.id, requestId: null, kind: request.params.kind }, upload);
      return reply.code(201).send(document);
    },
  );

  app.post(
    '/requests/:id/documents/:kind',
    {
      preHandler: requireRole('responsible_person'),
      schema: { tags, summary: 'ПРИКРІПИТИ ФАЙЛ до запиту (поле file)', params: requestDocumentParamsSchema, consumes: ['multipart/form-data'], response: { 201: documentSchema } },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { application } = await getVisibleRequest(ctx.db, actor, request.params.id);
      const upload = await requestFile(request);
      const document = await uploadDocument(ctx, actor, { applicationId: application.id, requestId: request.params.id, kind: request.params.kind }, upload);
      return reply.code(201).send(document);
    },
  );

  app.get(
    '/documents/:id',
    { schema: { tags, summary: 'Завантажити документ', params: idParamsSchema } },
    async (request, reply) => {
      const { document, bytes } = await getDocumentFile(ctx, actorOf(request), request.params.id);
      const disposition = request.query && (request.query as { download?: string }).download ? 'attachment' : 'inline';
      return reply
        .type(document.media_type)
        .header('content-disposition', `${disposition}; filename="document.${document.file_name.split('.').pop()}"; filename*=UTF-8''${encodeURIComponent(document.file_name)}`)
        .header('x-content-type-options', 'nosniff')
        .send(bytes);
    },
  );

  app.delete(
    '/documents/:id',
    {
      preHandler: requireRole('responsible_person'),
      schema: { tags, summary: 'Видалити документ', params: idParamsSchema, response: { 200: okSchema } },
    },
    async (request) => {
      await removeDocument(ctx, actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );
};

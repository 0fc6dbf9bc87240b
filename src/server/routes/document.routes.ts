import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParamsSchema, okSchema } from '../../shared/contracts/common';
import { applicationDocumentParamsSchema, documentSchema, requestDocumentParamsSchema } from '../../shared/contracts/documents';
import type { AppContext } from '../context';
import { actorOf, requireRole } from '../plugins/auth';
import { getVisibleRequest } from '../services/access';
import {
  getDocumentFile,
  getDocumentSignature,
  removeDocument,
  uploadDocument,
  uploadSignedApplicationDocument,
} from '../services/document.service';
import { requestFile, requestFiles } from './multipart';

const tags = ['documents'];

export const documentRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.addHook('preHandler', requireRole());

  app.post(
    '/applications/:id/documents/:kind',
    {
      preHandler: requireRole('responsible_person'),
      schema: {
        tags,
        summary:
          'ПРИКРІПИТИ ФАЙЛ до заявки (поле file). «Електронна версія заявки на КДП» — підписана: file = .p7s з документом або file = PDF і signature = окремий .p7s',
        params: applicationDocumentParamsSchema,
        consumes: ['multipart/form-data'],
        response: { 201: documentSchema },
      },
    },
    async (request, reply) => {
      if (request.params.kind === 'kdp_application') {
        const files = await requestFiles(request, ['file', 'signature'] as const);
        const document = await uploadSignedApplicationDocument(ctx, actorOf(request), request.params.id, {
          file: files.file,
          signature: files.signature,
        });
        return reply.code(201).send(document);
      }
      const upload = await requestFile(request);
      const document = await uploadDocument(
        ctx,
        actorOf(request),
        { applicationId: request.params.id, requestId: null, kind: request.params.kind },
        upload,
      );
      return reply.code(201).send(document);
    },
  );

  app.post(
    '/requests/:id/documents/:kind',
    {
      preHandler: requireRole('responsible_person'),
      schema: {
        tags,
        summary: 'ПРИКРІПИТИ ФАЙЛ до запиту (поле file)',
        params: requestDocumentParamsSchema,
        consumes: ['multipart/form-data'],
        response: { 201: documentSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { application } = await getVisibleRequest(ctx.db, actor, request.params.id);
      const upload = await requestFile(request);
      const document = await uploadDocument(
        ctx,
        actor,
        { applicationId: application.id, requestId: request.params.id, kind: request.params.kind },
        upload,
      );
      return reply.code(201).send(document);
    },
  );

  app.get('/documents/:id', { schema: { tags, summary: 'Завантажити документ', params: idParamsSchema } }, async (request, reply) => {
    const { document, bytes } = await getDocumentFile(ctx, actorOf(request), request.params.id);
    const disposition = request.query && (request.query as { download?: string }).download ? 'attachment' : 'inline';
    return reply
      .type(document.media_type)
      .header(
        'content-disposition',
        `${disposition}; filename="document.${document.file_name.split('.').pop()}"; filename*=UTF-8''${encodeURIComponent(document.file_name)}`,
      )
      .header('x-content-type-options', 'nosniff')
      .send(bytes);
  });

  app.get(
    '/documents/:id/signature.p7s',
    { schema: { tags, summary: 'Завантажити підпис документа (.p7s)', params: idParamsSchema } },
    async (request, reply) => {
      const { document, bytes } = await getDocumentSignature(ctx, actorOf(request), request.params.id);
      const name = `${document.file_name.replace(/\.[^.]+$/, '')}.p7s`;
      return reply
        .type('application/pkcs7-signature')
        .header('content-disposition', `attachment; filename="signature.p7s"; filename*=UTF-8''${encodeURIComponent(name)}`)
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

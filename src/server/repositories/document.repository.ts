import type { SignatureReport } from '../../shared/domain/signature';
import type { Executor } from '../db/database';

export async function insertDocument(
  db: Executor,
  values: {
    applicationId: string;
    requestId: string | null;
    kind: string;
    fileName: string;
    mediaType: string;
    size: number;
    sha256: string;
    uploadedBy: string | null;
    now: Date;
    /** The verified `.p7s` over this document and its report. */
    signature?: { sha256: string; report: SignatureReport };
  },
) {
  return db
    .insertInto('document')
    .values({
      application_id: values.applicationId,
      request_id: values.requestId,
      kind: values.kind,
      file_name: values.fileName,
      media_type: values.mediaType,
      size: values.size,
      sha256: values.sha256,
      uploaded_by: values.uploadedBy,
      signature_sha256: values.signature?.sha256 ?? null,
      signature_report: values.signature ? JSON.stringify(values.signature.report) : null,
      created_at: values.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findDocumentById(db: Executor, id: string) {
  return db.selectFrom('document').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A slot holds one file: uploading again replaces the previous one. */
export async function deleteDocumentsOfSlot(db: Executor, applicationId: string, requestId: string | null, kind: string) {
  let query = db.deleteFrom('document').where('application_id', '=', applicationId).where('kind', '=', kind);
  query = requestId ? query.where('request_id', '=', requestId) : query.where('request_id', 'is', null);
  await query.execute();
}

export async function deleteDocument(db: Executor, id: string) {
  await db.deleteFrom('document').where('id', '=', id).execute();
}

export async function listDocumentsOfApplication(db: Executor, applicationId: string) {
  return db.selectFrom('document').selectAll().where('application_id', '=', applicationId).orderBy('created_at').execute();
}

import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { MAX_DOCUMENT_BYTES } from '../../shared/contracts/documents';
import { AppError } from '../../shared/errors';
import type { Upload } from '../services/document.service';

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

export async function requestFile(request: { isMultipart(): boolean; file(): Promise<MultipartFile | undefined> }) {
  if (!request.isMultipart()) {
    throw new AppError('VALIDATION_FAILED', 'Надішліть файл як multipart/form-data', {
      errors: [{ field: 'file', message: 'Оберіть файл' }],
    });
  }
  let file: MultipartFile | undefined;
  try {
    file = await request.file();
  } catch (error) {
    throw malformedUpload(error);
  }
  return readUpload(file);
}

/**
 * Several named files from one multipart body (e.g. a document and its detached `.p7s`);
 * other parts are drained and ignored.
 */
export async function requestFiles<Name extends string>(
  request: FastifyRequest,
  names: readonly Name[],
): Promise<Partial<Record<Name, Upload>>> {
  if (!request.isMultipart()) {
    const field = names[0] ?? 'file';
    throw new AppError('VALIDATION_FAILED', 'Надішліть файли як multipart/form-data', { errors: [{ field, message: 'Оберіть файл' }] });
  }
  const files: Partial<Record<Name, Upload>> = {};
  try {
    for await (const part of request.parts({ limits: { files: names.length + 1, fileSize: MAX_DOCUMENT_BYTES } })) {
      if (part.type !== 'file') continue;
      if (!(names as readonly string[]).includes(part.fieldname) || files[part.fieldname as Name]) {
        part.file.resume();
        continue;
      }
      files[part.fieldname as Name] = await readUpload(part);
    }
  } catch (error) {
    throw malformedUpload(error);
  }
  return files;
}

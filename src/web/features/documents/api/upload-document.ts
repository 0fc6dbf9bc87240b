import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';
import type { DocumentInfo, DocumentKind } from '../../../../shared/contracts/documents';
import { apiFetch } from '../../../app/api-client';

/** Whose document it is: the application's own slots, or a certificate request's. */
export type DocumentOwner = { type: 'application' | 'request'; id: string };

/**
 * `file` is the document; for a slot that must be signed it is either a `.p7s` with the document
 * inside, or the PDF with its detached `.p7s` as `signature`.
 */
export function uploadDocument(owner: DocumentOwner, kind: DocumentKind, file: File, signature?: File | null): Promise<DocumentInfo> {
  const formData = new FormData();
  formData.append('file', file, file.name);
  if (signature) formData.append('signature', signature, signature.name);
  const base = owner.type === 'application' ? '/applications' : '/requests';
  return apiFetch(`${base}/${encodeURIComponent(owner.id)}/documents/${kind}`, { method: 'POST', formData });
}

export function useUploadDocument(owner: DocumentOwner, invalidate: QueryKey[]) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, file, signature }: { kind: DocumentKind; file: File; signature?: File | null }) =>
      uploadDocument(owner, kind, file, signature),
    onSuccess: () => Promise.all(invalidate.map((queryKey) => queryClient.invalidateQueries({ queryKey }))),
  });
}

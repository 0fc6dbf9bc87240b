import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';
import type { DocumentInfo, DocumentKind } from '../../../../shared/contracts/documents';
import { apiFetch } from '../../../app/api-client';

/** Whose document it is: the application's own slots, or a certificate request's. */
export type DocumentOwner = { type: 'application' | 'request'; id: string };

export function uploadDocument(owner: DocumentOwner, kind: DocumentKind, file: File): Promise<DocumentInfo> {
  const formData = new FormData();
  formData.append('file', file, file.name);
  const base = owner.type === 'application' ? '/applications' : '/requests';
  return apiFetch(`${base}/${encodeURIComponent(owner.id)}/documents/${kind}`, { method: 'POST', formData });
}

export function useUploadDocument(owner: DocumentOwner, invalidate: QueryKey[]) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, file }: { kind: DocumentKind; file: File }) => uploadDocument(owner, kind, file),
    onSuccess: () => Promise.all(invalidate.map((queryKey) => queryClient.invalidateQueries({ queryKey }))),
  });
}

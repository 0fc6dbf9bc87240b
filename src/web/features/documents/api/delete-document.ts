import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../app/api-client';

export function deleteDocument(id: string): Promise<{ ok: true }> {
  return apiFetch(`/documents/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export function useDeleteDocument(invalidate: QueryKey[]) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteDocument,
    onSuccess: () => Promise.all(invalidate.map((queryKey) => queryClient.invalidateQueries({ queryKey }))),
  });
}

/** Opening a document is a plain link: the session cookie goes along, the browser shows it. */
export function documentUrl(id: string, download = false): string {
  return `/api/documents/${encodeURIComponent(id)}${download ? '?download=1' : ''}`;
}

/** The document's signature as a `.p7s` file (when `hasSignatureFile`). */
export function signatureUrl(id: string): string {
  return `/api/documents/${encodeURIComponent(id)}/signature.p7s`;
}

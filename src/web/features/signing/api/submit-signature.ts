import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { SigningResult, SigningView } from '../../../../shared/contracts/signing';
import { apiFetch } from '../../../app/api-client';
import { queryKeys } from '../../../lib/query-keys';

export type SignatureSubmission = {
  /** The CMS signature (.p7s, DER): made in this browser or by other software. */
  signature: Blob;
  /** The PKCS#10 request for the new key (file key, token); null for a cloud key. */
  csr: Blob | null;
};

/**
 * `POST /api/signing/:token` (multipart). Only the signature and the certificate request are
 * sent; the private key never leaves the browser. A refused signature is a 422 whose `detail`
 * is the Ukrainian reason to show.
 */
export function submitSignature(token: string, { signature, csr }: SignatureSubmission): Promise<SigningResult> {
  const formData = new FormData();
  formData.append('signature', signature, 'statement.pdf.p7s');
  if (csr) formData.append('csr', csr, 'request.p10');
  return apiFetch(`/signing/${encodeURIComponent(token)}`, { method: 'POST', formData });
}

export function useSubmitSignature(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (submission: SignatureSubmission) => submitSignature(token, submission),
    onSuccess: (result) => {
      queryClient.setQueryData<SigningView>(queryKeys.signing(token), (view) =>
        view ? { ...view, state: 'signed', signedAt: result.signedAt, report: result.report } : view,
      );
    },
  });
}

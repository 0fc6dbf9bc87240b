import type { EmployeeSubject } from '../../../../shared/crypto/names';

/** What the page asks the signing worker. */
export type WorkerRequest =
  | { type: 'sign'; keyFile: Uint8Array; password: string; content: Uint8Array }
  | { type: 'generate'; subject: EmployeeSubject; password: string };

export type WorkerReply =
  | { id: number; ok: true; result: Uint8Array | { keyFile: Uint8Array; csr: Uint8Array } }
  /** `keyFileCode`: a `KeyFileError` (wrong password, not a key file…) with its Ukrainian `message`. */
  | { id: number; ok: false; keyFileCode: string | null; message: string };

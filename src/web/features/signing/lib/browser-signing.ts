import { derFromPemOrDer } from '../../../../shared/crypto/bytes';
import type { EmployeeSubject } from '../../../../shared/crypto/names';
import type { WorkerReply, WorkerRequest } from './signing-protocol';

/**
 * The browser's side of signing, for the `/sign/:token` page. The crypto runs in a worker
 * (`signing.worker.ts`, bundled apart from the app); nothing here sends anything: the private
 * key stays in this tab and only the resulting signature leaves, through the page's POST.
 */

/** A key file that cannot be used (`WRONG_PASSWORD`, `NOT_PKCS12`…); `message` is Ukrainian. */
export class KeyFileError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'KeyFileError';
  }
}

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

function signingWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('./signing.worker.ts', import.meta.url), { type: 'module', name: 'signing' });
  worker.onmessage = (event: MessageEvent<WorkerReply>) => {
    const reply = event.data;
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    if (reply.ok) waiting.resolve(reply.result);
    else waiting.reject(reply.keyFileCode ? new KeyFileError(reply.keyFileCode, reply.message) : new Error(reply.message));
  };
  worker.onerror = (event) => {
    // The worker failed to load or crashed: every waiting call fails, the next one starts afresh.
    for (const waiting of pending.values()) waiting.reject(new Error(event.message || 'signing worker failed'));
    pending.clear();
    worker?.terminate();
    worker = null;
  };
  return worker;
}

function call<T>(request: WorkerRequest): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
    signingWorker().postMessage({ id, request });
  });
}

export async function readFileBytes(file: Blob): Promise<Uint8Array> {
  return new Uint8Array(await file.arrayBuffer());
}

/** Opens the key file with its password (rejects with `KeyFileError`) and signs `content` detached (CAdES-BES). */
export function signWithKeyFile(params: { keyFile: Uint8Array; password: string; content: Uint8Array }): Promise<Uint8Array> {
  return call<Uint8Array>({ type: 'sign', ...params });
}

export type NewKey = {
  /** The password-protected PKCS#12 file with the new private key only (no certificate yet). */
  keyFile: Uint8Array;
  /** The PKCS#10 request (DER) for that key, with the subject the statement names. */
  csr: Uint8Array;
};

/** A new ECDSA P-256 key pair, its key file and its certificate request, all made in this browser. */
export function generateNewKey(subject: EmployeeSubject, password: string): Promise<NewKey> {
  return call<NewKey>({ type: 'generate', subject, password });
}

/** A token's certificate request comes as DER or PEM (`-----BEGIN CERTIFICATE REQUEST-----`): DER is sent. */
export function csrDer(bytes: Uint8Array): Uint8Array {
  return derFromPemOrDer(bytes, ['CERTIFICATE REQUEST', 'NEW CERTIFICATE REQUEST']);
}

/** Offers bytes as a file download (the new key file). */
export function saveBytes(bytes: Uint8Array, fileName: string, mediaType: string): void {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mediaType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser time to start the download before the URL goes away.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

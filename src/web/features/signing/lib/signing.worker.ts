/// <reference lib="webworker" />
import { signDetached } from '../../../../shared/crypto/cades';
import { createCsr } from '../../../../shared/crypto/csr';
import { generateSigningKeyPair } from '../../../../shared/crypto/keys';
import { employeeSubjectName } from '../../../../shared/crypto/names';
import { createPkcs12, KeyFileError, readPkcs12 } from '../../../../shared/crypto/pkcs12';
import type { WorkerReply, WorkerRequest } from './signing-protocol';

/**
 * The signing page's crypto, in a worker of its own: the key file is opened, the statement signed
 * and a new key made here, with WebCrypto. The worker is bundled on its own, so PKI.js, asn1js
 * and @peculiar/x509 load only when someone signs and never with the cabinet's main bundle (and
 * `reflect-metadata` runs before @peculiar/x509, as engine.ts orders).
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;

async function handle(request: WorkerRequest): Promise<{ result: Uint8Array | { keyFile: Uint8Array; csr: Uint8Array } }> {
  if (request.type === 'sign') {
    const key = await readPkcs12(request.keyFile, request.password);
    return {
      result: await signDetached({ content: request.content, privateKey: key.privateKey, certificate: key.certificate, chain: key.chain }),
    };
  }
  const keys = await generateSigningKeyPair('ECDSA P-256');
  const csr = await createCsr(keys, employeeSubjectName(request.subject));
  const keyFile = await createPkcs12({
    privateKey: keys.privateKey,
    password: request.password,
    friendlyName: `${request.subject.lastName} ${request.subject.firstAndMiddleName}`,
  });
  return { result: { keyFile, csr } };
}

scope.onmessage = async (event: MessageEvent<{ id: number; request: WorkerRequest }>) => {
  const { id, request } = event.data;
  let reply: WorkerReply;
  try {
    const { result } = await handle(request);
    reply = { id, ok: true, result };
  } catch (error) {
    reply =
      error instanceof KeyFileError
        ? { id, ok: false, keyFileCode: error.code, message: error.message }
        : { id, ok: false, keyFileCode: null, message: error instanceof Error ? error.message : String(error) };
  }
  scope.postMessage(reply);
};

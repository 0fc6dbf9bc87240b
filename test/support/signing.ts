import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { CertificateAuthority } from '../../src/server/ca/authority';
import { DEMO_KEY_PASSWORD, demoKeyPath } from '../../src/server/demo/seed';
import { signDetached } from '../../src/shared/crypto/cades';
import { generateSigningKeyPair, type KeyAlgorithmName } from '../../src/shared/crypto/keys';
import { type KeyFile, readPkcs12 } from '../../src/shared/crypto/pkcs12';
import type { TestApp } from './app';

/** A demo person's key file (`<dataDir>/demo-keys/<РНОКПП>.p12`), opened as the browser opens it. */
const keyCache = new Map<string, Promise<KeyFile>>();
export function demoKey(test: TestApp, rnokpp: string): Promise<KeyFile> {
  const file = demoKeyPath(test.dataDir, rnokpp);
  let key = keyCache.get(file);
  if (!key) {
    key = readPkcs12(new Uint8Array(readFileSync(file)), DEMO_KEY_PASSWORD);
    keyCache.set(file, key);
  }
  return key;
}

/** The signing token from a request's link (`…/sign/<token>`). */
export function tokenOf(link: string): string {
  return link.split('/sign/')[1] ?? '';
}

export async function statementOf(test: TestApp, token: string): Promise<Uint8Array> {
  const response = await test.app.inject({ method: 'GET', url: `/api/signing/${token}/statement.pdf` });
  if (response.statusCode !== 200) throw new Error(`statement: ${response.statusCode} ${response.body}`);
  return new Uint8Array(response.rawPayload);
}

/** Signs the statement behind the link with a key, as the signing page does. */
export async function signStatement(
  test: TestApp,
  token: string,
  key: KeyFile,
  options: { content?: Uint8Array; attached?: boolean; signingTime?: Date } = {},
) {
  const content = options.content ?? (await statementOf(test, token));
  return signDetached({
    content,
    privateKey: key.privateKey,
    certificate: key.certificate,
    chain: key.chain,
    signingTime: options.signingTime ?? test.ctx.now(),
    attached: options.attached,
  });
}

/** `POST /api/signing/:token` with the files as multipart parts; `headers` adds e.g. a ВО's cookie. */
export function postSignature(
  app: FastifyInstance,
  token: string,
  files: { signature?: Uint8Array; csr?: Uint8Array },
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  const { body, contentType } = multipartBody(
    Object.fromEntries(Object.entries(files).flatMap(([field, bytes]) => (bytes ? [[field, { bytes, name: `${field}.bin` }]] : []))),
  );
  return app.inject({ method: 'POST', url: `/api/signing/${token}`, headers: { ...headers, 'content-type': contentType }, payload: body });
}

function multipartBody(files: Record<string, { bytes: Uint8Array; name: string }>) {
  const boundary = `----kep${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [field, file] of Object.entries(files)) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      Buffer.from(file.bytes),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** The head doctor (Мельник) signs the organization's application: an attached `.p7s` over `content`. */
export async function signedKdpApplication(test: TestApp, content: Uint8Array, options: { attached?: boolean } = {}) {
  const key = await demoKey(test, '2521131334');
  return signDetached({
    content,
    privateKey: key.privateKey,
    certificate: key.certificate,
    chain: key.chain,
    signingTime: test.ctx.now(),
    attached: options.attached ?? true,
  });
}

/** A signed-in multipart upload of several named files. */
export function uploadFiles(
  app: FastifyInstance,
  session: { cookie: string; csrfToken: string },
  url: string,
  files: Record<string, { bytes: Uint8Array; name: string }>,
): Promise<LightMyRequestResponse> {
  const { body, contentType } = multipartBody(files);
  return app.inject({
    method: 'POST',
    url,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'content-type': contentType },
    payload: body,
  });
}

/** A key pair with a certificate from the test app's CA (or another) for anyone, e.g. a newcomer with a КЕП of their own. */
export async function issuedKey(
  test: TestApp,
  subject: {
    identityCode: string;
    lastName?: string;
    firstAndMiddleName?: string;
    organizationName?: string;
    edrpou?: string;
    notAfter?: Date;
  },
  options: { ca?: CertificateAuthority; algorithm?: KeyAlgorithmName } = {},
): Promise<KeyFile> {
  const keys = await generateSigningKeyPair(options.algorithm ?? 'ECDSA P-256');
  const now = test.ctx.now();
  const certificate = await (options.ca ?? test.ctx.ca).issueCertificate({
    publicKey: keys.publicKey,
    subject: {
      lastName: subject.lastName ?? 'Іваненко',
      firstAndMiddleName: subject.firstAndMiddleName ?? 'Степан Григорович',
      identityCode: subject.identityCode,
      identityKind: /^\d{10}$/.test(subject.identityCode) ? 'rnokpp' : 'passport',
      organizationName: subject.organizationName ?? 'КНП «Демонстраційна лікарня №1»',
      edrpou: subject.edrpou ?? '01990016',
      position: 'Лікар-терапевт',
      department: 'Терапевтичне відділення',
      locality: 'Київ',
    },
    notBefore: new Date(now.getTime() - 30 * 86_400_000),
    notAfter: subject.notAfter ?? new Date(now.getTime() + 365 * 86_400_000),
    onSecureDevice: true,
  });
  return { privateKey: keys.privateKey, certificate: new Uint8Array(certificate.rawData), chain: [] };
}

/** The employee signs a request that waits for the signature, through the public signing API. */
export async function signRequest(
  test: TestApp,
  session: { cookie: string; csrfToken: string },
  requestId: string,
  key: KeyFile,
  extra: { csr?: Uint8Array } = {},
) {
  const detail = await test.app.inject({ method: 'GET', url: `/api/requests/${requestId}`, headers: { cookie: session.cookie } });
  const link = (detail.json() as { signing?: { link?: string | null } }).signing?.link;
  if (!link) throw new Error(`request ${requestId} has no signing link: ${detail.body}`);
  const token = tokenOf(link);
  const response = await postSignature(test.app, token, { signature: await signStatement(test, token, key), csr: extra.csr });
  if (response.statusCode !== 200) throw new Error(`signing failed: ${response.statusCode} ${response.body}`);
  return response;
}

import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { DEMO_KEY_PASSWORD, demoKeyPath } from '../../src/server/demo/seed';
import { signDetached } from '../../src/shared/crypto/cades';
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
  const boundary = `----kep${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, bytes] of Object.entries(files)) {
    if (!bytes) continue;
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${name}.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      Buffer.from(bytes),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return app.inject({
    method: 'POST',
    url: `/api/signing/${token}`,
    headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat(parts),
  });
}

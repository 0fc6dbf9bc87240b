import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { DEMO_KEY_PASSWORD } from './server';

/** What the browser tests share: viewports, the demo ВО, and steps a person takes. */
export const SCREENSHOTS = path.resolve(import.meta.dirname, '../../docs/screenshots');
export const DESKTOP = { width: 1366, height: 768 };
export const PHONE = { width: 390, height: 844 };
export const VO1 = { phone: '+380501234567', password: 'demo12345' };
const OPENSSL = '/usr/bin/openssl';

export /** Polls until `check` stops throwing (the UI updates after network round trips). */
async function eventually<T>(check: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 150));
    }
  }
}

/** A full-page picture for docs/screenshots. */
export async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // The fixed header belongs at the top of a full-page picture; transitions settle first. The
  // toasts of the steps before would cover the page, so they are left out of the picture.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(400);
  await page.screenshot({
    path: path.join(SCREENSHOTS, name),
    fullPage: true,
    style: '.mantine-Notifications-root { display: none !important; }',
  });
}

export async function chooseOption(page: Page, label: string, option: string) {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option }).click();
}

/** Picks a file through the field's own file chooser, as a person does. */
export async function chooseFile(page: Page, label: string, file: string | { name: string; mimeType: string; buffer: Buffer }) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: label }).click();
  await (await chooser).setFiles(file);
}

/**
 * Opens a signing link. The page must come from the server's single-page fallback (200, HTML):
 * a 404 here means the server took the token's `.<hmac>` tail for a file extension.
 */
export async function openLink(page: Page, link: string): Promise<void> {
  const response = await page.goto(link);
  assert.equal(response?.status(), 200, `GET ${link} answered ${response?.status()}: ${await response?.text()}`);
}

/** OpenSSL's detached (or attached) CMS signature over `content`, with a demo person's key file. */
export function opensslSign(keyFile: string, content: Buffer, attached = false): Buffer {
  const dir = mkdtempSync(path.join(tmpdir(), 'kep-openssl-'));
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  const input = path.join(dir, 'content.bin');
  const output = path.join(dir, 'signature.p7s');
  writeFileSync(input, content);
  const pass = `pass:${DEMO_KEY_PASSWORD}`;
  execFileSync(OPENSSL, ['pkcs12', '-in', keyFile, '-passin', pass, '-nodes', '-clcerts', '-nokeys', '-out', cert]);
  execFileSync(OPENSSL, ['pkcs12', '-in', keyFile, '-passin', pass, '-nodes', '-nocerts', '-out', key]);
  execFileSync(OPENSSL, [
    'cms',
    '-sign',
    '-binary',
    '-outform',
    'DER',
    '-md',
    'sha256',
    ...(attached ? ['-nodetach'] : []),
    '-in',
    input,
    '-signer',
    cert,
    '-inkey',
    key,
    '-out',
    output,
  ]);
  return readFileSync(output);
}

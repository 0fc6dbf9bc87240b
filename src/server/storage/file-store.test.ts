import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { detectFileType, FileStore } from './file-store';

const root = mkdtempSync(path.join(tmpdir(), 'kep-files-'));
after(() => rmSync(root, { recursive: true, force: true }));

test('types are decided by content, not by name', () => {
  assert.equal(detectFileType(Buffer.from('%PDF-1.7\n...'))?.mediaType, 'application/pdf');
  assert.equal(detectFileType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))?.mediaType, 'image/jpeg');
  assert.equal(detectFileType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))?.mediaType, 'image/png');
  // ContentInfo { signedData }: 30 82 len  06 09 2a864886f70d010702
  const cms = Buffer.from('308203e806092a864886f70d010702a08203d9', 'hex');
  assert.equal(detectFileType(Buffer.concat([cms, Buffer.alloc(16)]))?.extension, 'p7s');
  assert.equal(detectFileType(Buffer.from('-----BEGIN PKCS7-----\nMIIB'))?.extension, 'p7s');
  assert.equal(detectFileType(Buffer.from('MZ\x90\x00 this is an exe')), null);
  assert.equal(detectFileType(Buffer.from('<html><script>alert(1)</script>')), null);
  assert.equal(detectFileType(Buffer.alloc(0)), null);
  // An envelope of another CMS type (enveloped data, …7.3) is not a signature.
  assert.equal(detectFileType(Buffer.concat([Buffer.from('3082010006092a864886f70d010703', 'hex'), Buffer.alloc(16)])), null);
});

test('stores by SHA-256, once per content, and reads back the same bytes', async () => {
  const store = new FileStore(root);
  const a = await store.put(Buffer.from('%PDF-1.4 one'));
  const b = await store.put(Buffer.from('%PDF-1.4 one'));
  assert.equal(a.sha256, b.sha256);
  assert.match(a.sha256, /^[0-9a-f]{64}$/);
  assert.deepEqual(await store.get(a.sha256), Buffer.from('%PDF-1.4 one'));
  assert.deepEqual(readdirSync(path.join(root, a.sha256.slice(0, 2))), [a.sha256]);
  await assert.rejects(store.get('../../etc/passwd'), /invalid sha256/);
});

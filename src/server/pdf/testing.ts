import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

// Test helpers: the PDFs are checked the way a person or a search index would read them,
// through poppler's pdftotext/pdfinfo, not through pdfkit's own view of what it wrote.
const run = promisify(execFile);

async function withTempPdf<T>(pdf: Buffer, fn: (path: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'pdf-test-'));
  try {
    const path = join(dir, 'doc.pdf');
    await writeFile(path, pdf);
    return await fn(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** `pdftotext -layout` output; pages are separated by form feeds (\f). */
export function pdfText(pdf: Buffer): Promise<string> {
  return withTempPdf(pdf, async (path) => {
    const { stdout } = await run('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-'], { maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  });
}

/** `pdfinfo` fields, e.g. Title, Pages, CreationDate. */
export function pdfInfo(pdf: Buffer): Promise<Record<string, string>> {
  return withTempPdf(pdf, async (path) => {
    const { stdout } = await run('pdfinfo', ['-enc', 'UTF-8', '-isodates', path]);
    const info: Record<string, string> = {};
    for (const line of stdout.split('\n')) {
      const m = /^([^:]+):\s*(.*)$/.exec(line);
      if (m) info[m[1].trim()] = m[2].trim();
    }
    return info;
  });
}

/** The text's lines with surrounding blanks trimmed, for "this is a line of its own" checks. */
export function lines(text: string): string[] {
  return text.split(/\r?\n|\f/).map((l) => l.trim());
}

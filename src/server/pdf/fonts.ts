import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

// pdfkit's built-in Helvetica has no Cyrillic glyphs, so every document embeds DejaVu Sans,
// which ships in node_modules (nothing may be downloaded at run time).
const require = createRequire(import.meta.url);
const ttfDir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

export const FONT_REGULAR_PATH = join(ttfDir, 'DejaVuSans.ttf');
export const FONT_BOLD_PATH = join(ttfDir, 'DejaVuSans-Bold.ttf');

export type PdfFonts = { regular: Buffer; bold: Buffer };

let cached: PdfFonts | null = null;

/** The font files, read once per process: a PDF is rendered per request and the files never change. */
export function loadFonts(): PdfFonts {
  cached ??= { regular: readFileSync(FONT_REGULAR_PATH), bold: readFileSync(FONT_BOLD_PATH) };
  return cached;
}

import PDFDocument from 'pdfkit';
import { loadFonts } from './fonts';

// Font names registered on every document; pdfkit's standard fonts have no Cyrillic.
export const REGULAR = 'DejaVuSans';
export const BOLD = 'DejaVuSans-Bold';

const PRODUCER = 'Кабінет відповідальної особи (PDFKit)';

export type DocumentMeta = {
  title: string;
  author: string;
  subject: string;
  keywords: string;
  createdAt: Date;
  layout: 'portrait' | 'landscape';
  margins: { top: number; bottom: number; left: number; right: number };
};

/**
 * A new A4 document with the fonts registered and its metadata fixed from the caller's data.
 * pdfkit would otherwise stamp `new Date()` as CreationDate, and the trailer /ID is an MD5 of
 * the info dictionary (no random bytes unless encryption is on), so with a fixed CreationDate
 * the same input gives byte-identical output.
 */
export function createDocument(meta: DocumentMeta): PDFKit.PDFDocument {
  const doc = new PDFDocument({
    size: 'A4',
    layout: meta.layout,
    margins: meta.margins,
    // Pages are kept in memory so that "Сторінка N з M" can be written once M is known.
    bufferPages: true,
    lang: 'uk-UA',
    displayTitle: true,
    info: {
      Title: meta.title,
      Author: meta.author,
      Subject: meta.subject,
      Keywords: meta.keywords,
      Creator: PRODUCER,
      Producer: PRODUCER,
      CreationDate: meta.createdAt,
      ModDate: meta.createdAt,
    },
  });
  const fonts = loadFonts();
  doc.registerFont(REGULAR, fonts.regular);
  doc.registerFont(BOLD, fonts.bold);
  doc.font(REGULAR);
  return doc;
}

/** Ends the document and resolves with its bytes. */
export function finish(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

const kyivParts = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Europe/Kyiv',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

function kyivOffsetMs(instant: number): number {
  const p = Object.fromEntries(kyivParts.formatToParts(new Date(instant)).map((x) => [x.type, x.value]));
  const local = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  return local - Math.floor(instant / 1000) * 1000;
}

/**
 * 'DD.MM.YYYY' or 'DD.MM.YYYY HH:mm' in Kyiv time (the product shows all dates in Kyiv time)
 * to the instant it names. Used for the PDF's CreationDate, which pdfkit writes in UTC.
 */
export function parseKyivDateTime(value: string): Date {
  const m = /^(\d{2})\.(\d{2})\.(\d{4})(?:\s+(\d{2}):(\d{2}))?$/.exec(value.trim());
  if (!m) throw new Error(`Expected 'DD.MM.YYYY HH:mm', got '${value}'`);
  const [, dd, mm, yyyy, hh = '00', mi = '00'] = m;
  const asUtc = Date.UTC(+yyyy, +mm - 1, +dd, +hh, +mi);
  // Kyiv is UTC+2 or UTC+3; the second pass picks the right one near a daylight-saving switch.
  const first = asUtc - kyivOffsetMs(asUtc);
  return new Date(asUtc - kyivOffsetMs(first));
}

export function contentWidth(doc: PDFKit.PDFDocument): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

/** Starts a new page unless `height` points still fit above the bottom margin. */
export function ensureSpace(doc: PDFKit.PDFDocument, height: number): void {
  if (doc.y + height > doc.page.maxY()) doc.addPage();
}

/** The largest size (down to `min`) at which `text` fits on one line of the content width. */
export function fitFontSize(doc: PDFKit.PDFDocument, text: string, font: string, max: number, min: number): number {
  const width = contentWidth(doc);
  let size = max;
  while (size > min && doc.font(font).fontSize(size).widthOfString(text) > width) size -= 0.5;
  return size;
}

/**
 * One "Label: value" paragraph with the label in bold. Label and value go in one text run
 * chain so that text extraction yields exactly "Label: value" (tests and people search for it).
 */
export function labelled(
  doc: PDFKit.PDFDocument,
  label: string,
  value: string,
  opts: { size?: number; x?: number; width?: number } = {},
): void {
  const size = opts.size ?? 9.5;
  const x = opts.x ?? doc.page.margins.left;
  const width = opts.width ?? contentWidth(doc);
  doc.font(BOLD).fontSize(size).text(`${label}: `, x, doc.y, { continued: true, width });
  // An empty string would leave pdfkit's `continued` chain open and the next line would be
  // drawn over this one; a dash also tells the reader the field is empty on purpose.
  doc.font(REGULAR).text(value.trim() === '' ? '—' : value, { width });
  doc.x = doc.page.margins.left;
}

export function heading(doc: PDFKit.PDFDocument, text: string, size = 10.5): void {
  // Room for the heading and a couple of lines, so it is not left alone at a page's foot.
  ensureSpace(doc, size * 5);
  doc.moveDown(0.5);
  doc
    .font(BOLD)
    .fontSize(size)
    .text(text, doc.page.margins.left, doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.2);
  doc.font(REGULAR);
}

/** `width` is relative: the columns are scaled to fill the page's content width. */
export type Column = { header: string; width: number; align?: 'left' | 'center' | 'right' };

export type TableStyle = {
  fontSize: number;
  padding: number;
  headerFill: string;
  borderColor: string;
  /** Height of what follows the table and must share a page with its last row. */
  keepWithLastRow: number;
};

const defaultTableStyle: TableStyle = {
  fontSize: 8,
  padding: 3,
  headerFill: '#e6e6e6',
  borderColor: '#555555',
  keepWithLastRow: 0,
};

/**
 * A bordered table that flows across pages and repeats its header row on each page.
 * pdfkit 0.20's own doc.table() neither repeats headers nor takes registered font names
 * (a cell font must be { src: path }), so rows are measured and drawn here. A row never
 * splits across pages; rows here are a few lines at most.
 */
export function drawTable(doc: PDFKit.PDFDocument, relativeColumns: Column[], rows: string[][], style: Partial<TableStyle> = {}): void {
  const s = { ...defaultTableStyle, ...style };
  const left = doc.page.margins.left;
  const totalWidth = contentWidth(doc);
  const scale = totalWidth / relativeColumns.reduce((sum, c) => sum + c.width, 0);
  const columns = relativeColumns.map((c) => ({ ...c, width: c.width * scale }));
  const headers = columns.map((c) => c.header);

  const measure = (cells: string[], font: string): number => {
    doc.font(font).fontSize(s.fontSize);
    const heights = cells.map((text, i) => doc.heightOfString(text || ' ', { width: columns[i].width - 2 * s.padding }));
    return Math.max(...heights) + 2 * s.padding;
  };

  const draw = (cells: string[], font: string, height: number, fill?: string): void => {
    const y = doc.y;
    if (fill) doc.save().rect(left, y, totalWidth, height).fill(fill).restore();
    let x = left;
    doc.font(font).fontSize(s.fontSize).fillColor('black');
    cells.forEach((text, i) => {
      const col = columns[i];
      if (text) {
        doc.text(text, x + s.padding, y + s.padding, {
          width: col.width - 2 * s.padding,
          align: fill ? 'center' : (col.align ?? 'left'),
        });
      }
      x += col.width;
    });
    doc.save().lineWidth(0.5).strokeColor(s.borderColor);
    x = left;
    for (const col of columns) {
      doc.rect(x, y, col.width, height);
      x += col.width;
    }
    doc.stroke().restore();
    doc.x = left;
    doc.y = y + height;
  };

  const headerHeight = measure(headers, BOLD);
  const header = (): void => draw(headers, BOLD, headerHeight, s.headerFill);

  rows.forEach((cells, index) => {
    const height = measure(cells, REGULAR);
    // The header must not stand alone at the bottom of a page, nor the block after the table
    // (signatures) on a page of its own, detached from the list it signs.
    const needed = height + (index === 0 ? headerHeight : 0) + (index === rows.length - 1 ? s.keepWithLastRow : 0);
    if (doc.y + needed > doc.page.maxY()) {
      doc.addPage();
      header();
    } else if (index === 0) {
      header();
    }
    draw(cells, REGULAR, height);
  });
  if (rows.length === 0) header();
  doc.font(REGULAR);
}

/**
 * Writes the footer on every buffered page: `left` at the left, "Сторінка N з M" at the right.
 * The bottom margin is lifted while writing, or pdfkit would see text below it and add a page.
 */
export function stampFooters(doc: PDFKit.PDFDocument, left: string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const { margins, width, height } = doc.page;
    const bottom = margins.bottom;
    margins.bottom = 0;
    const y = height - bottom + 14;
    const w = width - margins.left - margins.right;
    doc.save().lineWidth(0.5).strokeColor('#999999');
    doc
      .moveTo(margins.left, y - 5)
      .lineTo(width - margins.right, y - 5)
      .stroke()
      .restore();
    doc.font(REGULAR).fontSize(7.5).fillColor('#444444');
    doc.text(left, margins.left, y, { width: w, align: 'left', lineBreak: false });
    doc.text(`Сторінка ${i + 1} з ${range.count}`, margins.left, y, { width: w, align: 'right', lineBreak: false });
    doc.fillColor('black');
    margins.bottom = bottom;
  }
}

/** A signature line: role on the left, a rule for the signature, the name in brackets under it. */
export function signatureLine(doc: PDFKit.PDFDocument, role: string, name: string, x: number, width: number): void {
  const y = doc.y;
  const roleWidth = width * 0.36;
  const lineX = x + roleWidth;
  const lineWidth = width - roleWidth;
  const signWidth = lineWidth * 0.4;
  const nameX = lineX + signWidth + 8;
  const nameWidth = lineWidth - signWidth - 8;
  doc
    .font(REGULAR)
    .fontSize(10)
    .text(role, x, y + 8, { width: roleWidth - 8 });
  const afterRole = doc.y;
  doc.save().lineWidth(0.5).strokeColor('black');
  doc
    .moveTo(lineX, y + 20)
    .lineTo(lineX + signWidth, y + 20)
    .stroke();
  doc
    .moveTo(nameX, y + 20)
    .lineTo(nameX + nameWidth, y + 20)
    .stroke()
    .restore();
  doc.fontSize(7).fillColor('#444444');
  doc.text('(підпис)', lineX, y + 22, { width: signWidth, align: 'center' });
  doc.text('(власне ім’я, прізвище)', nameX, y + 22, { width: nameWidth, align: 'center' });
  doc.fillColor('black');
  // The name sits on the rule; a name too long for one line is set smaller rather than
  // wrapped through the rule.
  if (name) {
    let size = 10;
    while (size > 6.5 && doc.fontSize(size).widthOfString(name) > nameWidth) size -= 0.5;
    doc.fontSize(size).text(name, nameX, y + 19 - size * 1.2, { width: nameWidth, align: 'center', lineBreak: false });
  }
  doc.fontSize(10);
  doc.x = doc.page.margins.left;
  doc.y = Math.max(afterRole, y + 34);
}

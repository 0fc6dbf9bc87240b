import {
  BOLD,
  type Column,
  contentWidth,
  createDocument,
  drawTable,
  ensureSpace,
  finish,
  fitFontSize,
  labelled,
  parseKyivDateTime,
  REGULAR,
  signatureLine,
  stampFooters,
} from './layout';

export type ApplicationPdfData = {
  number: string; // '122026/7'
  statusLabel: string; // 'Проект'
  createdAt: string; // 'DD.MM.YYYY', already formatted
  organization: { name: string; edrpou: string };
  contract: { number: string; signedOn: string /* DD.MM.YYYY */ };
  visitRequired: boolean;
  visitDate: string | null;
  renewalDate: string | null;
  provider: { name: string };
  requests: Array<{
    number: number;
    fullName: string;
    identityCode: string;
    position: string;
    department: string;
    service: string;
    keyStorageLabel: string;
    statusLabel: string;
  }>;
  responsiblePerson: { fullName: string; phone: string };
  generatedAt: string; // 'DD.MM.YYYY HH:mm'
};

// Landscape: eight columns with full names, positions and service names do not fit a
// portrait page's 515 pt without wrapping nearly every cell.
const COLUMNS: Column[] = [
  { header: '№', width: 26, align: 'center' },
  { header: 'ПІБ', width: 150 },
  { header: 'РНОКПП / паспорт', width: 72, align: 'center' },
  { header: 'Посада', width: 100 },
  { header: 'Підрозділ', width: 110 },
  { header: 'Послуга', width: 116 },
  { header: 'Зберігання ключа', width: 118 },
  { header: 'Статус', width: 78 },
];

// Height of the responsible person's line, the note and the two signature lines, measured
// from a render; the block is kept whole and on the same page as the table's last row.
const CLOSING_BLOCK_HEIGHT = 120;

export function applicationTitle(number: string): string {
  return `ЗАЯВКА № ${number} на продовження кваліфікованих електронних довірчих послуг`;
}

/** The organization's application (guide's "РОЗДРУКУВАТИ ЗАЯВКУ") as an A4 PDF. */
export async function renderApplicationPdf(data: ApplicationPdfData): Promise<Buffer> {
  const title = applicationTitle(data.number);
  const doc = createDocument({
    title,
    author: data.organization.name,
    subject: `Заявка на продовження КЕДП, ${data.provider.name}`,
    keywords: `заявка ${data.number}; ЄДРПОУ ${data.organization.edrpou}`,
    createdAt: parseKyivDateTime(data.generatedAt),
    layout: 'landscape',
    margins: { top: 36, bottom: 48, left: 36, right: 36 },
  });
  const left = doc.page.margins.left;
  const width = contentWidth(doc);

  // Addressee block, top right, as in a paper application; the applicant is named below.
  const addresseeWidth = 260;
  doc.font(REGULAR).fontSize(10);
  doc.text('Кваліфікованому надавачу', left + width - addresseeWidth, doc.y, { width: addresseeWidth });
  doc.text('електронних довірчих послуг', { width: addresseeWidth });
  doc.font(BOLD).text(data.provider.name, { width: addresseeWidth });
  doc.x = left;
  doc.moveDown(1.2);

  const titleSize = fitFontSize(doc, title, BOLD, 14, 10);
  doc.font(BOLD).fontSize(titleSize).text(title, left, doc.y, { width, align: 'center' });
  doc.moveDown(0.8);

  // Two columns of facts: the table, not the preamble, should get the first page's room.
  const columnGap = 24;
  const columnWidth = (width - columnGap) / 2;
  const columns: Array<Array<[string, string]>> = [
    [
      ['Організація', data.organization.name],
      ['Код ЄДРПОУ', data.organization.edrpou],
      ['Договір', `№ ${data.contract.number} від ${data.contract.signedOn}`],
      ['Кількість запитів на сертифікат', String(data.requests.length)],
    ],
    [
      ['Дата створення заявки', data.createdAt],
      ['Статус заявки', data.statusLabel],
      ['Необхідний виїзд', data.visitRequired ? `так, дата виїзду ${data.visitDate ?? 'не визначена'}` : 'ні'],
      ['Дата продовження', data.renewalDate ?? 'не визначена'],
    ],
  ];
  const factsTop = doc.y;
  let factsBottom = factsTop;
  columns.forEach((facts, i) => {
    doc.y = factsTop;
    const x = left + i * (columnWidth + columnGap);
    for (const [label, value] of facts) labelled(doc, label, value, { size: 10, x, width: columnWidth });
    factsBottom = Math.max(factsBottom, doc.y);
  });
  doc.x = left;
  doc.y = factsBottom;
  doc.moveDown(0.8);

  doc
    .font(REGULAR)
    .fontSize(10)
    .text(
      'Просимо продовжити надання кваліфікованих електронних довірчих послуг і сформувати кваліфіковані ' +
        'сертифікати відкритих ключів працівникам організації згідно з переліком:',
      left,
      doc.y,
      { width },
    );
  doc.moveDown(0.5);

  drawTable(
    doc,
    COLUMNS,
    data.requests.map((r) => [
      String(r.number),
      r.fullName,
      r.identityCode,
      r.position,
      r.department,
      r.service,
      r.keyStorageLabel,
      r.statusLabel,
    ]),
    { keepWithLastRow: CLOSING_BLOCK_HEIGHT },
  );
  if (data.requests.length === 0) {
    doc
      .font(REGULAR)
      .fontSize(9)
      .text('Запитів на сертифікат у заявці немає.', left, doc.y + 4, { width });
  }

  // The closing block stays together: it moves to a new page rather than split.
  ensureSpace(doc, CLOSING_BLOCK_HEIGHT);
  doc.moveDown(1);
  labelled(doc, 'Відповідальна особа', `${data.responsiblePerson.fullName}, тел. ${data.responsiblePerson.phone}`, { size: 10 });
  doc
    .font(REGULAR)
    .fontSize(9)
    .fillColor('#333333')
    .text(
      'Відомості про працівників підтверджуються довідкою про співробітників, доданою до заявки. ' +
        'Заяви працівників на формування сертифікатів підписані їхніми кваліфікованими електронними підписами.',
      left,
      doc.y + 4,
      { width },
    );
  doc.fillColor('black').moveDown(1.2);

  // Both signatures side by side: landscape has the width, and it saves the page's height.
  const signaturesTop = doc.y;
  const halfWidth = (width - 40) / 2;
  signatureLine(doc, 'Керівник організації', '', left, halfWidth);
  const leftBottom = doc.y;
  doc.y = signaturesTop;
  signatureLine(doc, 'Відповідальна особа', data.responsiblePerson.fullName, left + halfWidth + 40, halfWidth);
  doc.y = Math.max(leftBottom, doc.y);
  doc.moveDown(1);
  doc.font(REGULAR).fontSize(10).text('Дата: ____________________        М. П. (за наявності)', left, doc.y, { width });

  stampFooters(doc, `Заявка № ${data.number} · ${data.organization.edrpou} · сформовано ${data.generatedAt}`);
  return finish(doc);
}

import {
  BOLD,
  contentWidth,
  createDocument,
  drawTable,
  ensureSpace,
  finish,
  fitFontSize,
  heading,
  labelled,
  parseKyivDateTime,
  REGULAR,
  stampFooters,
} from './layout';

export type StatementPdfData = {
  applicationNumber: string;
  requestNumber: number;
  provider: { name: string };
  organization: { name: string; edrpou: string };
  person: {
    lastName: string;
    firstAndMiddleName: string;
    identityCode: string; // РНОКПП or passport
    identityKind: 'rnokpp' | 'passport';
    phone: string;
    email: string;
    locality: string;
    region: string;
    department: string;
    position: string;
    otherDocument: string | null;
  };
  service: string;
  keyStorageLabel: string;
  keyGrade: 'КЕП' | 'УЕП';
  isReissue: boolean;
  publishConsent: boolean;
  signingId: string | null; // 32 upper-case hex, shown as 'Ідентифікатор документа'
  generatedAt: string; // 'DD.MM.YYYY HH:mm'
};

export const STATEMENT_TITLE = 'ЗАЯВА на формування кваліфікованого сертифіката відкритого ключа';

export type SubjectAttribute = { name: string; description: string; value: string };

/**
 * The certificate subject the statement asks for. serialNumber and organizationIdentifier
 * follow the Ukrainian profile (eHealth rejects signatures whose РНОКПП or ЄДРПОУ differ);
 * a passport number goes in without spaces and upper-cased, as serialNumbers are compared.
 */
export function proposedSubject(data: StatementPdfData): SubjectAttribute[] {
  const p = data.person;
  const serial =
    p.identityKind === 'rnokpp' ? `TINUA-${p.identityCode.trim()}` : `PASUA-${p.identityCode.replace(/\s+/g, '').toUpperCase()}`;
  return [
    { name: 'CN', description: 'повне ім’я', value: `${p.lastName} ${p.firstAndMiddleName}` },
    { name: 'SN', description: 'прізвище', value: p.lastName },
    { name: 'GN', description: 'власне ім’я, по батькові', value: p.firstAndMiddleName },
    { name: 'serialNumber', description: p.identityKind === 'rnokpp' ? 'РНОКПП' : 'паспорт', value: serial },
    { name: 'O', description: 'організація', value: data.organization.name },
    { name: 'organizationIdentifier', description: 'код ЄДРПОУ', value: `NTRUA-${data.organization.edrpou}` },
    { name: 'title', description: 'посада', value: p.position },
    { name: 'OU', description: 'підрозділ', value: p.department },
    { name: 'L', description: 'населений пункт', value: p.locality },
    { name: 'C', description: 'країна', value: 'UA' },
  ];
}

const GRADE_TEXT: Record<StatementPdfData['keyGrade'], string> = {
  КЕП: 'КЕП — кваліфікований електронний підпис',
  УЕП: 'УЕП — удосконалений електронний підпис (файловий ключ на незахищеному носії не є засобом КЕП)',
};

const REISSUE_TEXT = 'Повторна видача на основі ідентифікації з використанням існуючої ключової пари';

/** The employee's statement (the guide's "РОЗДРУКУВАТИ ЗАЯВКУ" on a request) as an A4 PDF. */
export async function renderStatementPdf(data: StatementPdfData): Promise<Buffer> {
  const p = data.person;
  const fullName = `${p.lastName} ${p.firstAndMiddleName}`;
  const identityLabel = p.identityKind === 'rnokpp' ? 'РНОКПП' : 'Паспорт';
  const doc = createDocument({
    title: `${STATEMENT_TITLE} — ${fullName}`,
    author: fullName,
    subject: `Заявка № ${data.applicationNumber}, запит № ${data.requestNumber}, ${data.provider.name}`,
    keywords: data.signingId ? `Ідентифікатор документа ${data.signingId}` : `заявка ${data.applicationNumber}`,
    createdAt: parseKyivDateTime(data.generatedAt),
    layout: 'portrait',
    margins: { top: 36, bottom: 50, left: 50, right: 42 },
  });
  const left = doc.page.margins.left;
  const width = contentWidth(doc);

  // Addressee block, top right.
  const addresseeWidth = 250;
  const addresseeX = left + width - addresseeWidth;
  doc.font(REGULAR).fontSize(10);
  doc.text('Кваліфікованому надавачу', addresseeX, doc.y, { width: addresseeWidth });
  doc.text('електронних довірчих послуг');
  doc.font(BOLD).text(data.provider.name, { width: addresseeWidth });
  doc.font(REGULAR).fontSize(9).fillColor('#444444');
  doc.text(`Заявка № ${data.applicationNumber}, запит № ${data.requestNumber}`, { width: addresseeWidth });
  doc.fillColor('black');
  doc.x = left;
  doc.moveDown(1.2);

  const titleSize = fitFontSize(doc, STATEMENT_TITLE, BOLD, 13, 9);
  doc.font(BOLD).fontSize(titleSize).text(STATEMENT_TITLE, left, doc.y, { width, align: 'center' });
  doc.moveDown(0.8);

  doc
    .font(REGULAR)
    .fontSize(9.5)
    .text(`Я, ${fullName}, прошу сформувати кваліфікований сертифікат відкритого ключа відповідно до наведених нижче даних.`, left, doc.y, {
      width,
    });

  heading(doc, '1. Відомості про заявника');
  labelled(doc, 'Прізвище, власне ім’я, по батькові', fullName);
  // On its own line and exactly as given: operators compare it with the signing certificate.
  labelled(doc, identityLabel, p.identityCode);
  labelled(doc, 'Номер телефону', p.phone);
  labelled(doc, 'Email', p.email);
  labelled(doc, 'Населений пункт', p.locality);
  labelled(doc, 'Область', p.region);
  labelled(doc, 'Реквізити іншого документа', p.otherDocument ?? '—');

  heading(doc, '2. Відомості про організацію, працівником якої є заявник');
  labelled(doc, 'Організація', data.organization.name);
  labelled(doc, 'Код ЄДРПОУ', data.organization.edrpou);
  labelled(doc, 'Підрозділ', p.department);
  labelled(doc, 'Посада', p.position);

  heading(doc, '3. Дані, що пропонується включити до сертифіката (суб’єкт)');
  drawTable(
    doc,
    [
      { header: 'Атрибут', width: 112 },
      { header: 'Зміст', width: 120 },
      { header: 'Значення', width: 271 },
    ],
    proposedSubject(data).map((a) => [a.name, a.description, a.value]),
    { fontSize: 8.5, padding: 2.5 },
  );

  heading(doc, '4. Послуга');
  labelled(doc, 'Послуга', data.service);
  labelled(doc, 'Зберігання ключа', data.keyStorageLabel);
  labelled(doc, 'Вид електронного підпису', GRADE_TEXT[data.keyGrade]);
  doc.moveDown(0.3);
  doc
    .font(REGULAR)
    .fontSize(9.5)
    .text(`${data.isReissue ? '☒' : '☐'} ${REISSUE_TEXT}`, left, doc.y, { width });
  doc
    .fontSize(9)
    .fillColor('#333333')
    .text(
      data.isReissue
        ? 'Заявник ідентифікується за чинним кваліфікованим сертифікатом, яким підписує цю заяву; реєстраційні дані не змінилися.'
        : 'Ідентифікація заявника здійснюється за його особистої присутності.',
      left + 14,
      doc.y,
      { width: width - 14 },
    )
    .fillColor('black');
  doc.moveDown(0.3);
  labelled(doc, 'Згода на публікацію сертифіката на web-сайті Надавача', data.publishConsent ? 'так' : 'ні');

  heading(doc, '5. Згода на обробку персональних даних');
  doc
    .font(REGULAR)
    .fontSize(9)
    .text(
      'Відповідно до Закону України «Про захист персональних даних» надаю згоду ' +
        `${data.provider.name} на обробку моїх персональних даних, зазначених у цій заяві, з метою ` +
        'надання кваліфікованих електронних довірчих послуг, зокрема формування, обслуговування ' +
        'та зберігання кваліфікованого сертифіката відкритого ключа, протягом строку, встановленого ' +
        'законодавством. Мене повідомлено про мої права, визначені статтею 8 цього Закону, мету ' +
        'обробки персональних даних і осіб, яким вони передаються. Підтверджую достовірність ' +
        'зазначених у заяві даних.',
      left,
      doc.y,
      { width },
    );

  // The signature block stays on one page.
  doc.moveDown(1);
  ensureSpace(doc, 70);
  const boxY = doc.y;
  const inner = { x: left + 10, width: width - 20 };
  doc
    .font(BOLD)
    .fontSize(10)
    .text('Підписано кваліфікованим електронним підписом заявника', inner.x, boxY + 8, inner);
  doc.font(REGULAR).fontSize(10);
  doc.text(`Заявник: ${fullName}`, inner.x, doc.y + 3, inner);
  if (data.signingId) doc.text(`Ідентифікатор документа: ${data.signingId}`, inner.x, doc.y + 3, inner);
  // The frame is drawn after the text so that it fits however many lines the text took.
  const boxHeight = doc.y - boxY + 7;
  doc.save().lineWidth(0.75).strokeColor('#333333').rect(left, boxY, width, boxHeight).stroke().restore();
  doc.x = left;
  doc.y = boxY + boxHeight;

  stampFooters(doc, `Заява · заявка № ${data.applicationNumber}, запит № ${data.requestNumber} · сформовано ${data.generatedAt}`);
  return finish(doc);
}

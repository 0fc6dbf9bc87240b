import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type ApplicationPdfData, renderApplicationPdf } from './application.pdf';
import { lines, pdfInfo, pdfText } from './testing';

const NAMES = [
  'Ткаченко Наталія Сергіївна',
  "Мар'яненко Мар'яна Ґеннадіївна",
  'Шевчук-Коваленко Єлизавета Олександрівна',
  'Їжакевич Ігор Євгенович',
];

function request(i: number): ApplicationPdfData['requests'][number] {
  return {
    number: i + 1,
    fullName: NAMES[i % NAMES.length],
    identityCode: i % 5 === 4 ? 'КВ123456' : '3111923464',
    position: i % 2 ? 'Лікар загальної практики – сімейний лікар' : i % 4 === 2 ? 'Агроном-ґрунтознавець' : 'Медична сестра',
    department: i % 2 ? 'Амбулаторія загальної практики сімейної медицини №3; Приймальне відділення' : 'Терапевтичне відділення',
    service: 'Формування сертифікату КЕП на 1 рік',
    keyStorageLabel: i % 3 ? 'На захищеному «хмарному» середовищі' : 'Файловий ключ - незахищений носій',
    statusLabel: i % 2 ? 'Підписано' : 'Очікує підпису',
  };
}

function sample(overrides: Partial<ApplicationPdfData> = {}): ApplicationPdfData {
  return {
    number: '122026/7',
    statusLabel: 'Проект',
    createdAt: '01.12.2026',
    organization: { name: 'КНП «Демонстраційна лікарня №1»', edrpou: '43005049' },
    contract: { number: 'КЕП-2026/15', signedOn: '15.01.2026' },
    visitRequired: false,
    visitDate: null,
    renewalDate: '15.12.2026',
    provider: { name: 'КНЕДП «Демо-Сервіс»' },
    requests: [0, 1, 2, 3].map(request),
    responsiblePerson: { fullName: 'Бондаренко Олена Петрівна', phone: '+380501234567' },
    generatedAt: '01.12.2026 14:05',
    ...overrides,
  };
}

describe('renderApplicationPdf', () => {
  it('produces a PDF', async () => {
    const pdf = await renderApplicationPdf(sample());
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.match(pdf.subarray(-8).toString('latin1'), /%%EOF\s*$/);
  });

  it('carries the Ukrainian text exactly, quotes and apostrophes included', async () => {
    const text = await pdfText(await renderApplicationPdf(sample()));
    assert.ok(text.includes('ЗАЯВКА № 122026/7 на продовження кваліфікованих електронних довірчих послуг'));
    assert.ok(text.includes('Організація: КНП «Демонстраційна лікарня №1»'));
    assert.ok(text.includes('Код ЄДРПОУ: 43005049'));
    assert.ok(text.includes('Договір: № КЕП-2026/15 від 15.01.2026'));
    assert.ok(text.includes('Дата продовження: 15.12.2026'));
    assert.ok(text.includes('Необхідний виїзд: ні'));
    assert.ok(text.includes('КНЕДП «Демо-Сервіс»'));
    for (const name of ['Ткаченко Наталія Сергіївна', "Мар'яненко Мар'яна Ґеннадіївна", 'Їжакевич Ігор Євгенович']) {
      assert.ok(text.includes(name), `missing ${name}`);
    }
    assert.ok(text.includes('3111923464'));
    for (const letter of ['ї', 'є', 'ґ', 'і', 'Ї', 'Є', 'Ґ', 'І']) assert.ok(text.includes(letter), `missing ${letter}`);
    for (const header of ['ПІБ', 'Посада', 'Підрозділ', 'Послуга', 'Зберігання ключа', 'Статус']) {
      assert.ok(text.includes(header), `missing column ${header}`);
    }
    assert.ok(text.includes('Бондаренко Олена Петрівна, тел. +380501234567'));
    assert.ok(text.includes('Керівник організації'));
    assert.ok(text.includes('Сторінка 1 з 1'));
  });

  it('shows the visit date when a visit is required, and an empty list as such', async () => {
    const text = await pdfText(
      await renderApplicationPdf(sample({ visitRequired: true, visitDate: '10.12.2026', renewalDate: null, requests: [] })),
    );
    assert.ok(text.includes('Необхідний виїзд: так, дата виїзду 10.12.2026'));
    assert.ok(text.includes('Дата продовження: не визначена'));
    assert.ok(text.includes('Запитів на сертифікат у заявці немає.'));
  });

  it('flows 300 requests across pages with the header and page numbers on each', async () => {
    const requests = Array.from({ length: 300 }, (_, i) => request(i));
    requests[299] = { ...requests[299], fullName: 'Ґудзь Євгенія Їжакова' };
    const pdf = await renderApplicationPdf(sample({ requests }));
    const [text, info] = await Promise.all([pdfText(pdf), pdfInfo(pdf)]);
    const pages = Number(info.Pages);
    assert.ok(pages > 5, `expected many pages, got ${pages}`);
    const pageTexts = text.split('\f').filter((p) => p.trim() !== '');
    assert.equal(pageTexts.length, pages);
    pageTexts.forEach((page, i) => {
      assert.ok(page.includes(`Сторінка ${i + 1} з ${pages}`), `page ${i + 1} lacks its number`);
      assert.ok(page.includes('Зберігання ключа'), `page ${i + 1} lacks the table header`);
    });
    assert.ok(text.includes('Ґудзь Євгенія Їжакова'));
    assert.ok(
      lines(text).some((l) => /^300\s+Ґудзь Євгенія Їжакова\s/.test(l)),
      'row 300 is not on one line',
    );
    assert.ok(text.includes('Кількість запитів на сертифікат: 300'));
  });

  it('sets metadata from the data and gives identical bytes for identical input', async () => {
    const a = await renderApplicationPdf(sample());
    const b = await renderApplicationPdf(sample());
    assert.ok(a.equals(b), 'two renders of the same data differ');
    const info = await pdfInfo(a);
    assert.equal(info.Title, 'ЗАЯВКА № 122026/7 на продовження кваліфікованих електронних довірчих послуг');
    assert.equal(info.Author, 'КНП «Демонстраційна лікарня №1»');
    assert.match(info.Producer, /PDFKit/);
    // 14:05 in Kyiv on 1 December (UTC+2) is 12:05 UTC.
    assert.match(info.CreationDate, /^2026-12-01T12:05:00(Z|\+00(:?00)?)$/);
    const c = await renderApplicationPdf(sample({ generatedAt: '01.12.2026 14:06' }));
    assert.ok(!a.equals(c));
  });
});

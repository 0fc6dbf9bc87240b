import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { proposedSubject, renderStatementPdf, type StatementPdfData } from './statement.pdf';
import { lines, pdfInfo, pdfText } from './testing';

function sample(overrides: Partial<StatementPdfData> = {}): StatementPdfData {
  return {
    applicationNumber: '122026/7',
    requestNumber: 3,
    provider: { name: 'КНЕДП «Демо-Сервіс»' },
    organization: { name: 'КНП «Демонстраційна лікарня №1»', edrpou: '43005049' },
    person: {
      lastName: 'Ткаченко',
      firstAndMiddleName: 'Наталія Сергіївна',
      identityCode: '3111923464',
      identityKind: 'rnokpp',
      phone: '+380501234567',
      email: 'tkachenko@example.com',
      locality: 'Біла Церква',
      region: 'Київська',
      department: 'Терапевтичне відділення; Приймальне відділення',
      position: 'Лікар-терапевт',
      otherDocument: 'Наказ про призначення № 15-к від 02.03.2020',
    },
    service: 'Формування сертифікату КЕП на 1 рік',
    keyStorageLabel: 'На захищеному «хмарному» середовищі',
    keyGrade: 'КЕП',
    isReissue: true,
    publishConsent: true,
    signingId: '7CECA2612A624EF4890C43F91DE96458',
    generatedAt: '01.07.2026 09:30',
    ...overrides,
  };
}

const passportPerson: StatementPdfData['person'] = {
  ...sample().person,
  lastName: "Мар'яненко",
  firstAndMiddleName: "Мар'яна Ґеннадіївна",
  identityCode: 'КВ123456',
  identityKind: 'passport',
  locality: 'Кам’янець-Подільський',
  region: 'Хмельницька',
  department: 'Лабораторія ґрунтознавства',
  otherDocument: null,
};

describe('renderStatementPdf', () => {
  it('produces a PDF', async () => {
    const pdf = await renderStatementPdf(sample());
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  });

  it('shows the name, РНОКПП, organization and subject exactly', async () => {
    const text = await pdfText(await renderStatementPdf(sample()));
    const own = lines(text);
    assert.ok(text.includes('ЗАЯВА на формування кваліфікованого сертифіката відкритого ключа'));
    assert.ok(text.includes('Ткаченко Наталія Сергіївна'));
    assert.ok(own.includes('РНОКПП: 3111923464'), 'РНОКПП is not on a line of its own');
    assert.ok(text.includes('Організація: КНП «Демонстраційна лікарня №1»'));
    assert.ok(text.includes('Код ЄДРПОУ: 43005049'));
    assert.ok(text.includes('КНЕДП «Демо-Сервіс»'));
    for (const value of ['TINUA-3111923464', 'NTRUA-43005049', 'Лікар-терапевт', 'Біла Церква']) {
      assert.ok(text.includes(value), `missing ${value}`);
    }
    assert.ok(
      own.some((l) => /^C\s+країна\s+UA$/.test(l)),
      'C=UA missing',
    );
    assert.ok(text.includes('Послуга: Формування сертифікату КЕП на 1 рік'));
    assert.ok(text.includes('Зберігання ключа: На захищеному «хмарному» середовищі'));
    assert.ok(text.includes('КЕП — кваліфікований електронний підпис'));
    assert.ok(text.includes('☒ Повторна видача на основі ідентифікації з використанням існуючої ключової пари'));
    assert.ok(text.includes('Згода на публікацію сертифіката на web-сайті Надавача: так'));
    assert.ok(text.includes('«Про захист персональних даних»'));
    assert.ok(text.includes('Підписано кваліфікованим електронним підписом заявника'));
    assert.ok(text.includes('Ідентифікатор документа: 7CECA2612A624EF4890C43F91DE96458'));
    assert.ok(text.includes('Сторінка 1 з 1'));
    for (const letter of ['ї', 'є', 'і', 'Є']) assert.ok(text.includes(letter), `missing ${letter}`);
  });

  it('identifies a person without РНОКПП by passport, apostrophes and ґ intact', async () => {
    const data = sample({
      person: passportPerson,
      keyStorageLabel: 'Файловий ключ - незахищений носій',
      keyGrade: 'УЕП',
      isReissue: false,
      publishConsent: false,
      signingId: null,
    });
    const text = await pdfText(await renderStatementPdf(data));
    assert.ok(text.includes("Мар'яненко Мар'яна Ґеннадіївна"));
    assert.ok(lines(text).includes('Паспорт: КВ123456'), 'passport is not on a line of its own');
    assert.ok(!text.includes('РНОКПП:'));
    assert.ok(text.includes('PASUA-КВ123456'));
    assert.ok(text.includes('Кам’янець-Подільський'));
    assert.ok(text.includes('УЕП — удосконалений електронний підпис'));
    assert.ok(text.includes('☐ Повторна видача на основі ідентифікації з використанням існуючої ключової пари'));
    assert.ok(text.includes('Згода на публікацію сертифіката на web-сайті Надавача: ні'));
    assert.ok(text.includes('Реквізити іншого документа: —'));
    assert.ok(!text.includes('Ідентифікатор документа'));
    for (const letter of ['ї', 'є', 'ґ', 'і', 'Ґ']) assert.ok(text.includes(letter), `missing ${letter}`);
  });

  it('shows an empty field as a dash without disturbing the next line', async () => {
    const text = await pdfText(await renderStatementPdf(sample({ person: { ...sample().person, phone: '' } })));
    const own = lines(text);
    const at = own.indexOf('Номер телефону: —');
    assert.ok(at > 0, 'empty phone is not shown as a dash');
    assert.equal(own[at + 1], 'Email: tkachenko@example.com');
  });

  it('builds the subject from the data', () => {
    const subject = Object.fromEntries(
      proposedSubject(sample({ person: { ...passportPerson, identityCode: 'кв 123456' } })).map((a) => [a.name, a.value]),
    );
    assert.equal(subject.CN, "Мар'яненко Мар'яна Ґеннадіївна");
    assert.equal(subject.serialNumber, 'PASUA-КВ123456');
    assert.equal(subject.organizationIdentifier, 'NTRUA-43005049');
    assert.equal(subject.C, 'UA');
  });

  it('is deterministic and carries metadata', async () => {
    const a = await renderStatementPdf(sample());
    assert.ok(a.equals(await renderStatementPdf(sample())));
    const info = await pdfInfo(a);
    assert.equal(info.Author, 'Ткаченко Наталія Сергіївна');
    assert.match(info.Title, /^ЗАЯВА на формування кваліфікованого сертифіката відкритого ключа/);
    // 09:30 in Kyiv on 1 July (UTC+3) is 06:30 UTC.
    assert.match(info.CreationDate, /^2026-07-01T06:30:00(Z|\+00(:?00)?)$/);
  });

  it('keeps a long statement readable over two pages', async () => {
    const long = 'Відділення анестезіології та інтенсивної терапії з ліжками для новонароджених; '.repeat(12);
    const text = await pdfText(await renderStatementPdf(sample({ person: { ...sample().person, department: long.trim() } })));
    assert.ok(text.includes('Сторінка 2 з 2'));
    assert.ok(text.includes('Підписано кваліфікованим електронним підписом заявника'));
  });
});

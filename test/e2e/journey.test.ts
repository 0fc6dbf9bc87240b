import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { formatDate, kyivToday, nextWorkingDay } from '../../src/shared/domain/dates';
import { chooseOption, DESKTOP, eventually, opensslSign, PHONE, screenshot, VO1 } from './page';
import { DEMO_KEY_PASSWORD, type E2EServer, launchBrowser, startServer } from './server';

/**
 * The responsible person's journey through the guide, in a real browser against the real server:
 * log in, create an application, attach a document, add a request found in the registry, send it
 * for signing, and send the application — refused while unsigned, accepted once signed.
 * Elements are found the way a person finds them: by their Ukrainian labels and roles.
 */

const VO2 = { phone: '+380631234567', password: 'demo12345' };
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const KOVALENKO_RNOKPP = '3111923464';

async function logIn(page: Page, url: string, who: { phone: string; password: string }) {
  await page.goto(`${url}/login`);
  await page.getByLabel('Ваш номер телефону').fill(who.phone);
  await page.getByLabel('Пароль').fill(who.password);
  await page.getByRole('button', { name: 'УВІЙТИ' }).click();
  await page.getByRole('heading', { name: 'ЗАЯВКИ' }).waitFor();
}

async function attach(page: Page, slot: string, fileName: string) {
  const group = page.getByRole('group', { name: `Тип файлу: ${slot}` });
  const chooser = page.waitForEvent('filechooser');
  await group.getByRole('button', { name: /ПРИКРІПИТИ/ }).click();
  await (await chooser).setFiles({ name: fileName, mimeType: 'application/pdf', buffer: PDF });
  await group.getByRole('link', { name: `${slot}.pdf` }).waitFor();
}

describe('ВО: від заявки до відправлення до eSign', () => {
  let server: E2EServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let applicationUrl = '';
  let requestId = '';
  let signingLink = '';
  const renewalDate = formatDate(nextWorkingDay(kyivToday(new Date())));

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: DESKTOP, locale: 'uk-UA', timezoneId: 'Europe/Kyiv' });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('входить до кабінету', async () => {
    await page.goto(`${server.url}/applications`);
    // Without a session the cabinet sends the person to the login page.
    await page.getByRole('heading', { name: 'УВІЙТИ ДО ПЕРСОНАЛЬНОГО КАБІНЕТУ' }).waitFor();
    assert.equal(await page.getByLabel('Ваш номер телефону').getAttribute('placeholder'), '+380XXXXXXXXX');
    await screenshot(page, '01-login.png');
    await page.getByLabel('Ваш номер телефону').fill(VO1.phone);
    await page.getByLabel('Пароль').fill(VO1.password);
    await page.getByRole('button', { name: 'УВІЙТИ' }).click();
    await page.getByRole('heading', { name: 'ЗАЯВКИ' }).waitFor();
    await page.getByText('Заявок ще немає').waitFor();
  });

  it('створює заявку: організація і контракт, ЗБЕРЕГТИ дає номер MMYYYY/N', async () => {
    await page.getByRole('button', { name: '+ ПОДАТИ ЗАЯВКУ' }).click();
    await page.getByRole('heading', { name: 'ЗАЯВКА' }).waitFor();
    await page.getByText('Оскільки роль юзера Відповідальна особа, спочатку виберіть організацію').waitFor();
    await chooseOption(page, 'Організація', 'КНП «Демонстраційна лікарня №1»');
    await chooseOption(page, 'Контракти', '№ДЕМО-1 від 01.12.2026');
    await page.getByRole('button', { name: 'ЗБЕРЕГТИ' }).click();
    await page.waitForURL(/\/applications\/[0-9a-f-]{36}$/);
    applicationUrl = page.url();
    await page.getByText('Номер заявки').first().waitFor();
    const number = await page.getByTestId('application-number').textContent();
    const today = kyivToday(new Date());
    assert.match(number ?? '', new RegExp(`^${today.slice(5, 7)}${today.slice(0, 4)}/\\d+$`));
    await page.getByText('Проект', { exact: true }).first().waitFor();
  });

  it('прикріплює «Довідка про співробітників»', async () => {
    const group = page.getByRole('group', { name: 'Тип файлу: Довідка про співробітників' });
    await group.getByText('Документ не прикріплений').waitFor();
    await attach(page, 'Довідка про співробітників', 'dovidka.pdf');
    await group.getByRole('button', { name: 'ПРИКРІПИТИ ІНШИЙ ФАЙЛ' }).waitFor();
  });

  it('створює запит: РНОКПП знаходить персону і заповнює форму', async () => {
    await page.getByRole('button', { name: 'СТВОРИТИ ЗАПИТ' }).click();
    await page.getByRole('heading', { name: 'ЗАПИТ НА СЕРТИФІКАТ' }).waitFor();
    await page.getByLabel('ДРФО (у разі відмови від ІНН, вказати серію та номер паспорту)').fill('3111923464');
    await page.getByText('Знайдено персону: Коваленко Олена Петрівна').waitFor();
    await eventually(async () => {
      assert.equal(await page.getByLabel('Прізвище').inputValue(), 'Коваленко');
      assert.equal(await page.getByLabel("Ім'я та по батькові").inputValue(), 'Олена Петрівна');
      assert.equal(await page.getByLabel('Email').inputValue(), 'o.kovalenko@example.com');
      assert.equal(await page.getByLabel('Посада').inputValue(), 'Лікар-терапевт');
      assert.equal(await page.getByRole('combobox', { name: 'Область', exact: true }).inputValue(), 'м.Київ');
    });
    // A valid certificate: the re-issue by the existing key is ticked for the ВО.
    assert.equal(await page.getByLabel('Повторна видача на основі ідентифікації з використанням існуючої ключової пари').isChecked(), true);
    await page.getByText(/Сертифікат діє до \d{2}\.\d{2}\.\d{4}/).waitFor();

    await chooseOption(page, 'Формування сертифікату', 'Формування сертифікату КЕП на 1 рік');
    await page.getByLabel('На захищеному «хмарному» середовищі').check();
    await page.getByLabel('Даю згоду на публікацію сертифікату на web-сайті Надавача').check();
    await page.getByRole('button', { name: 'ЗБЕРЕГТИ' }).click();
    await page.waitForURL(/\/requests\/[0-9a-f-]{36}$/);
    requestId = page.url().split('/').pop() ?? '';
    await page.getByRole('button', { name: 'ВІДПРАВИТИ ЗАЯВКУ НА ПІДПИС' }).waitFor();
    await screenshot(page, '04-request.png');
  });

  it('відправляє заяву на підпис: статус «Очікує підпису» і лист «Підпис файлу <ID>»', async () => {
    await page.getByRole('button', { name: 'ВІДПРАВИТИ ЗАЯВКУ НА ПІДПИС' }).click();
    await page.getByText('Очікує підпису', { exact: true }).first().waitFor();
    await page.getByText(/Лист «Підпис файлу [0-9A-F]{32}» надіслано на o\.kovalenko@example\.com/).waitFor();
    await page.getByRole('button', { name: 'Надіслати нове посилання' }).waitFor();
    const mail = await eventually(async () => {
      const response = await fetch(`${server.url}/api/dev/mail`);
      const { items } = (await response.json()) as { items: Array<{ to: string; subject: string }> };
      const found = items.find((m) => m.to === 'o.kovalenko@example.com' && /^Підпис файлу [0-9A-F]{32}$/i.test(m.subject));
      assert.ok(found, `no signing e-mail in ${JSON.stringify(items.map((m) => [m.to, m.subject]))}`);
      return found;
    });
    // The page names the same letter the employee received.
    await page.getByText(`Лист «${mail.subject}» надіслано на o.kovalenko@example.com`).waitFor();
    signingLink = await page.getByLabel('Посилання для підпису').inputValue();
  });

  it('прикріплює «Електронна версія заявки на КДП» і бачить відмову з непідписаним запитом', async () => {
    await page.getByRole('button', { name: 'НАЗАД' }).click();
    await page.waitForURL(applicationUrl);
    await page.getByRole('cell', { name: 'Коваленко Олена Петрівна', exact: true }).waitFor();
    // The КДП application must be signed: here a `.p7s` with the PDF inside, made by OpenSSL.
    const kdp = page.getByRole('group', { name: 'Тип файлу: Електронна версія заявки на КДП' });
    const chooser = page.waitForEvent('filechooser');
    await kdp.getByRole('button', { name: 'Файл заявки: .p7s з документом усередині або PDF' }).click();
    await (await chooser).setFiles({
      name: 'zayavka-kdp.pdf.p7s',
      mimeType: 'application/pkcs7-signature',
      buffer: opensslSign(path.join(server.dataDir, 'demo-keys', `${KOVALENKO_RNOKPP}.p12`), PDF, true),
    });
    await kdp.getByRole('button', { name: 'ПРИКРІПИТИ ФАЙЛ' }).click();
    await kdp.getByText('Підпис дійсний').waitFor();
    await kdp.getByRole('button', { name: 'ПРИКРІПИТИ ІНШИЙ ФАЙЛ' }).waitFor();
    await page.getByText('використано 1 з 10').waitFor();

    await page.getByLabel('Дата продовження').fill(renewalDate);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'ВІДПРАВИТИ', exact: true }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'Заявку не можна відправити' });
    await refusal.waitFor();
    await refusal.getByText('Запит №1 (Коваленко Олена Петрівна): заяву не підписано співробітником').waitFor();
    await screenshot(page, '03-application.png');
  });

  it('на телефоні (390 px) заявка і запит читаються', async () => {
    const phone = await browser.newContext({
      viewport: PHONE,
      storageState: await context.storageState(),
      locale: 'uk-UA',
      timezoneId: 'Europe/Kyiv',
      isMobile: true,
      hasTouch: true,
    });
    try {
      const small = await phone.newPage();
      await small.goto(applicationUrl);
      await small.getByRole('heading', { name: 'ЗАЯВКА' }).waitFor();
      await small.getByText('Коваленко Олена Петрівна').first().waitFor();
      // Nothing sticks out sideways but the tables' own scroll areas.
      const overflow = await small.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 1, `the page scrolls sideways by ${overflow}px`);
      await screenshot(small, '06-application-phone.png');
      await small.goto(`${server.url}/requests/${requestId}`);
      await small.getByRole('heading', { name: 'ЗАПИТ НА СЕРТИФІКАТ' }).waitFor();
      await small.getByLabel('Прізвище').waitFor();
      const overflow2 = await small.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow2 <= 1, `the request page scrolls sideways by ${overflow2}px`);
      await screenshot(small, '07-request-phone.png');
    } finally {
      await phone.close();
    }
  });

  it('після підпису ВІДПРАВИТИ переводить заявку у «Відправлено до eSign», і вона стає лише для перегляду', async () => {
    // The employee signs by the link, in a browser of their own, with their key file.
    const employee = await browser.newContext({ viewport: DESKTOP, locale: 'uk-UA', timezoneId: 'Europe/Kyiv' });
    try {
      const sign = await employee.newPage();
      sign.setDefaultTimeout(20_000);
      await sign.goto(signingLink);
      await sign.getByRole('heading', { name: 'Підпис заяви' }).waitFor();
      const chooser = sign.waitForEvent('filechooser');
      await sign.getByRole('button', { name: 'Файл ключа (.p12, .pfx)' }).click();
      await (await chooser).setFiles(path.join(server.dataDir, 'demo-keys', `${KOVALENKO_RNOKPP}.p12`));
      await sign.getByLabel('Пароль до ключа').fill(DEMO_KEY_PASSWORD);
      await sign.getByRole('button', { name: 'ПІДПИСАТИ' }).click();
      await sign.getByText('Заяву підписано', { exact: true }).waitFor();
    } finally {
      await employee.close();
    }
    await page.reload();
    await page.getByRole('cell', { name: 'Підписано' }).first().waitFor();
    await page.getByLabel('Дата продовження').fill(renewalDate);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'ВІДПРАВИТИ', exact: true }).click();
    await page.getByText('Відправлено до eSign', { exact: true }).first().waitFor();
    assert.equal(await page.getByRole('button', { name: 'ВІДПРАВИТИ', exact: true }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'СТВОРИТИ ЗАПИТ' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: /ПРИКРІПИТИ/ }).count(), 0);
    await screenshot(page, '05-sent.png');
    await page.getByRole('navigation').getByRole('link', { name: 'ЗАЯВКИ', exact: true }).click();
    await page.getByRole('heading', { name: 'ЗАЯВКИ' }).waitFor();
    await page.getByRole('cell', { name: 'Відправлено до eSign' }).waitFor();
    await screenshot(page, '02-applications.png');
  });
});

describe('чужа заявка', () => {
  let server: E2EServer;
  let browser: Browser;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('ВО 2 за адресою заявки ВО 1 бачить «Заявку не знайдено»', async () => {
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'uk-UA' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);

    // ВО 1 creates an application (through the UI, as in the journey).
    await logIn(page, server.url, VO1);
    await page.getByRole('button', { name: '+ ПОДАТИ ЗАЯВКУ' }).click();
    await chooseOption(page, 'Організація', 'КНП «Демонстраційна лікарня №1»');
    await chooseOption(page, 'Контракти', '№ДЕМО-1 від 01.12.2026');
    await page.getByRole('button', { name: 'ЗБЕРЕГТИ' }).click();
    await page.waitForURL(/\/applications\/[0-9a-f-]{36}$/);
    const foreignUrl = page.url();
    await page.getByRole('button', { name: 'Вийти' }).click();
    await page.getByRole('heading', { name: 'УВІЙТИ ДО ПЕРСОНАЛЬНОГО КАБІНЕТУ' }).waitFor();

    await logIn(page, server.url, VO2);
    await page.goto(foreignUrl);
    await page.getByRole('heading', { name: 'Заявку не знайдено' }).waitFor();
    assert.equal(await page.getByText('КНП «Демонстраційна лікарня №1»').count(), 0);
    await screenshot(page, '08-not-found.png');
    await context.close();
  });
});

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startJobRunner } from '../../src/server/jobs/job-runner';
import { formatDate, kyivToday, nextWorkingDay } from '../../src/shared/domain/dates';
import { startTestServer } from '../support/server';
import { chooseFile, chooseOption, DESKTOP, eventually, openLink, opensslSign, PHONE, screenshot, VO1 } from './page';
import { DEMO_KEY_PASSWORD, launchBrowser } from './server';

/**
 * The whole cycle in a real browser against the real server: the ВО sends an application with
 * two signed requests; the operator finds it in the inbox, rejects one request with a reason;
 * the ВО sees the reason, corrects the request and has it signed again; the operator accepts
 * the application, runs the renewal now and watches it finish; the ВО downloads the new
 * certificate; anyone finds it in the public directory (without a РНОКПП). Then the operator
 * revokes a certificate, and each role finds the other's pages «не знайдено».
 */

const OPERATOR = { phone: '+380441234567', password: 'operator12345' };
const KOVALENKO = { rnokpp: '3111923464', name: 'Коваленко Олена Петрівна' };
const BONDARENKO = { rnokpp: '3304844106', name: 'Бондаренко Ірина Миколаївна' };
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const REJECTION = 'Нечитабельна або неповна копія паспорта';
const REJECTION_TEXT = 'Додайте скан усіх сторінок';

type Started = Awaited<ReturnType<typeof startTestServer>>;

async function logIn(page: Page, url: string, who: { phone: string; password: string }, heading = 'ЗАЯВКИ') {
  await page.goto(`${url}/login`);
  await page.getByLabel('Ваш номер телефону').fill(who.phone);
  await page.getByLabel('Пароль').fill(who.password);
  await page.getByRole('button', { name: 'УВІЙТИ' }).click();
  await page.getByRole('heading', { name: heading }).waitFor();
}

function overflowOf(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

describe('Оператор: від вхідної заявки до виданого сертифіката', () => {
  let started: Started;
  let url = '';
  let stopRunner: () => Promise<void> = async () => {};
  let browser: Browser;
  let voContext: BrowserContext;
  let vo: Page;
  let operatorContext: BrowserContext;
  let operator: Page;
  let applicationUrl = '';
  let applicationNumber = '';
  let reviewUrl = '';
  const requestUrls: Record<string, string> = {};
  const renewalDate = formatDate(nextWorkingDay(kyivToday(new Date())));

  const keyFile = (rnokpp: string) => `${started.test.dataDir}/demo-keys/${rnokpp}.p12`;

  /** The employee signs the statement by the link, in a browser of their own, with their key file. */
  async function employeeSigns(link: string, rnokpp: string) {
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'uk-UA', timezoneId: 'Europe/Kyiv' });
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(30_000);
      await openLink(page, link);
      await page.getByRole('heading', { name: 'Підпис заяви' }).waitFor();
      await chooseFile(page, 'Файл ключа (.p12, .pfx)', keyFile(rnokpp));
      await page.getByLabel('Пароль до ключа').fill(DEMO_KEY_PASSWORD);
      await page.getByRole('button', { name: 'ПІДПИСАТИ' }).click();
      await page.getByText('Заяву підписано', { exact: true }).waitFor();
    } finally {
      await context.close();
    }
  }

  /** The ВО adds a request for a registry person (cloud key, consent to publish) and sends it for signing. */
  async function addRequest(person: { rnokpp: string; name: string }): Promise<string> {
    await vo.goto(applicationUrl);
    await vo.getByRole('button', { name: 'СТВОРИТИ ЗАПИТ' }).click();
    await vo.getByRole('heading', { name: 'ЗАПИТ НА СЕРТИФІКАТ' }).waitFor();
    await vo.getByLabel('ДРФО (у разі відмови від ІНН, вказати серію та номер паспорту)').fill(person.rnokpp);
    await vo.getByText(`Знайдено персону: ${person.name}`).waitFor();
    await chooseOption(vo, 'Формування сертифікату', 'Формування сертифікату КЕП на 1 рік');
    await vo.getByLabel('На захищеному «хмарному» середовищі').check();
    // The consent is not ticked by default: the person must give it.
    const consent = vo.getByLabel('Даю згоду на публікацію сертифікату на web-сайті Надавача');
    assert.equal(await consent.isChecked(), false);
    await consent.check();
    await vo.getByRole('button', { name: 'ЗБЕРЕГТИ' }).click();
    await vo.waitForURL(/\/requests\/[0-9a-f-]{36}$/);
    requestUrls[person.rnokpp] = vo.url();
    await vo.getByRole('button', { name: 'ВІДПРАВИТИ ЗАЯВКУ НА ПІДПИС' }).click();
    const input = vo.getByLabel('Посилання для підпису');
    await input.waitFor();
    return input.inputValue();
  }

  before(async () => {
    started = await startTestServer();
    url = started.url;
    // The test server runs no job runner of its own; the renewal's jobs need one, on a real clock.
    const runner = startJobRunner({ ...started.test.ctx, now: () => new Date() }, 300);
    stopRunner = () => runner.stop();
    browser = await launchBrowser();
    voContext = await browser.newContext({ viewport: DESKTOP, locale: 'uk-UA', timezoneId: 'Europe/Kyiv', acceptDownloads: true });
    vo = await voContext.newPage();
    vo.setDefaultTimeout(30_000);
    operatorContext = await browser.newContext({ viewport: DESKTOP, locale: 'uk-UA', timezoneId: 'Europe/Kyiv', acceptDownloads: true });
    operator = await operatorContext.newPage();
    operator.setDefaultTimeout(30_000);
  });

  after(async () => {
    await stopRunner();
    await browser?.close();
    await started?.close();
  });

  it('ВО створює заявку з двома підписаними запитами і відправляє її', async () => {
    await logIn(vo, url, VO1);
    await vo.getByRole('button', { name: '+ ПОДАТИ ЗАЯВКУ' }).click();
    await chooseOption(vo, 'Організація', 'КНП «Демонстраційна лікарня №1»');
    await chooseOption(vo, 'Контракти', '№ДЕМО-1 від 01.12.2026');
    await vo.getByRole('button', { name: 'ЗБЕРЕГТИ' }).click();
    await vo.waitForURL(/\/applications\/[0-9a-f-]{36}$/);
    applicationUrl = vo.url();
    applicationNumber = (await vo.getByTestId('application-number').textContent()) ?? '';

    const employeeList = vo.getByRole('group', { name: 'Тип файлу: Довідка про співробітників' });
    const chooser = vo.waitForEvent('filechooser');
    await employeeList.getByRole('button', { name: 'ПРИКРІПИТИ ФАЙЛ' }).click();
    await (await chooser).setFiles({ name: 'dovidka.pdf', mimeType: 'application/pdf', buffer: PDF });
    await employeeList.getByRole('button', { name: 'ПРИКРІПИТИ ІНШИЙ ФАЙЛ' }).waitFor();

    for (const person of [KOVALENKO, BONDARENKO]) {
      const link = await addRequest(person);
      await employeeSigns(link, person.rnokpp);
    }

    await vo.goto(applicationUrl);
    await vo.getByRole('cell', { name: 'Підписано' }).nth(1).waitFor();
    const kdp = vo.getByRole('group', { name: 'Тип файлу: Електронна версія заявки на КДП' });
    const kdpChooser = vo.waitForEvent('filechooser');
    await kdp.getByRole('button', { name: 'Файл заявки: .p7s з документом усередині або PDF' }).click();
    await (await kdpChooser).setFiles({
      name: 'zayavka-kdp.pdf.p7s',
      mimeType: 'application/pkcs7-signature',
      buffer: opensslSign(keyFile(KOVALENKO.rnokpp), PDF, true),
    });
    await kdp.getByRole('button', { name: 'ПРИКРІПИТИ ФАЙЛ' }).click();
    await kdp.getByText('Підпис дійсний').waitFor();

    await vo.getByLabel('Дата продовження').fill(renewalDate);
    await vo.keyboard.press('Escape');
    await vo.getByRole('button', { name: 'ВІДПРАВИТИ', exact: true }).click();
    await vo.getByText('Відправлено до eSign', { exact: true }).first().waitFor();
  });

  it('оператор бачить заявку у «Заявки» з лічильниками і відкриває її', async () => {
    // The operator lands on the inbox, not on the ВО's applications.
    await logIn(operator, url, OPERATOR);
    assert.match(operator.url(), /\/operator\/applications$/);
    const menu = operator.getByRole('navigation', { name: 'Головне меню' });
    for (const item of ['Заявки', 'Сертифікати', 'Організації', 'Користувачі', 'Довірені ЦСК', 'Журнал аудиту', 'Налаштування']) {
      await menu.getByRole('link', { name: item, exact: true }).waitFor();
    }
    await operator.getByRole('tab', { name: /Відправлено до eSign/ }).click();
    const row = operator.getByRole('row').filter({ hasText: applicationNumber });
    await row.waitFor();
    await row.getByText('КНП «Демонстраційна лікарня №1»').waitFor();
    await row.getByText('Запитів: 2').waitFor();
    await row.getByText('підписано: 2').waitFor();
    await row.getByText(renewalDate).waitFor();
    await screenshot(operator, '12-operator-inbox.png');

    await row.getByRole('link', { name: applicationNumber }).click();
    await operator.waitForURL(/\/operator\/applications\/[0-9a-f-]{36}$/);
    reviewUrl = operator.url();
    await operator.getByRole('heading', { name: `ЗАЯВКА № ${applicationNumber}` }).waitFor();
    for (const person of [KOVALENKO, BONDARENKO]) {
      const card = operator.getByRole('article').filter({ hasText: person.name });
      await card.getByText(person.rnokpp, { exact: true }).waitFor();
      await card.getByText('Формування сертифікату КЕП на 1 рік').waitFor();
      const statement = card.getByRole('group', { name: 'Тип файлу: Заявка' });
      await statement.getByText('Підпис дійсний').waitFor();
      await statement.getByText(`TINUA-${person.rnokpp}`).waitFor();
      await statement.getByRole('link', { name: 'Завантажити підпис (.p7s): Заявка' }).waitFor();
    }
    const kdp = operator.getByRole('group', { name: 'Тип файлу: Електронна версія заявки на КДП' });
    await kdp.getByText('Підпис дійсний').waitFor();
    await operator.getByRole('button', { name: 'ПОВЕРНУТИ НА ДООПРАЦЮВАННЯ' }).waitFor();
    await screenshot(operator, '13-operator-review.png');
  });

  it('на телефоні (390 px) сторінка розгляду читається', async () => {
    const phone = await browser.newContext({
      viewport: PHONE,
      storageState: await operatorContext.storageState(),
      locale: 'uk-UA',
      timezoneId: 'Europe/Kyiv',
      isMobile: true,
      hasTouch: true,
    });
    try {
      const small = await phone.newPage();
      small.setDefaultTimeout(30_000);
      await small.goto(reviewUrl);
      await small.getByRole('heading', { name: `ЗАЯВКА № ${applicationNumber}` }).waitFor();
      await small.getByRole('article').filter({ hasText: BONDARENKO.name }).getByText('Підпис дійсний').waitFor();
      const overflow = await overflowOf(small);
      assert.ok(overflow <= 1, `the review page scrolls sideways by ${overflow}px`);
      await screenshot(small, '13-operator-review-phone.png');
      // The inbox on a phone: the status tabs wrap, the table turns into cards, the menu hides behind a burger.
      await small.goto(`${url}/operator/applications`);
      await small.getByRole('link', { name: `Заявка № ${applicationNumber}` }).waitFor();
      const inboxOverflow = await overflowOf(small);
      assert.ok(inboxOverflow <= 1, `the inbox scrolls sideways by ${inboxOverflow}px`);
      await screenshot(small, '12-operator-inbox-phone.png');
      await small.getByRole('button', { name: 'Головне меню' }).click();
      await small.getByRole('link', { name: 'Журнал аудиту', exact: true }).waitFor();
    } finally {
      await phone.close();
    }
  });

  it('оператор ВІДХИЛЯЄ запит з причиною', async () => {
    const card = operator.getByRole('article').filter({ hasText: BONDARENKO.name });
    await card.getByRole('button', { name: `ВІДХИЛИТИ запит: ${BONDARENKO.name}` }).click();
    const dialog = operator.getByRole('dialog', { name: 'Відхилити запит' });
    await dialog.getByRole('combobox', { name: 'Типова причина' }).click();
    await operator.getByRole('option', { name: REJECTION }).click();
    await dialog.getByLabel('Причина відхилення').fill(REJECTION_TEXT);
    await dialog.getByText(`Відповідальна особа побачить: «${REJECTION}. ${REJECTION_TEXT}»`).waitFor();
    await dialog.getByRole('button', { name: 'ВІДХИЛИТИ' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await card.getByText('ВІДХИЛЕНО', { exact: true }).first().waitFor();
    await card.getByText(`${REJECTION}. ${REJECTION_TEXT}`).waitFor();
    // The other request stays signed.
    await operator.getByRole('article').filter({ hasText: KOVALENKO.name }).getByText('Підписано', { exact: true }).waitFor();
  });

  it('ВО бачить причину, виправляє запит і надсилає на підпис знову; співробітник підписує', async () => {
    await vo.goto(requestUrls[BONDARENKO.rnokpp]);
    const rejected = vo.getByRole('alert').filter({ hasText: `ВІДХИЛЕНО: ${REJECTION}. ${REJECTION_TEXT}` });
    await rejected.waitFor();
    await rejected.getByText('Виправте дані та надішліть на підпис знову.').waitFor();
    await screenshot(vo, '16-vo-rejected.png');
    // A second department: the certificate's OU changes, which the operator is warned about.
    await vo.getByLabel('Підрозділ').fill('Педіатричне відділення; Приймальне відділення');
    await vo.getByLabel('Номер телефону').fill('+380671112299');
    await vo.getByRole('button', { name: 'ЗБЕРЕГТИ' }).click();
    await vo.getByText('Проект', { exact: true }).first().waitFor();
    await vo.getByRole('button', { name: 'ВІДПРАВИТИ ЗАЯВКУ НА ПІДПИС' }).click();
    const input = vo.getByLabel('Посилання для підпису');
    await input.waitFor();
    await employeeSigns(await input.inputValue(), BONDARENKO.rnokpp);
    await vo.reload();
    await vo.getByText('Підписано', { exact: true }).first().waitFor();
  });

  it('оператор ПРИЙМАЄ заявку з датою, запускає продовження зараз і бачить «Виконано»', async () => {
    await operator.reload();
    const bondarenko = operator.getByRole('article').filter({ hasText: BONDARENKO.name });
    await bondarenko.getByText('Підписано', { exact: true }).waitFor();
    const warning = bondarenko.getByRole('alert').filter({ hasText: 'Зверніть увагу' });
    await warning.getByText(/Змінилися дані з часу поточного сертифіката: підрозділ/).waitFor();
    await operator.getByRole('button', { name: 'ПРИЙНЯТИ', exact: true }).click();
    const dialog = operator.getByRole('dialog', { name: 'Прийняти заявку' });
    // The ВО's date comes pre-filled.
    assert.equal(await dialog.getByLabel('Дата продовження').inputValue(), renewalDate);
    await dialog.getByText(`Відповідальна особа обрала ${renewalDate}`).waitFor();
    await dialog.getByRole('button', { name: 'ПРИЙНЯТИ' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await operator.getByText('Прийнято', { exact: true }).first().waitFor();
    await operator.getByText(`Заплановано на ${renewalDate} 00:05`).waitFor();

    await operator.getByRole('button', { name: 'ЗАПУСТИТИ ПРОДОВЖЕННЯ ЗАРАЗ' }).click();
    await operator
      .getByRole('dialog', { name: 'Запустити продовження зараз?' })
      .getByRole('button', { name: 'ЗАПУСТИТИ ПРОДОВЖЕННЯ ЗАРАЗ' })
      .click();
    await operator.getByText('Сформовано 2 з 2', { exact: true }).waitFor({ timeout: 60_000 });
    await operator.getByRole('alert').filter({ hasText: 'Виконано' }).waitFor();
    await operator.getByText('Виконано', { exact: true }).first().waitFor();
    for (const person of [KOVALENKO, BONDARENKO]) {
      const card = operator.getByRole('article').filter({ hasText: person.name });
      await card.getByText('Сертифікат сформовано').first().waitFor();
    }
    await screenshot(operator, '14-operator-progress.png');
  });

  it('ВО бачить «Сертифікат сформовано» і завантажує сертифікат', async () => {
    await vo.goto(requestUrls[KOVALENKO.rnokpp]);
    const issued = vo.getByRole('alert', { name: 'Сертифікат сформовано' });
    await issued.waitFor();
    await issued.getByText(/^Чинний з \d{2}\.\d{2}\.\d{4} по \d{2}\.\d{2}\.\d{4}$/).waitFor();
    await issued.getByText(renewalDate, { exact: false }).waitFor();
    const download = vo.waitForEvent('download');
    await issued.getByRole('link', { name: 'ЗАВАНТАЖИТИ СЕРТИФІКАТ' }).click();
    const file = await download;
    const bytes = readFileSync((await file.path()) ?? '');
    // DER: an ASN.1 SEQUENCE.
    assert.equal(bytes[0], 0x30, `the certificate file starts with ${bytes.subarray(0, 4).toString('hex')}`);
    assert.ok(bytes.length > 300);
  });

  it('публічний пошук знаходить опублікований сертифікат без РНОКПП', async () => {
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'uk-UA', timezoneId: 'Europe/Kyiv' });
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(30_000);
      await page.goto(`${url}/login`);
      await page.getByRole('link', { name: 'Пошук сертифікатів' }).click();
      await page.getByRole('heading', { name: 'ПОШУК СЕРТИФІКАТІВ' }).waitFor();
      await page.getByLabel('Прізвище, організація, ЄДРПОУ або серійний номер').fill('Коваленко');
      await page.getByRole('button', { name: 'ЗНАЙТИ' }).click();
      const row = page.getByRole('row').filter({ hasText: KOVALENKO.name });
      await row.waitFor();
      await row.getByText('Чинний').waitFor();
      const body = (await page.locator('body').textContent()) ?? '';
      assert.ok(!body.includes(KOVALENKO.rnokpp) && !body.includes('TINUA'), 'the public page shows a РНОКПП');
      const href = await row.getByRole('link', { name: `Завантажити сертифікат (.cer, DER): ${KOVALENKO.name}` }).getAttribute('href');
      const der = await fetch(`${url}${href}`);
      assert.equal(der.status, 200);
      assert.equal(new Uint8Array(await der.arrayBuffer())[0], 0x30);
      const pemHref = await row.getByRole('link', { name: `Завантажити сертифікат (.pem): ${KOVALENKO.name}` }).getAttribute('href');
      assert.match(await (await fetch(`${url}${pemHref}`)).text(), /^-----BEGIN CERTIFICATE-----/);
      await screenshot(page, '15-public-certificates.png');

      await page.getByRole('link', { name: 'СЕРТИФІКАТИ ЦСК' }).click();
      await page.getByRole('heading', { name: 'СЕРТИФІКАТИ ЦСК' }).waitFor();
      for (const name of ['Кореневий сертифікат', 'Сертифікат ЦСК, що видає', 'Список відкликаних сертифікатів']) {
        for (const format of ['DER', 'PEM']) {
          const link = await page.getByRole('link', { name: `Завантажити ${format}: ${name}` }).getAttribute('href');
          const response = await fetch(`${url}${link}`);
          assert.equal(response.status, 200, `${link} answered ${response.status}`);
        }
      }
    } finally {
      await context.close();
    }
  });

  it('оператор відкликає сертифікат, і реєстр показує його відкликаним', async () => {
    await operator.getByRole('navigation', { name: 'Головне меню' }).getByRole('link', { name: 'Сертифікати', exact: true }).click();
    await operator.getByRole('heading', { name: 'СЕРТИФІКАТИ' }).waitFor();
    await operator.getByRole('textbox', { name: 'Пошук' }).fill('Бондаренко');
    const row = operator.getByRole('row').filter({ hasText: BONDARENKO.name }).filter({ hasText: 'Чинний' });
    await row.first().waitFor();
    const rows = await row.count();
    await row.first().getByRole('button', { name: 'ВІДКЛИКАТИ' }).click();
    const dialog = operator.getByRole('dialog', { name: 'Відкликати сертифікат' });
    await dialog.getByRole('combobox', { name: 'Причина відкликання' }).click();
    await operator.getByRole('option', { name: 'Зміна даних або місця роботи' }).click();
    await dialog.getByRole('button', { name: 'ВІДКЛИКАТИ' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await eventually(async () => assert.equal(await row.count(), rows - 1));
    const revoked = operator.getByRole('row').filter({ hasText: BONDARENKO.name }).filter({ hasText: 'Відкликано' });
    await revoked.first().getByText('Зміна даних або місця роботи', { exact: false }).waitFor();
    // The CRL lists it now.
    const crl = await (await fetch(`${url}/ca/issuing.crl.pem`)).text();
    assert.match(crl, /BEGIN X509 CRL/);
  });

  it('ВО за адресою оператора і оператор за адресою ВО бачать «Сторінку не знайдено»', async () => {
    await vo.goto(`${url}/operator/applications`);
    await vo.getByRole('heading', { name: 'Сторінку не знайдено' }).waitFor();
    await vo.goto(reviewUrl);
    await vo.getByRole('heading', { name: 'Сторінку не знайдено' }).waitFor();
    assert.equal(await vo.getByText('Журнал аудиту').count(), 0);
    await operator.goto(applicationUrl);
    await operator.getByRole('heading', { name: 'Сторінку не знайдено' }).waitFor();
  });

  it('бек-офіс: організація з договором, відповідальна особа, довірені ЦСК, журнал, налаштування', async () => {
    const menu = operator.getByRole('navigation', { name: 'Головне меню' });
    // Організації: a new organization and its contract.
    await menu.getByRole('link', { name: 'Організації', exact: true }).click();
    await operator.getByRole('heading', { name: 'ОРГАНІЗАЦІЇ' }).waitFor();
    await operator.getByRole('article', { name: 'КНП «Демонстраційна лікарня №1»' }).getByText('№ДЕМО-1').waitFor();
    await operator.getByRole('button', { name: 'ДОДАТИ ОРГАНІЗАЦІЮ' }).click();
    let dialog = operator.getByRole('dialog', { name: 'Нова організація' });
    await dialog.getByLabel('Назва організації').fill('КНП «Тестова поліклініка»');
    await dialog.getByLabel('Код ЄДРПОУ').fill('38728445');
    await dialog.getByRole('button', { name: 'ЗБЕРЕГТИ' }).click();
    await dialog.getByText('Невірна контрольна цифра коду ЄДРПОУ').waitFor();
    await dialog.getByLabel('Код ЄДРПОУ').fill('38728444');
    await dialog.getByRole('button', { name: 'ЗБЕРЕГТИ' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const organization = operator.getByRole('article', { name: 'КНП «Тестова поліклініка»' });
    await organization.getByText('Договорів ще немає').waitFor();
    await organization.getByRole('button', { name: 'ДОДАТИ ДОГОВІР' }).click();
    dialog = operator.getByRole('dialog').filter({ hasText: 'КНП «Тестова поліклініка»' });
    await dialog.getByLabel('Номер договору').fill('Т-7');
    await dialog.getByLabel('Кількість сертифікатів').fill('25');
    await dialog.getByLabel('Послуги').click();
    await operator.getByRole('option', { name: 'Формування сертифікату КЕП на 1 рік' }).click();
    await dialog.getByLabel('Дата договору').fill('01.12.2026');
    await dialog.getByLabel('Діє з').fill('01.12.2026');
    // Out of the date field, so its calendar closes (Escape would close the whole dialog).
    await dialog.getByText('КНП «Тестова поліклініка»').click();
    await dialog.getByRole('button', { name: 'ЗБЕРЕГТИ' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const contract = organization.getByRole('row').filter({ hasText: '№Т-7' });
    await contract.getByText('0 з 25').waitFor();
    await contract.getByText('Діє', { exact: true }).waitFor();
    await screenshot(operator, '17-operator-organizations.png');

    // Користувачі: a new ВО of that organization, invited by e-mail; blocked after a confirmation.
    await menu.getByRole('link', { name: 'Користувачі', exact: true }).click();
    await operator.getByRole('heading', { name: 'КОРИСТУВАЧІ' }).waitFor();
    await operator.getByRole('button', { name: 'ДОДАТИ ВІДПОВІДАЛЬНУ ОСОБУ' }).click();
    dialog = operator.getByRole('dialog', { name: 'Нова відповідальна особа' });
    await dialog.getByLabel('ПІБ').fill('Мельник Оксана Іванівна');
    await dialog.getByLabel('Номер телефону (логін)').fill('067 555 44 33');
    await dialog.getByLabel('Email').fill('o.melnyk@example.com');
    await dialog.getByLabel('Організації').click();
    await operator.getByRole('option', { name: 'КНП «Тестова поліклініка» (38728444)' }).click();
    await dialog.getByText('Нова відповідальна особа').click();
    await dialog.getByRole('button', { name: 'СТВОРИТИ І НАДІСЛАТИ ЗАПРОШЕННЯ' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const user = operator.getByRole('row').filter({ hasText: 'Мельник Оксана Іванівна' });
    await user.getByText('+380675554433').waitFor();
    await user.getByText('Запрошено').waitFor();
    await user.getByRole('button', { name: 'Дії: Мельник Оксана Іванівна' }).click();
    await operator.getByRole('menuitem', { name: 'Заблокувати' }).click();
    const confirm = operator.getByRole('dialog', { name: 'Заблокувати обліковий запис?' });
    await confirm.getByRole('button', { name: 'Заблокувати' }).click();
    await user.getByText('Заблоковано').waitFor();
    await screenshot(operator, '18-operator-users.png');

    // Довірені ЦСК: the provider's own CA is there.
    await menu.getByRole('link', { name: 'Довірені ЦСК', exact: true }).click();
    await operator.getByRole('heading', { name: 'ДОВІРЕНІ ЦСК' }).waitFor();
    await operator.getByText('Власний ЦСК').first().waitFor();
    // Another provider's CA (made by OpenSSL) is imported from a PEM file, then removed again.
    const caDir = mkdtempSync(path.join(tmpdir(), 'kep-other-ca-'));
    const caPem = path.join(caDir, 'other-ca.pem');
    execFileSync('/usr/bin/openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      path.join(caDir, 'key.pem'),
      '-subj',
      '/CN=Other Provider CA/O=Other/C=UA',
      '-days',
      '365',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-out',
      caPem,
    ]);
    await chooseFile(operator, 'ІМПОРТУВАТИ ФАЙЛ', caPem);
    await operator.getByText('Додано сертифікатів: 1; уже були довіреними: 0').waitFor();
    const imported = operator.getByRole('row').filter({ hasText: 'Other Provider CA' });
    await imported.getByText('Імпортовано').waitFor();
    await imported.getByRole('button', { name: /^Прибрати з довірених/ }).click();
    await operator.getByRole('dialog', { name: 'Прибрати ЦСК з довірених?' }).getByRole('button', { name: 'Прибрати' }).click();
    await operator.getByText(/ЦСК «.*Other Provider CA.*» прибрано з довірених/).waitFor();
    assert.equal(await operator.getByRole('row').filter({ hasText: 'Other Provider CA' }).count(), 0);
    rmSync(caDir, { recursive: true, force: true });

    // Журнал аудиту: what happened above, and the chain's check.
    await menu.getByRole('link', { name: 'Журнал аудиту', exact: true }).click();
    await operator.getByRole('heading', { name: 'ЖУРНАЛ АУДИТУ' }).waitFor();
    await operator.getByText('REQUEST_REJECTED').first().waitFor();
    await operator.getByText('APPLICATION_ACCEPTED').first().waitFor();
    const csv = await operator.getByRole('link', { name: 'Завантажити CSV' }).getAttribute('href');
    const csvResponse = await operator.request.get(`${url}${csv}`);
    assert.equal(csvResponse.status(), 200);
    assert.match(await csvResponse.text(), /APPLICATION_ACCEPTED/);
    await operator.getByRole('button', { name: 'Перевірити цілісність' }).click();
    await operator.getByText('Журнал цілісний').waitFor();
    await screenshot(operator, '19-operator-audit.png');

    // Налаштування: the remote re-issue limit.
    await menu.getByRole('link', { name: 'Налаштування', exact: true }).click();
    const limit = operator.getByLabel('Дистанційних повторних видач поспіль');
    await eventually(async () => assert.equal(await limit.inputValue(), '1'));
    await limit.fill('2');
    await operator.getByRole('button', { name: 'ЗБЕРЕГТИ' }).click();
    await operator.getByText('Налаштування збережено').waitFor();
    await operator.reload();
    await eventually(async () => assert.equal(await operator.getByLabel('Дистанційних повторних видач поспіль').inputValue(), '2'));
  });
});

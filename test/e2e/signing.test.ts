import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chooseFile, chooseOption, DESKTOP, openLink, opensslSign, PHONE, screenshot, VO1 } from './page';
import { DEMO_KEY_PASSWORD, type E2EServer, launchBrowser, startServer } from './server';

/**
 * The employee's signature by the link from «Підпис файлу …», in a real browser against the real
 * server: the ВО sends the statement, the employee (no account, a browser of their own) signs it
 * with a key file in the browser or uploads a `.p7s` made by OpenSSL, and the ВО's open request
 * page turns `Підписано` by itself. Refusals (wrong password, someone else's key, an expired or
 * replaced link) show their Ukrainian reasons.
 */

const KOVALENKO = { rnokpp: '3111923464', name: 'Коваленко Олена Петрівна' };
const SHEVCHENKO = { rnokpp: '2879510270' };
const BONDARENKO = { rnokpp: '3304844106' };
const MELNYK = { rnokpp: '2521131334' };
const TKACHENKO = { rnokpp: '3497158565' };

describe('Співробітник підписує заяву за посиланням', () => {
  let server: E2EServer;
  let browser: Browser;
  let voContext: BrowserContext;
  let vo: Page;
  let applicationUrl = '';
  let requestUrl = '';
  let link = '';

  /** The ВО adds a request for a registry person and sends it for signing; returns the link. */
  async function sendRequestForSigning(
    rnokpp: string,
    storage = 'На захищеному «хмарному» середовищі',
  ): Promise<{ url: string; link: string }> {
    await vo.goto(applicationUrl);
    await vo.getByRole('button', { name: 'СТВОРИТИ ЗАПИТ' }).click();
    await vo.getByRole('heading', { name: 'ЗАПИТ НА СЕРТИФІКАТ' }).waitFor();
    await vo.getByLabel('ДРФО (у разі відмови від ІНН, вказати серію та номер паспорту)').fill(rnokpp);
    await vo.getByText(/Знайдено персону: /).waitFor();
    await chooseOption(vo, 'Формування сертифікату', 'Формування сертифікату КЕП на 1 рік');
    await vo.getByLabel(storage).check();
    await vo.getByRole('button', { name: 'ЗБЕРЕГТИ' }).click();
    await vo.waitForURL(/\/requests\/[0-9a-f-]{36}$/);
    await vo.getByRole('button', { name: 'ВІДПРАВИТИ ЗАЯВКУ НА ПІДПИС' }).click();
    const input = vo.getByLabel('Посилання для підпису');
    await input.waitFor();
    return { url: vo.url(), link: await input.inputValue() };
  }

  /** A browser of the employee's own: no cabinet session. */
  async function employeePage(viewport = DESKTOP, mobile = false): Promise<Page> {
    const context = await browser.newContext({
      viewport,
      locale: 'uk-UA',
      timezoneId: 'Europe/Kyiv',
      acceptDownloads: true,
      ...(mobile ? { isMobile: true, hasTouch: true } : {}),
    });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    return page;
  }

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    voContext = await browser.newContext({ viewport: DESKTOP, locale: 'uk-UA', timezoneId: 'Europe/Kyiv' });
    vo = await voContext.newPage();
    vo.setDefaultTimeout(20_000);
    await vo.goto(`${server.url}/login`);
    await vo.getByLabel('Ваш номер телефону').fill(VO1.phone);
    await vo.getByLabel('Пароль').fill(VO1.password);
    await vo.getByRole('button', { name: 'УВІЙТИ' }).click();
    await vo.getByRole('heading', { name: 'ЗАЯВКИ' }).waitFor();
    await vo.getByRole('button', { name: '+ ПОДАТИ ЗАЯВКУ' }).click();
    await chooseOption(vo, 'Організація', 'КНП «Демонстраційна лікарня №1»');
    await chooseOption(vo, 'Контракти', '№ДЕМО-1 від 01.12.2026');
    await vo.getByRole('button', { name: 'ЗБЕРЕГТИ' }).click();
    await vo.waitForURL(/\/applications\/[0-9a-f-]{36}$/);
    applicationUrl = vo.url();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('ВО надсилає заяву на підпис і бачить посилання', async () => {
    ({ url: requestUrl, link } = await sendRequestForSigning(KOVALENKO.rnokpp));
    assert.match(link, new RegExp(`^${server.url}/sign/[^/]+$`));
    await vo.getByText('Очікує підпису', { exact: true }).first().waitFor();
  });

  it('сторінка підпису без входу: дані заяви, PDF, строк посилання', async () => {
    const page = await employeePage();
    await openLink(page, link);
    await page.getByRole('heading', { name: 'Підпис заяви' }).waitFor();
    await page.getByText(KOVALENKO.name, { exact: true }).waitFor();
    await page.getByText(KOVALENKO.rnokpp, { exact: true }).waitFor();
    await page.getByText('ЄДРПОУ', { exact: false }).first().waitFor();
    await page.getByText(/Посилання дійсне до \d{2}\.\d{2}\.\d{4}/).waitFor();
    const pdf = page.getByRole('link', { name: 'Переглянути заяву (PDF)' });
    const href = await pdf.getAttribute('href');
    const response = await fetch(`${server.url}${href}`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /application\/pdf/);
    // No cabinet menu and no login for the employee.
    assert.equal(await page.getByRole('link', { name: 'ЗАЯВКИ', exact: true }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Вийти' }).count(), 0);
    await page.context().close();
  });

  it('невірний пароль до ключа: повідомлення біля поля пароля', async () => {
    const page = await employeePage();
    await openLink(page, link);
    await chooseFile(page, 'Файл ключа (.p12, .pfx)', server.demoKeyFile(KOVALENKO.rnokpp));
    await page.getByLabel('Пароль до ключа').fill('not-the-password');
    await page.getByRole('button', { name: 'ПІДПИСАТИ' }).click();
    await page.getByText('Невірний пароль до файлу ключа').waitFor();
    // Nothing was sent: the key file did not open.
    assert.equal(await page.getByRole('alert').filter({ hasText: 'Підпис не прийнято' }).count(), 0);
    await page.context().close();
  });

  it('ключ іншої особи сервер відхиляє: причина на сторінці, а ВО бачить спробу', async () => {
    const page = await employeePage();
    await openLink(page, link);
    await chooseFile(page, 'Файл ключа (.p12, .pfx)', server.demoKeyFile(SHEVCHENKO.rnokpp));
    await page.getByLabel('Пароль до ключа').fill(DEMO_KEY_PASSWORD);
    await page.getByRole('button', { name: 'ПІДПИСАТИ' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'Підпис не прийнято' });
    await refusal.waitFor();
    const text = (await refusal.textContent()) ?? '';
    assert.ok(text.replace('Підпис не прийнято', '').trim().length > 10, `no reason in «${text}»`);
    // The form stays as it was, ready for the right key.
    assert.equal(await page.getByLabel('Пароль до ключа').inputValue(), DEMO_KEY_PASSWORD);
    await page.context().close();
    // The ВО's page (open, not reloaded) shows the refused attempt.
    await vo.getByText(/^Спроба підпису \d{2}\.\d{2}\.\d{4} \d{2}:\d{2}: .+/).waitFor();
  });

  it('підписує своїм файловим ключем у браузері: «Заяву підписано» і звіт про підпис', async () => {
    const page = await employeePage();
    await openLink(page, link);
    await page.getByRole('tab', { name: 'Файловий ключ' }).waitFor();
    await screenshot(page, '09-signing.png');
    await chooseFile(page, 'Файл ключа (.p12, .pfx)', server.demoKeyFile(KOVALENKO.rnokpp));
    await page.getByLabel('Пароль до ключа').fill(DEMO_KEY_PASSWORD);
    await page.getByRole('button', { name: 'ПІДПИСАТИ' }).click();
    await page.getByText('Заяву підписано', { exact: true }).waitFor();
    const report = page.getByRole('region', { name: 'Перевірка підпису' });
    await report.getByText(KOVALENKO.name).waitFor();
    await report.getByText(`TINUA-${KOVALENKO.rnokpp}`).waitFor();
    await report.getByText('Підпис дійсний').waitFor();
    await report.getByText('Сертифікат №').waitFor();
    await report.getByText('Видавець').waitFor();
    await report.getByText(/з \d{2}\.\d{2}\.\d{4} по \d{2}\.\d{2}\.\d{4}/).waitFor();
    await page.context().close();
  });

  it('відкрита сторінка ВО сама показує «Підписано» і підписану заяву зі звітом', async () => {
    assert.equal(vo.url(), requestUrl);
    await vo.getByText('Підписано', { exact: true }).first().waitFor({ timeout: 20_000 });
    const slot = vo.getByRole('group', { name: 'Тип файлу: Заявка' });
    await slot.getByRole('link', { name: /Завантажити PDF: Заявка/ }).waitFor();
    const p7s = slot.getByRole('link', { name: 'Завантажити підпис (.p7s): Заявка' });
    const href = await p7s.getAttribute('href');
    const response = await vo.request.get(`${server.url}${href}`);
    assert.equal(response.status(), 200);
    assert.ok((await response.body()).length > 100);
    await slot.getByText('Підпис дійсний').waitFor();
    await slot.getByText(`TINUA-${KOVALENKO.rnokpp}`).waitFor();
    await screenshot(vo, '11-signed-report.png');
  });

  it('використане посилання каже, що заяву вже підписано', async () => {
    const page = await employeePage();
    await openLink(page, link);
    await page.getByText(/^Заяву вже підписано \d{2}\.\d{2}\.\d{4} \d{2}:\d{2}; посилання більше не діє для підпису\.$/).waitFor();
    assert.equal(await page.getByRole('button', { name: 'ПІДПИСАТИ' }).count(), 0);
    await page.getByText('Підпис дійсний').waitFor();
    await page.context().close();
  });

  it('«Готовий підпис (.p7s)» від OpenSSL над завантаженою заявою приймається (телефон, 390 px)', async () => {
    const sent = await sendRequestForSigning(SHEVCHENKO.rnokpp);
    const token = sent.link.split('/').pop() ?? '';
    const statement = Buffer.from(await (await fetch(`${server.url}/api/signing/${token}/statement.pdf`)).arrayBuffer());
    assert.equal(statement.subarray(0, 5).toString(), '%PDF-');
    const signature = opensslSign(server.demoKeyFile(SHEVCHENKO.rnokpp), statement);

    const page = await employeePage(PHONE, true);
    await openLink(page, sent.link);
    await page.getByRole('heading', { name: 'Підпис заяви' }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 1, `the signing page scrolls sideways by ${overflow}px`);
    await screenshot(page, '10-signing-phone.png');
    await page.getByRole('tab', { name: 'Готовий підпис (.p7s)' }).click();
    await chooseFile(page, 'Файл підпису (.p7s)', { name: 'zayava.pdf.p7s', mimeType: 'application/pkcs7-signature', buffer: signature });
    await page.getByRole('button', { name: 'НАДІСЛАТИ ПІДПИС' }).click();
    await page.getByText('Заяву підписано', { exact: true }).waitFor();
    await page.getByText('Підпис дійсний').waitFor();
    await page.context().close();
  });

  it('файловий ключ: новий ключ генерується в браузері, зберігається, запит іде разом із підписом', async () => {
    const sent = await sendRequestForSigning(BONDARENKO.rnokpp, 'Файловий ключ - незахищений носій');
    const page = await employeePage();
    await openLink(page, sent.link);
    await page.getByRole('heading', { name: 'Новий ключ' }).waitFor();
    // Signing waits for the new key file.
    assert.equal(await page.getByRole('button', { name: 'ПІДПИСАТИ' }).isDisabled(), true);
    await page.getByLabel('Пароль до нового ключа').fill('short');
    await page.getByRole('button', { name: 'ЗГЕНЕРУВАТИ НОВИЙ КЛЮЧ' }).click();
    await page.getByText('Пароль має містити щонайменше 8 символів').waitFor();
    await page.getByLabel('Пароль до нового ключа').fill('new-key-pass-1');
    await page.getByLabel('Повторіть пароль').fill('new-key-pass-1');
    await page.getByRole('button', { name: 'ЗГЕНЕРУВАТИ НОВИЙ КЛЮЧ' }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Зберегти файл нового ключа' }).click();
    assert.equal((await download).suggestedFilename(), `${BONDARENKO.rnokpp}-new.p12`);
    // The saved file is a PKCS#12 that opens with the chosen password.
    const saved = await (await download).path();
    const info = execFileSync('/usr/bin/openssl', [
      'pkcs12',
      '-in',
      saved,
      '-passin',
      'pass:new-key-pass-1',
      '-nodes',
      '-nocerts',
    ]).toString();
    assert.match(info, /BEGIN PRIVATE KEY/);

    await chooseFile(page, 'Файл ключа (.p12, .pfx)', server.demoKeyFile(BONDARENKO.rnokpp));
    await page.getByLabel('Пароль до ключа').fill(DEMO_KEY_PASSWORD);
    await page.getByRole('button', { name: 'ПІДПИСАТИ' }).click();
    await page.getByText('Заяву підписано', { exact: true }).waitFor();
    await page.getByText(`Не загубіть файл нового ключа ${BONDARENKO.rnokpp}-new.p12`, { exact: false }).waitFor();
    await page.context().close();

    await vo.goto(sent.url);
    await vo.getByText(/^Запит на новий ключ отримано \d{2}\.\d{2}\.\d{4}/).waitFor();
  });

  it('токен: запит PKCS#10 з програми токена (тут — OpenSSL) іде разом із підписом', async () => {
    const sent = await sendRequestForSigning(
      TKACHENKO.rnokpp,
      'На захищеному носії* (замовник повинен забезпечити наявність захищеного носія)',
    );
    const dir = mkdtempSync(path.join(tmpdir(), 'kep-token-'));
    const csr = path.join(dir, 'token.csr');
    execFileSync('/usr/bin/openssl', [
      'req',
      '-new',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      path.join(dir, 'token.key'),
      '-utf8',
      '-subj',
      `/CN=Ткаченко Наталія Сергіївна/serialNumber=TINUA-${TKACHENKO.rnokpp}/C=UA`,
      '-out',
      csr,
    ]);
    const page = await employeePage();
    await openLink(page, sent.link);
    await page.getByRole('heading', { name: 'Запит на сертифікат' }).waitFor();
    await chooseFile(page, 'Запит на сертифікат (PKCS#10) з програми токена', csr);
    await chooseFile(page, 'Файл ключа (.p12, .pfx)', server.demoKeyFile(TKACHENKO.rnokpp));
    await page.getByLabel('Пароль до ключа').fill(DEMO_KEY_PASSWORD);
    await page.getByRole('button', { name: 'ПІДПИСАТИ' }).click();
    await page.getByText('Заяву підписано', { exact: true }).waitFor();
    await page.context().close();
    rmSync(dir, { recursive: true, force: true });

    await vo.goto(sent.url);
    await vo.getByText(/^Запит на новий ключ отримано \d{2}\.\d{2}\.\d{4}/).waitFor();
  });

  it('прострочене посилання: «Термін дії посилання минув …»', async () => {
    const sent = await sendRequestForSigning(MELNYK.rnokpp);
    await server.expireSigningLink(sent.url.split('/').pop() ?? '');
    const page = await employeePage();
    await openLink(page, sent.link);
    await page.getByText(/^Термін дії посилання минув \d{2}\.\d{2}\.\d{4}\. Попросіть відповідальну особу надіслати нове\.$/).waitFor();
    assert.equal(await page.getByRole('button', { name: 'ПІДПИСАТИ' }).count(), 0);
    await page.context().close();
  });

  it('недійсне посилання: «Посилання недійсне або його замінено новим»', async () => {
    const page = await employeePage();
    await page.goto(`${server.url}/sign/not-a-real-link`);
    await page.getByText('Посилання недійсне або його замінено новим').waitFor();
    await page.context().close();
  });
});

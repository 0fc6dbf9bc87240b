import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isValidEmail, isValidPersonName, normalizePersonName } from './names';

describe('isValidPersonName', () => {
  it('accepts Ukrainian names with apostrophes, hyphens and single spaces', () => {
    for (const s of [
      'Шевченко',
      'Тарас Григорович',
      "Д'Артаньян",
      'Пʼятницька',
      'Об’єднана',
      'Ковальчук-Бойко',
      'Анна-Марія Іванівна',
      'Ґудзь',
      'Єва',
      'Їжакевич',
      'Й',
      'ІВАНОВ',
      'Ольга Вʼячеславівна',
      'Гасан огли',
    ]) {
      assert.equal(isValidPersonName(s), true, s);
    }
  });
  it('accepts 100 characters, refuses 101', () => {
    assert.equal(isValidPersonName('Я'.repeat(100)), true);
    assert.equal(isValidPersonName('Я'.repeat(101)), false);
    assert.equal(isValidPersonName(`${'Я'.repeat(49)} ${'Я'.repeat(50)}`), true);
  });
  it('refuses empty, untrimmed and doubled separators', () => {
    for (const s of [
      '',
      ' ',
      ' Іван',
      'Іван ',
      'Іван  Петрович',
      'Іван\tПетрович',
      'Іван\nПетрович',
      'Іван--Петро',
      "Д''Артаньян",
      'Іван- Петро',
    ]) {
      assert.equal(isValidPersonName(s), false, JSON.stringify(s));
    }
  });
  it('refuses a separator at either end or on its own', () => {
    for (const s of ['-Іван', 'Іван-', "'Іван", "Іван'", 'ʼ', '-', "'"]) {
      assert.equal(isValidPersonName(s), false, s);
    }
  });
  it('refuses Latin, Russian-only letters, digits and punctuation', () => {
    for (const s of [
      'Ivan',
      'Iван' /* Latin I */,
      'Эдуард',
      'Ёлкин',
      'Подъячев',
      'Крылов',
      'Іван2',
      'Іван.',
      'Іван,Петро',
      'О`Коннор',
      'Іван_Петро',
    ]) {
      assert.equal(isValidPersonName(s), false, s);
    }
  });
  it('refuses decomposed letters, which normalizePersonName composes', () => {
    const decomposed = 'Ки\u0457в'.normalize('NFD'); // ї as і + U+0308
    assert.notEqual(decomposed, 'Київ');
    assert.equal(isValidPersonName(decomposed), false);
    assert.equal(isValidPersonName(normalizePersonName(decomposed)), true);
  });
});

describe('normalizePersonName', () => {
  it('trims and collapses whitespace', () => {
    assert.equal(normalizePersonName('  Тарас   Григорович \t'), 'Тарас Григорович');
    assert.equal(normalizePersonName('Тарас\u00a0Григорович'), 'Тарас Григорович');
  });
});

describe('isValidEmail', () => {
  it('accepts realistic addresses', () => {
    for (const s of [
      'user@example.com',
      'first.last+tag@sub.example.com.ua',
      'a@b.co',
      "o'neil@example.org",
      'user_name-1@my-domain.ua',
      'ivan@пошта.укр',
      'x@example.xn--j1amh',
      'USER@EXAMPLE.COM',
    ]) {
      assert.equal(isValidEmail(s), true, s);
    }
  });
  it('refuses broken shapes', () => {
    for (const s of [
      '',
      'plain',
      '@example.com',
      'user@',
      'user@localhost',
      'user@example',
      'user@.com',
      'user@example..com',
      'user@example.com.',
      'user..name@example.com',
      '.user@example.com',
      'user.@example.com',
      'us er@example.com',
      'user@exa mple.com',
      ' user@example.com',
      'a@b@c.com',
      'user@-example.com',
      'user@example-.com',
      'user@example.c',
      'user@example.123',
      'user@[127.0.0.1]',
      '"quoted"@example.com',
      'іван@example.com',
      'user@example_domain.com',
    ]) {
      assert.equal(isValidEmail(s), false, JSON.stringify(s));
    }
    assert.equal(isValidEmail(undefined as unknown as string), false);
  });
  it('limits the local part to 64 and the address to 254 characters', () => {
    assert.equal(isValidEmail(`${'a'.repeat(64)}@example.com`), true);
    assert.equal(isValidEmail(`${'a'.repeat(65)}@example.com`), false);
    const domain254 = `${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`; // 189 characters
    assert.equal(`${'a'.repeat(64)}@${domain254}`.length, 254);
    assert.equal(isValidEmail(`${'a'.repeat(64)}@${domain254}`), true);
    assert.equal(isValidEmail(`${'a'.repeat(64)}@${domain254}d`), false);
  });
  it('limits a domain label to 63 characters', () => {
    assert.equal(isValidEmail(`user@${'b'.repeat(63)}.com`), true);
    assert.equal(isValidEmail(`user@${'b'.repeat(64)}.com`), false);
  });
});

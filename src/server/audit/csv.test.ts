import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { csvField, csvLine } from './csv';

describe('csv', () => {
  it('leaves plain values alone and writes null as an empty field', () => {
    assert.equal(csvField('USER_LOGGED_IN'), 'USER_LOGGED_IN');
    assert.equal(csvField('Іваненко, Іван'), 'Іваненко, Іван');
    assert.equal(csvField(null), '');
  });

  it('quotes a value with the separator, a quote or a line break, doubling quotes (RFC 4180)', () => {
    assert.equal(csvField('a;b'), '"a;b"');
    assert.equal(csvField('КНП «Лікарня» "Центр"'), '"КНП «Лікарня» ""Центр"""');
    assert.equal(csvField('рядок 1\nрядок 2'), '"рядок 1\nрядок 2"');
    assert.equal(csvField('a\r\nb'), '"a\r\nb"');
  });

  it('keeps a would-be formula as text', () => {
    assert.equal(csvField('=HYPERLINK("http://x")'), `"'=HYPERLINK(""http://x"")"`);
    assert.equal(csvField('+380501234567'), "'+380501234567");
    assert.equal(csvField('-1'), "'-1");
    assert.equal(csvField('@SUM(A1)'), "'@SUM(A1)");
  });

  it('joins a row with ; and ends it with CRLF', () => {
    assert.equal(csvLine(['1', null, 'a;b']), '1;;"a;b"\r\n');
  });
});

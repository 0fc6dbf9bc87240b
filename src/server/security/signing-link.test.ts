import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSigningToken, signingLink, signingToken } from './signing-link';
import { newSigningId } from './tokens';

const secret = 'x'.repeat(40);

test('a signing token round-trips and names its 32-hex signing id', () => {
  const id = newSigningId();
  assert.match(id, /^[0-9A-F]{32}$/);
  assert.equal(parseSigningToken(secret, signingToken(secret, id)), id);
  assert.equal(signingLink('http://cabinet.test', secret, id), `http://cabinet.test/sign/${signingToken(secret, id)}`);
});

test('a forged, altered or foreign token is refused', () => {
  const id = newSigningId();
  const token = signingToken(secret, id);
  assert.equal(parseSigningToken('y'.repeat(40), token), null);
  assert.equal(parseSigningToken(secret, `${newSigningId()}.${token.split('.')[1]}`), null);
  assert.equal(parseSigningToken(secret, `${id}.`), null);
  assert.equal(parseSigningToken(secret, 'garbage'), null);
  assert.equal(parseSigningToken(secret, `${id.toLowerCase()}.${token.split('.')[1]}`), null);
});

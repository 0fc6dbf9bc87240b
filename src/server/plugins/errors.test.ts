import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSpaPath } from './errors';

describe('which paths the single-page app serves', () => {
  it('serves its pages, including every signing link whatever its HMAC looks like', () => {
    for (const path of [
      '/',
      '/applications',
      '/requests/5b1c…',
      '/sign/9D8F3941DCC1BF867B68FA58C4B22D2A.YbVfCnMiv8JTa9IxbiIMRJVkfEAk8azCBhWi4MIUbcM',
      '/sign/ABC.pdf',
    ]) {
      assert.equal(isSpaPath(path), true, path);
    }
  });
  it('leaves files and the API to their own 404', () => {
    for (const path of ['/api/nothing', '/assets/index-abc.js', '/favicon.svg', '/robots.txt', '/ca/missing.crl']) {
      assert.equal(isSpaPath(path), false, path);
    }
  });
});

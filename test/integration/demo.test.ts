import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { seedSentApplication } from '../../src/server/demo/sent-application';
import type { ApplicationReview, Inbox } from '../../src/shared/contracts/review';
import { call, createTestApp, login, OPERATOR, type TestApp } from '../support/app';

describe('the demo of `npm start`: a sent application waiting for the operator', () => {
  let test: TestApp;
  before(async () => {
    test = await createTestApp();
    await seedSentApplication(test.ctx);
  });
  after(() => test.close());

  it('is in the operator’s inbox, signed by Лисенко with his demo key, with both documents, ready to accept', async () => {
    const operator = await login(test.app, OPERATOR);
    const inbox = (await call(test.app, operator, 'GET', '/api/operator/inbox')).json() as Inbox;
    assert.equal(inbox.items.length, 1);
    const item = inbox.items[0];
    assert.equal(item?.organization.edrpou, '40990117');
    assert.deepEqual([item?.status, item?.requestCount, item?.signedCount], ['sent', 1, 1]);
    const review = (await call(test.app, operator, 'GET', `/api/operator/applications/${item?.id}`)).json() as ApplicationReview;
    assert.equal(
      review.requests[0]?.documents.find((d) => d.kind === 'signed_statement')?.signature?.subjectSerialNumber,
      'TINUA-3236280936',
    );
    assert.deepEqual(review.application.documents.map((d) => d.kind).sort(), ['employee_list', 'kdp_application']);
    assert.ok(review.application.documents.find((d) => d.kind === 'kdp_application')?.signature);
    assert.deepEqual(review.acceptBlockers, []);
  });
});

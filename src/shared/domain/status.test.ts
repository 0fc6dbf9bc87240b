import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  APPLICATION_STATUSES,
  type ApplicationStatus,
  applicationStatusLabel,
  applicationTransitions,
  canTransitionApplication,
  canTransitionRequest,
  canWorkOnRequest,
  isApplicationEditable,
  isApplicationStatus,
  isRequestEditable,
  isRequestStatus,
  REQUEST_STATUSES,
  type RequestStatus,
  requestStatusLabel,
  requestTransitions,
} from './status';

// The allowed moves, written out independently of the maps under test.
const APPLICATION_MOVES = new Set([
  'draft→sent',
  'draft→cancelled',
  'sent→rework',
  'sent→accepted',
  'rework→sent',
  'rework→cancelled',
  'accepted→completed',
  'accepted→rework',
]);
const REQUEST_MOVES = new Set([
  'draft→awaiting_signature',
  'awaiting_signature→draft',
  'awaiting_signature→signed',
  'signed→rejected',
  'signed→issued',
  'signed→draft',
  'rejected→draft',
]);

describe('application statuses', () => {
  it('lists the statuses in order', () => {
    assert.deepEqual([...APPLICATION_STATUSES], ['draft', 'sent', 'rework', 'accepted', 'completed', 'cancelled']);
  });
  it('uses the guide labels', () => {
    assert.deepEqual(applicationStatusLabel, {
      draft: 'Проект',
      sent: 'Відправлено до eSign',
      rework: 'На доопрацюванні',
      accepted: 'Прийнято',
      completed: 'Виконано',
      cancelled: 'Скасовано',
    });
  });
  it('allows exactly the listed transitions', () => {
    for (const from of APPLICATION_STATUSES) {
      for (const to of APPLICATION_STATUSES) {
        const expected = APPLICATION_MOVES.has(`${from}→${to}`);
        assert.equal(canTransitionApplication(from, to), expected, `${from}→${to}`);
        assert.equal(applicationTransitions[from].includes(to), expected, `${from}→${to} in map`);
      }
    }
  });
  it('completed and cancelled are final', () => {
    assert.deepEqual(applicationTransitions.completed, []);
    assert.deepEqual(applicationTransitions.cancelled, []);
  });
  it('answers no for a status it does not know', () => {
    assert.equal(canTransitionApplication('archived' as ApplicationStatus, 'sent'), false);
    assert.equal(canTransitionApplication('draft', 'archived' as ApplicationStatus), false);
    assert.equal(canTransitionApplication('toString' as ApplicationStatus, 'sent'), false);
  });
  it('is editable only as a draft or in rework', () => {
    assert.deepEqual(APPLICATION_STATUSES.filter(isApplicationEditable), ['draft', 'rework']);
  });
  it('recognises its statuses', () => {
    assert.equal(isApplicationStatus('sent'), true);
    assert.equal(isApplicationStatus('signed'), false);
    assert.equal(isApplicationStatus(''), false);
  });
});

describe('request statuses', () => {
  it('lists the statuses in order', () => {
    assert.deepEqual([...REQUEST_STATUSES], ['draft', 'awaiting_signature', 'signed', 'rejected', 'issued']);
  });
  it('uses the guide labels', () => {
    assert.deepEqual(requestStatusLabel, {
      draft: 'Проект',
      awaiting_signature: 'Очікує підпису',
      signed: 'Підписано',
      rejected: 'ВІДХИЛЕНО',
      issued: 'Сертифікат сформовано',
    });
  });
  it('allows exactly the listed transitions', () => {
    for (const from of REQUEST_STATUSES) {
      for (const to of REQUEST_STATUSES) {
        const expected = REQUEST_MOVES.has(`${from}→${to}`);
        assert.equal(canTransitionRequest(from, to), expected, `${from}→${to}`);
        assert.equal(requestTransitions[from].includes(to), expected, `${from}→${to} in map`);
      }
    }
  });
  it('issued is final', () => {
    assert.deepEqual(requestTransitions.issued, []);
  });
  it('answers no for a status it does not know', () => {
    assert.equal(canTransitionRequest('sent' as RequestStatus, 'signed'), false);
    assert.equal(canTransitionRequest('constructor' as RequestStatus, 'draft'), false);
  });
  it('is editable as a draft, while awaiting a signature and after rejection', () => {
    assert.deepEqual(REQUEST_STATUSES.filter(isRequestEditable), ['draft', 'awaiting_signature', 'rejected']);
  });
  it('every editable status can go back to draft (editing voids the signature)', () => {
    for (const status of REQUEST_STATUSES.filter(isRequestEditable)) {
      assert.ok(status === 'draft' || canTransitionRequest(status, 'draft'), status);
    }
  });
  it('recognises its statuses', () => {
    assert.equal(isRequestStatus('awaiting_signature'), true);
    assert.equal(isRequestStatus('sent'), false);
  });
});

describe('canWorkOnRequest', () => {
  it('in an editable application, any request', () => {
    assert.equal(canWorkOnRequest('draft', 'signed', false), true);
    assert.equal(canWorkOnRequest('rework', 'draft', false), true);
  });
  it('in a sent application, only a request the operator rejected, while it is corrected and signed again', () => {
    assert.equal(canWorkOnRequest('sent', 'rejected', true), true);
    assert.equal(canWorkOnRequest('sent', 'draft', true), true);
    assert.equal(canWorkOnRequest('sent', 'awaiting_signature', true), true);
    assert.equal(canWorkOnRequest('sent', 'signed', true), false);
    assert.equal(canWorkOnRequest('sent', 'draft', false), false);
  });
  it('never once accepted or completed', () => {
    for (const status of ['accepted', 'completed', 'cancelled'] as const) assert.equal(canWorkOnRequest(status, 'rejected', true), false);
  });
});

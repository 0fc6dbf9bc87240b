import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  type AuditChainFields,
  type AuditChainRow,
  auditChainInput,
  auditEntryHash,
  canonicalJson,
  checkAuditChainBatch,
  emptyAuditChainCheck,
} from './chain';

const ENTRY: AuditChainFields = {
  prevHash: null,
  at: new Date('2026-12-07T08:00:00.123Z'),
  actorUserId: '0b7c4c8e-6a55-4c3a-9d0e-2f6d7b1e9a01',
  actorRole: 'operator',
  ip: '192.0.2.10',
  event: 'TRUSTED_CA_IMPORTED',
  entityType: 'trusted_ca',
  entityId: 'ca-1',
  organizationId: null,
  details: { subject: 'CN=ЦСК «Тест»', fingerprint: 'AB12', count: 2 },
};

function chain(entries: AuditChainFields[]): AuditChainRow[] {
  let prevHash: string | null = null;
  return entries.map((entry, index) => {
    const row = { ...entry, prevHash, id: String(index + 1) };
    const hash = auditEntryHash(row);
    prevHash = hash;
    return { ...row, hash };
  });
}

describe('canonicalJson', () => {
  it('sorts object keys at every depth and writes no whitespace', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } }), '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('gives the same text whatever order the keys were inserted in', () => {
    assert.equal(canonicalJson({ x: 1, y: 'два' }), canonicalJson({ y: 'два', x: 1 }));
  });

  it('follows JSON for what JSON cannot hold: undefined members dropped, in arrays null; non-finite numbers null', () => {
    assert.equal(
      canonicalJson({ a: undefined, b: [undefined, Number.NaN, Number.POSITIVE_INFINITY], c: () => 1 }),
      '{"b":[null,null,null]}',
    );
    assert.equal(canonicalJson(undefined), 'null');
  });

  it('writes Dates through toJSON, strings and numbers exactly as JSON.stringify does', () => {
    assert.equal(canonicalJson({ at: new Date('2026-01-02T03:04:05.006Z') }), '{"at":"2026-01-02T03:04:05.006Z"}');
    for (const value of ['Лікарня «№1»; "лапки"\nрядок', '\u2028', 1e21, 0.1 + 0.2, -0, 5e-324, 2 ** 70]) {
      assert.equal(canonicalJson(value), JSON.stringify(value));
    }
  });

  it('sorts keys by UTF-16 code units (RFC 8785), not by locale', () => {
    assert.equal(canonicalJson({ б: 1, a: 2, Z: 3, ґ: 4 }), '{"Z":3,"a":2,"б":1,"ґ":4}');
  });

  it('hashes a value the same after a JSON round trip (what the jsonb column hands back)', () => {
    const details = { when: new Date('2026-12-07T08:00:00Z'), skip: undefined, list: [1, 'a', { k: true }], nested: { b: 2, a: 1 } };
    const stored = JSON.parse(JSON.stringify(details));
    assert.equal(canonicalJson(stored), canonicalJson(details));
  });
});

describe('auditEntryHash', () => {
  it('is SHA-256 hex over the canonical JSON array of the fields, in the documented order', () => {
    const expected =
      '[null,"2026-12-07T08:00:00.123Z","0b7c4c8e-6a55-4c3a-9d0e-2f6d7b1e9a01","operator","192.0.2.10","TRUSTED_CA_IMPORTED",' +
      '"trusted_ca","ca-1",null,{"count":2,"fingerprint":"AB12","subject":"CN=ЦСК «Тест»"}]';
    assert.equal(auditChainInput(ENTRY), expected);
    assert.equal(auditEntryHash(ENTRY), createHash('sha256').update(expected, 'utf8').digest('hex'));
    // Pinned: a change of format breaks every stored chain, so it must be deliberate.
    assert.equal(auditEntryHash(ENTRY), 'c7bf19b962537cad99eef615b9fa573391d71660da19d1dcc4da025fe4cc061a');
  });

  it('changes when any covered field changes', () => {
    const base = auditEntryHash(ENTRY);
    const variants: Array<Partial<AuditChainFields>> = [
      { prevHash: 'a'.repeat(64) },
      { at: new Date('2026-12-07T08:00:00.124Z') },
      { actorUserId: null },
      { actorRole: 'responsible_person' },
      { ip: '192.0.2.11' },
      { event: 'TRUSTED_CA_REMOVED' },
      { entityType: 'user' },
      { entityId: 'ca-2' },
      { organizationId: '0b7c4c8e-6a55-4c3a-9d0e-2f6d7b1e9a02' },
      { details: { ...(ENTRY.details as object), count: 3 } },
      { details: {} },
    ];
    const hashes = new Set([base]);
    for (const variant of variants) hashes.add(auditEntryHash({ ...ENTRY, ...variant }));
    assert.equal(hashes.size, variants.length + 1);
  });

  it('keeps field boundaries: moving text from one field to the next changes the hash', () => {
    const a = auditEntryHash({ ...ENTRY, actorRole: 'operator","192.0.2.10', ip: null });
    const b = auditEntryHash({ ...ENTRY, actorRole: 'operator', ip: '192.0.2.10' });
    assert.notEqual(a, b);
    assert.notEqual(auditEntryHash({ ...ENTRY, entityId: null }), auditEntryHash({ ...ENTRY, entityId: 'null' }));
  });

  it('reads uuids as PostgreSQL returns them (lower case); missing details count as {}', () => {
    assert.equal(auditEntryHash({ ...ENTRY, actorUserId: ENTRY.actorUserId?.toUpperCase() ?? null }), auditEntryHash(ENTRY));
    assert.equal(auditEntryHash({ ...ENTRY, details: null }), auditEntryHash({ ...ENTRY, details: {} }));
  });

  it('refuses an invalid time', () => {
    assert.throws(() => auditEntryHash({ ...ENTRY, at: new Date(Number.NaN) }), RangeError);
  });
});

describe('checkAuditChainBatch', () => {
  const entries = [0, 1, 2, 3].map((i) => ({ ...ENTRY, at: new Date(ENTRY.at.getTime() + i), entityId: `ca-${i}` }));

  it('accepts an intact chain, across batches, and reports the last hash', () => {
    const rows = chain(entries);
    const state = emptyAuditChainCheck();
    assert.equal(checkAuditChainBatch(state, rows.slice(0, 2)), true);
    assert.equal(checkAuditChainBatch(state, rows.slice(2)), true);
    assert.deepEqual(state, { ok: true, checked: 4, firstBrokenId: null, lastId: '4', lastHash: rows[3].hash });
  });

  it('finds an entry changed after the fact', () => {
    const rows = chain(entries);
    rows[2] = { ...rows[2], details: { ...(rows[2].details as object), count: 99 } };
    const state = emptyAuditChainCheck();
    assert.equal(checkAuditChainBatch(state, rows), false);
    assert.deepEqual([state.ok, state.checked, state.firstBrokenId], [false, 2, '3']);
  });

  it('finds a re-hashed entry by its successor, a deleted one, a reordered pair and a missing hash', () => {
    const rehashed = chain(entries);
    rehashed[1] = { ...rehashed[1], ip: '203.0.113.1' };
    rehashed[1].hash = auditEntryHash(rehashed[1]);
    const deleted = chain(entries).filter((row) => row.id !== '2');
    const original = chain(entries);
    const reordered = [original[0], original[2], original[1], original[3]];
    const unhashed = chain(entries).map((row) => (row.id === '4' ? { ...row, hash: null } : row));
    const startsMidway = chain(entries).slice(1);
    for (const [rows, broken] of [
      [rehashed, '3'],
      [deleted, '3'],
      [reordered, '3'],
      [unhashed, '4'],
      [startsMidway, '2'],
    ] as const) {
      const state = emptyAuditChainCheck();
      checkAuditChainBatch(state, [...rows]);
      assert.equal(state.firstBrokenId, broken);
      assert.equal(state.ok, false);
    }
  });

  it('accepts an empty log', () => {
    const state = emptyAuditChainCheck();
    assert.equal(checkAuditChainBatch(state, []), true);
    assert.deepEqual(state, { ok: true, checked: 0, firstBrokenId: null, lastId: null, lastHash: null });
  });
});

import type { Executor } from '../db/database';
import { listAuditChainRows } from '../repositories/audit.repository';
import { type AuditChainCheck, checkAuditChainBatch, emptyAuditChainCheck } from './chain';

const BATCH = 2000;

/**
 * Recomputes every entry's hash in id order and checks each links to the one before. Reads in
 * batches (no transaction: entries appended meanwhile only extend the chain at its end), so it
 * works on a log of any size; stops at the first broken entry.
 */
export async function verifyAuditChain(db: Executor): Promise<AuditChainCheck> {
  const state = emptyAuditChainCheck();
  let afterId = '0';
  for (;;) {
    const rows = await listAuditChainRows(db, afterId, BATCH);
    if (rows.length === 0 || !checkAuditChainBatch(state, rows)) return state;
    afterId = rows[rows.length - 1].id;
  }
}

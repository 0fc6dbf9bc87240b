import {
  AUDIT_CSV_MAX_ROWS,
  type AuditChainCheckResult,
  type AuditCsvQuery,
  type AuditEntry,
  type AuditListQuery,
  type AuditPage,
} from '../../shared/contracts/audit';
import { addDays, isValidIsoDate, kyivInstant, kyivToday } from '../../shared/domain/dates';
import { AppError } from '../../shared/errors';
import { CSV_BOM, csvLine } from '../audit/csv';
import { verifyAuditChain } from '../audit/verify';
import type { AppContext } from '../context';
import { type AuditEntryRow, type AuditFilter, countAuditEntries, findAuditEntries } from '../repositories/audit.repository';

/** Rows fetched per query while an export streams (each batch is one short query). */
const CSV_BATCH = 2000;

function mapAuditEntry(row: AuditEntryRow): AuditEntry {
  return {
    id: row.id,
    at: row.at.toISOString(),
    event: row.event,
    entityType: row.entity_type,
    entityId: row.entity_id,
    organizationId: row.organization_id,
    actorUserId: row.actor_user_id,
    actorName: row.actor_name ?? null,
    actorRole: row.actor_role,
    ip: row.ip,
    details: row.details,
    hash: row.hash,
  };
}

/** A calendar day is a whole day in Kyiv; an instant is taken as given. Both bounds inclusive. */
function toFilter(query: AuditCsvQuery): AuditFilter {
  const atFrom = query.from ? (isValidIsoDate(query.from) ? kyivInstant(query.from) : new Date(query.from)) : undefined;
  const atUntil = query.to
    ? isValidIsoDate(query.to)
      ? kyivInstant(addDays(query.to, 1))
      : // Entries are stamped to the millisecond: "up to and including" is "before the next one".
        new Date(new Date(query.to).getTime() + 1)
    : undefined;
  for (const [field, value] of [
    ['from', atFrom],
    ['to', atUntil],
  ] as const) {
    if (value && Number.isNaN(value.getTime())) {
      const message = 'Дата РРРР-ММ-ДД або час ISO 8601';
      throw new AppError('VALIDATION_FAILED', `${field}: ${message}`, { errors: [{ field, message }] });
    }
  }
  if (atFrom && atUntil && atFrom >= atUntil) {
    const message = 'Кінець періоду раніше за його початок';
    throw new AppError('VALIDATION_FAILED', `to: ${message}`, { errors: [{ field: 'to', message }] });
  }
  return {
    event: query.event,
    entityType: query.entityType,
    entityId: query.entityId,
    actorUserId: query.actorUserId,
    organizationId: query.organizationId,
    atFrom,
    atUntil,
  };
}

/** One page of the journal, newest first (operator only: the route guards the role). */
export async function listAudit(ctx: AppContext, query: AuditListQuery): Promise<AuditPage> {
  // One more than asked tells whether an older page exists.
  const rows = await findAuditEntries(ctx.db, toFilter(query), { beforeId: query.before, limit: query.limit + 1 });
  const items = rows.slice(0, query.limit).map(mapAuditEntry);
  return { items, nextBefore: rows.length > query.limit ? items[items.length - 1].id : null };
}

const CSV_HEADER = [
  '№',
  'Час (UTC, ISO 8601)',
  'Подія',
  'Тип об’єкта',
  'Ідентифікатор об’єкта',
  'Організація',
  'Користувач',
  'ПІБ користувача',
  'Роль',
  'IP-адреса',
  'Деталі (JSON)',
  'Хеш',
];

function csvRow(entry: AuditEntry): string {
  return csvLine([
    entry.id,
    entry.at,
    entry.event,
    entry.entityType,
    entry.entityId,
    entry.organizationId,
    entry.actorUserId,
    entry.actorName,
    entry.actorRole,
    entry.ip,
    JSON.stringify(entry.details),
    entry.hash,
  ]);
}

export type AuditCsvExport = {
  fileName: string;
  /** More entries matched than an export holds (the newest 50 000 are in the file). */
  isTruncated: boolean;
  chunks: AsyncIterable<string>;
};

/**
 * The journal as CSV for Excel, newest first, at most 50 000 rows. Streamed in batches by id
 * (keyset), so entries written during the download neither shift nor repeat rows, and each
 * batch is a short query of its own (PGlite's one connection is never held for the whole file).
 */
export async function exportAuditCsv(ctx: AppContext, query: AuditCsvQuery): Promise<AuditCsvExport> {
  const filter = toFilter(query);
  const matching = await countAuditEntries(ctx.db, filter, AUDIT_CSV_MAX_ROWS + 1);
  async function* chunks() {
    yield CSV_BOM + csvLine(CSV_HEADER);
    let written = 0;
    let beforeId: string | undefined;
    while (written < AUDIT_CSV_MAX_ROWS) {
      const limit = Math.min(CSV_BATCH, AUDIT_CSV_MAX_ROWS - written);
      const rows = await findAuditEntries(ctx.db, filter, { beforeId, limit });
      if (rows.length === 0) break;
      yield rows.map((row) => csvRow(mapAuditEntry(row))).join('');
      written += rows.length;
      beforeId = rows[rows.length - 1].id;
      if (rows.length < limit) break;
    }
  }
  return {
    fileName: `audit-${kyivToday(ctx.now())}.csv`,
    isTruncated: matching > AUDIT_CSV_MAX_ROWS,
    chunks: chunks(),
  };
}

/** Recomputes the hash chain of the whole journal. */
export async function checkAuditChain(ctx: AppContext): Promise<AuditChainCheckResult> {
  return verifyAuditChain(ctx.db);
}

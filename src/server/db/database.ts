import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, Migrator, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { migrations } from './migrations';
import { PGliteDialect } from './pglite-dialect';
import type { Database } from './schema';

export type Db = Kysely<Database>;
export type Executor = Kysely<Database> | Transaction<Database>;

const INT8 = 20;
const DATE = 1082;
const NUMERIC = 1700;

export type DatabaseOptions = {
  /** A PostgreSQL server; without it, PGlite keeps the data in `dataDir` (or memory). */
  databaseUrl?: string;
  /** PGlite data directory; `memory://` for a throwaway database. */
  pgliteDataDir?: string;
  /** PGlite: start from a `dumpDataDir()` snapshot (tests use a migrated one). */
  pgliteLoadDataDir?: Blob;
  /** PostgreSQL: run in this schema (tests give each file its own). */
  schema?: string;
  poolSize?: number;
};

/**
 * Opens the one SQL dialect in either of its two homes. Both drivers are told to return int8
 * and numeric as strings and calendar dates as 'YYYY-MM-DD', so the two modes agree to the byte.
 */
export async function openDatabase(options: DatabaseOptions): Promise<{ db: Db; pglite?: PGlite }> {
  if (options.databaseUrl) {
    const types = {
      getTypeParser(oid: number, format?: 'text' | 'binary') {
        if (oid === INT8 || oid === DATE || oid === NUMERIC) return (v: string) => v;
        return pg.types.getTypeParser(oid, format as 'text');
      },
    };
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      types: types as pg.CustomTypesConfig,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    if (options.schema) {
      const client = await pool.connect();
      try {
        await client.query(`create schema if not exists "${options.schema.replace(/"/g, '')}"`);
      } finally {
        client.release();
      }
    }
    return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }) };
  }
  const dataDir = options.pgliteDataDir ?? 'memory://';
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create({
    dataDir,
    loadDataDir: options.pgliteLoadDataDir,
    parsers: { [INT8]: (x: string) => x, [DATE]: (x: string) => x, [NUMERIC]: (x: string) => x },
  });
  return { db: new Kysely<Database>({ dialect: new PGliteDialect(pglite) }), pglite };
}

export async function migrateToLatest(db: Kysely<unknown> | Db): Promise<void> {
  const migrator = new Migrator({
    db: db as Kysely<unknown>,
    provider: { getMigrations: async () => migrations },
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}

import path from 'node:path';
import { openAuthority } from './ca';
import { registerProviderCas } from './ca/trust-store';
import type { Config } from './config';
import type { AppContext } from './context';
import { migrateToLatest, openDatabase } from './db/database';
import { FileStore } from './storage/file-store';

/**
 * Opens the database named by the configuration (PostgreSQL when DATABASE_URL is set, else
 * PGlite under DATA_DIR), migrates it, and returns the services' context.
 */
export async function createContext(config: Config, now: () => Date = () => new Date()): Promise<AppContext> {
  const { db } = await openDatabase({
    databaseUrl: config.databaseUrl,
    pgliteDataDir: path.join(config.dataDir, 'pgdata'),
  });
  await migrateToLatest(db);
  const ca = await openAuthority(config, now());
  await registerProviderCas(db, ca);
  return { db, config, files: new FileStore(path.join(config.dataDir, 'files')), ca, now };
}

import type { Config } from './config';
import type { Db } from './db/database';
import type { FileStore } from './storage/file-store';

/** What every service needs: the database, configuration, the file store and the clock. */
export type AppContext = {
  db: Db;
  config: Config;
  files: FileStore;
  /** The clock; tests fix it. Rules never call `new Date()` themselves. */
  now: () => Date;
};

/** Who is acting, for access checks and the audit log. */
export type Actor = {
  userId: string;
  role: 'responsible_person' | 'operator';
  ip: string | null;
};

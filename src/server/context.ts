import type { CertificateAuthority } from './ca/authority';
import type { Config } from './config';
import type { Db } from './db/database';
import type { FileStore } from './storage/file-store';

/** What every service needs: the database, configuration, the file store, the CA and the clock. */
export type AppContext = {
  db: Db;
  config: Config;
  files: FileStore;
  /** The provider's certificate authority (issuing CA key loaded, root key sealed on disk). */
  ca: CertificateAuthority;
  /** The clock; tests fix it. Rules never call `new Date()` themselves. */
  now: () => Date;
};

/** Who is acting, for access checks and the audit log. */
export type Actor = {
  userId: string;
  role: 'responsible_person' | 'operator';
  ip: string | null;
};

import type { Migration } from 'kysely';
import * as m0001 from './0001_initial';
import * as m0002 from './0002_signatures';
import * as m0003 from './0003_renewal';
import * as m0004 from './0004_audit_chain';

/** Every migration, in order; run at start-up. */
export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_signatures': m0002,
  '0003_renewal': m0003,
  '0004_audit_chain': m0004,
};

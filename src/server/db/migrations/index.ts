import type { Migration } from 'kysely';
import * as m0001 from './0001_initial';
import * as m0002 from './0002_signatures';

/** Every migration, in order; run at start-up. */
export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_signatures': m0002,
};

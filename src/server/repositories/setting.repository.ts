import type { Executor } from '../db/database';

/** The operator's policy settings, as JSON values under a key; absent means the default. */
export async function getSetting<T>(db: Executor, key: string, fallback: T): Promise<T> {
  const row = await db.selectFrom('setting').select('value').where('key', '=', key).executeTakeFirst();
  return row ? (row.value as T) : fallback;
}

export async function putSetting(db: Executor, key: string, value: unknown, userId: string, now: Date) {
  await db
    .insertInto('setting')
    .values({ key, value: JSON.stringify(value), updated_by: userId, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_by: userId, updated_at: now }))
    .execute();
}

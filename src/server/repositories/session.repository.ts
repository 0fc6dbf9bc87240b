import type { Executor } from '../db/database';

export async function createSession(
  db: Executor,
  values: { tokenHash: string; userId: string; csrfToken: string; expiresAt: Date; ip: string | null; userAgent: string | null },
) {
  await db
    .insertInto('session')
    .values({
      token_hash: values.tokenHash,
      user_id: values.userId,
      csrf_token: values.csrfToken,
      expires_at: values.expiresAt,
      ip: values.ip,
      user_agent: values.userAgent,
    })
    .execute();
}

/** A live session with its user; blocked users and expired sessions are not returned. */
export async function findLiveSession(db: Executor, tokenHash: string, now: Date) {
  return db
    .selectFrom('session')
    .innerJoin('app_user', 'app_user.id', 'session.user_id')
    .select([
      'session.token_hash',
      'session.csrf_token',
      'session.expires_at',
      'app_user.id as user_id',
      'app_user.phone',
      'app_user.email',
      'app_user.full_name',
      'app_user.role',
    ])
    .where('session.token_hash', '=', tokenHash)
    .where('session.expires_at', '>', now)
    .where('app_user.is_blocked', '=', false)
    .executeTakeFirst();
}

export async function extendSession(db: Executor, tokenHash: string, expiresAt: Date) {
  await db.updateTable('session').set({ expires_at: expiresAt }).where('token_hash', '=', tokenHash).execute();
}

export async function deleteSession(db: Executor, tokenHash: string) {
  await db.deleteFrom('session').where('token_hash', '=', tokenHash).execute();
}

export async function deleteExpiredSessions(db: Executor, now: Date) {
  await db.deleteFrom('session').where('expires_at', '<=', now).execute();
}

import type { Executor } from '../db/database';

export async function findUserByPhone(db: Executor, phone: string) {
  return db.selectFrom('app_user').selectAll().where('phone', '=', phone).executeTakeFirst();
}

export async function findUserById(db: Executor, id: string) {
  return db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function createUser(
  db: Executor,
  values: { phone: string; email: string; fullName: string; role: 'responsible_person' | 'operator'; passwordHash: string | null },
) {
  return db
    .insertInto('app_user')
    .values({
      phone: values.phone,
      email: values.email,
      full_name: values.fullName,
      role: values.role,
      password_hash: values.passwordHash,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function setUserPassword(db: Executor, userId: string, passwordHash: string) {
  await db.updateTable('app_user').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
}

export async function linkUserToOrganization(db: Executor, userId: string, organizationId: string) {
  await db
    .insertInto('user_organization')
    .values({ user_id: userId, organization_id: organizationId })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** The organizations a ВО acts for: the base of every access check. */
export async function listUserOrganizationIds(db: Executor, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('user_organization').select('organization_id').where('user_id', '=', userId).execute();
  return rows.map((r) => r.organization_id);
}

export async function listOperatorEmails(db: Executor): Promise<string[]> {
  const rows = await db.selectFrom('app_user').select('email').where('role', '=', 'operator').where('is_blocked', '=', false).execute();
  return rows.map((r) => r.email);
}

export async function createInvitation(db: Executor, values: { tokenHash: string; userId: string; expiresAt: Date }) {
  await db
    .insertInto('invitation')
    .values({ token_hash: values.tokenHash, user_id: values.userId, expires_at: values.expiresAt })
    .execute();
}

export async function findInvitation(db: Executor, tokenHash: string) {
  return db
    .selectFrom('invitation')
    .innerJoin('app_user', 'app_user.id', 'invitation.user_id')
    .select([
      'invitation.token_hash',
      'invitation.user_id',
      'invitation.expires_at',
      'invitation.used_at',
      'app_user.full_name',
      'app_user.phone',
    ])
    .where('invitation.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Single use: the guarded update succeeds once; a second use finds `used_at` set. */
export async function markInvitationUsed(db: Executor, tokenHash: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('invitation')
    .set({ used_at: at })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

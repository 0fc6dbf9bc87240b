import { AppError } from '../../shared/errors';
import type { AppContext } from '../context';
import { appendAudit } from '../repositories/audit.repository';
import { createSession, deleteSession, findLiveSession } from '../repositories/session.repository';
import { findInvitation, findUserByPhone, markInvitationUsed, setUserPassword } from '../repositories/user.repository';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../security/password';
import { hashToken, newToken } from '../security/tokens';

export const SESSION_COOKIE = 'kep_session';
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export type SessionInfo = {
  tokenHash: string;
  csrfToken: string;
  user: { id: string; phone: string; email: string; fullName: string; role: 'responsible_person' | 'operator' };
};

export async function login(
  ctx: AppContext,
  input: { phone: string; password: string; ip: string | null; userAgent: string | null },
): Promise<{ token: string; session: SessionInfo }> {
  const user = await findUserByPhone(ctx.db, input.phone);
  const valid = user?.password_hash
    ? await verifyPassword(user.password_hash, input.password)
    : await verifyPassword(await dummyPasswordHash(), input.password).then(() => false);
  if (!user || !valid) {
    await appendAudit(ctx.db, {
      event: 'USER_LOGIN_FAILED',
      entityType: 'user',
      entityId: user?.id ?? null,
      actor: { userId: null, ip: input.ip },
      details: { phone: input.phone },
    });
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (user.is_blocked) throw new AppError('ACCOUNT_BLOCKED');
  const token = newToken();
  const csrfToken = newToken();
  const tokenHash = hashToken(token);
  await ctx.db.transaction().execute(async (trx) => {
    await createSession(trx, {
      tokenHash,
      userId: user.id,
      csrfToken,
      expiresAt: new Date(ctx.now().getTime() + SESSION_TTL_MS),
      ip: input.ip,
      userAgent: input.userAgent,
    });
    await appendAudit(trx, {
      event: 'USER_LOGGED_IN',
      entityType: 'user',
      entityId: user.id,
      actor: { userId: user.id, role: user.role, ip: input.ip },
    });
  });
  return {
    token,
    session: {
      tokenHash,
      csrfToken,
      user: { id: user.id, phone: user.phone, email: user.email, fullName: user.full_name, role: user.role },
    },
  };
}

export async function resolveSession(ctx: AppContext, token: string): Promise<SessionInfo | null> {
  const tokenHash = hashToken(token);
  const row = await findLiveSession(ctx.db, tokenHash, ctx.now());
  if (!row) return null;
  return {
    tokenHash,
    csrfToken: row.csrf_token,
    user: { id: row.user_id, phone: row.phone, email: row.email, fullName: row.full_name, role: row.role },
  };
}

export async function logout(ctx: AppContext, session: SessionInfo, ip: string | null): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await deleteSession(trx, session.tokenHash);
    await appendAudit(trx, {
      event: 'USER_LOGGED_OUT',
      entityType: 'user',
      entityId: session.user.id,
      actor: { userId: session.user.id, role: session.user.role, ip },
    });
  });
}

export async function getInvitation(ctx: AppContext, token: string) {
  const invitation = await findInvitation(ctx.db, hashToken(token));
  if (!invitation || invitation.used_at || invitation.expires_at <= ctx.now()) {
    throw new AppError('NOT_FOUND', 'Посилання недійсне, використане або прострочене');
  }
  return { fullName: invitation.full_name, phone: invitation.phone, expiresAt: invitation.expires_at.toISOString() };
}

export async function acceptInvitation(ctx: AppContext, token: string, password: string, ip: string | null) {
  const tokenHash = hashToken(token);
  const passwordHash = await hashPassword(password);
  await ctx.db.transaction().execute(async (trx) => {
    const invitation = await findInvitation(trx, tokenHash);
    if (!invitation || invitation.used_at || invitation.expires_at <= ctx.now()) {
      throw new AppError('NOT_FOUND', 'Посилання недійсне, використане або прострочене');
    }
    if (!(await markInvitationUsed(trx, tokenHash, ctx.now()))) {
      throw new AppError('NOT_FOUND', 'Посилання вже використане');
    }
    await setUserPassword(trx, invitation.user_id, passwordHash);
    await appendAudit(trx, {
      event: 'USER_PASSWORD_SET',
      entityType: 'user',
      entityId: invitation.user_id,
      actor: { userId: invitation.user_id, ip },
    });
  });
}

import { AppError } from '../../shared/errors';
import type { Actor } from '../context';
import type { Executor } from '../db/database';
import { findApplicationById, lockApplication } from '../repositories/application.repository';
import { findRequestById } from '../repositories/request.repository';
import { listUserOrganizationIds } from '../repositories/user.repository';

/**
 * Organizations the actor may see: a ВО only their own; an operator all (null = no limit).
 * Everything outside is answered as "not found", so ids of other organizations' records leak nothing.
 */
export async function visibleOrganizationIds(db: Executor, actor: Actor): Promise<string[] | null> {
  if (actor.role === 'operator') return null;
  return listUserOrganizationIds(db, actor.userId);
}

export async function assertOrganizationVisible(db: Executor, actor: Actor, organizationId: string): Promise<void> {
  const ids = await visibleOrganizationIds(db, actor);
  if (ids && !ids.includes(organizationId)) throw new AppError('NOT_FOUND', 'Організацію не знайдено');
}

export async function getVisibleApplication(db: Executor, actor: Actor, applicationId: string) {
  const application = await findApplicationById(db, applicationId);
  if (!application) throw new AppError('NOT_FOUND', 'Заявку не знайдено');
  const ids = await visibleOrganizationIds(db, actor);
  if (ids && !ids.includes(application.organization_id)) throw new AppError('NOT_FOUND', 'Заявку не знайдено');
  return application;
}

export async function getVisibleRequest(db: Executor, actor: Actor, requestId: string) {
  const request = await findRequestById(db, requestId);
  if (!request) throw new AppError('NOT_FOUND', 'Запит не знайдено');
  try {
    const application = await getVisibleApplication(db, actor, request.application_id);
    return { request, application };
  } catch {
    throw new AppError('NOT_FOUND', 'Запит не знайдено');
  }
}

/**
 * The application, checked like `getVisibleApplication`, then locked for the rest of the
 * transaction. Every change to an application, its requests or its documents takes this lock, as
 * `submit` does while it checks them: a change waits for a sending in progress and then sees the
 * new status, instead of slipping in under the check.
 */
export async function lockVisibleApplication(db: Executor, actor: Actor, applicationId: string) {
  await getVisibleApplication(db, actor, applicationId);
  const application = await lockApplication(db, applicationId);
  if (!application) throw new AppError('NOT_FOUND', 'Заявку не знайдено');
  return application;
}

/** The request and its application, the application locked as in `lockVisibleApplication`; both read after the lock. */
export async function lockVisibleRequest(db: Executor, actor: Actor, requestId: string) {
  const { application: visible } = await getVisibleRequest(db, actor, requestId);
  const application = await lockApplication(db, visible.id);
  const request = await findRequestById(db, requestId);
  if (!application || !request) throw new AppError('NOT_FOUND', 'Запит не знайдено');
  return { request, application };
}

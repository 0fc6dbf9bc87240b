import { AppError } from '../../shared/errors';
import type { Actor } from '../context';
import type { Executor } from '../db/database';
import { findApplicationById } from '../repositories/application.repository';
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

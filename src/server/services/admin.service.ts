import type { Selectable } from 'kysely';
import type {
  AdminContract,
  AdminOrganization,
  AdminUser,
  CreateContractData,
  CreateOrganizationData,
  CreateServiceData,
  CreateUserData,
  OrganizationSearchQuery,
  UpdateContractData,
  UpdateOrganizationData,
  UpdateUserData,
  UserSearchQuery,
} from '../../shared/contracts/admin';
import type { Contract, Service } from '../../shared/contracts/organizations';
import { formatDateTime } from '../../shared/domain/dates';
import { normalizePhone } from '../../shared/domain/phone';
import { AppError, fieldError } from '../../shared/errors';
import type { Actor, AppContext } from '../context';
import type { Executor } from '../db/database';
import type { AppUserRow, ContractTable } from '../db/schema';
import { renderInvitationEmail } from '../email';
import {
  countResponsiblePersons,
  deleteUserSessions,
  expireUnusedInvitations,
  findContractByNumber,
  findServiceByName,
  insertService,
  listAllServices,
  listContractsOf,
  listOrganizationsOfUsers,
  listPendingInvitations,
  listServicesByIds,
  listServicesInUse,
  lockOrganization,
  lockUser,
  searchOrganizations,
  searchUsers,
  setContractServices,
  setUserBlocked,
  setUserOrganizations,
  updateContractRow,
  updateOrganizationName,
  updateUserProfile,
} from '../repositories/admin.repository';
import { appendAudit } from '../repositories/audit.repository';
import {
  countContractUsage,
  findOrganizationByEdrpou,
  findOrganizationById,
  createContract as insertContract,
  createOrganization as insertOrganization,
  listContractServices,
  listOrganizationsByIds,
  lockContract,
} from '../repositories/organization.repository';
import { enqueueEmail } from '../repositories/outbox.repository';
import { createInvitation, findUserByPhone, createUser as insertUser } from '../repositories/user.repository';
import { hashToken, newToken } from '../security/tokens';

/**
 * The operator's back office: organizations, contracts, services and ВО accounts. Every change
 * writes its audit row (and, for an invitation, its e-mail) in the same transaction.
 */

// --- Invitations (shared with the CLI) ---------------------------------------------------------

export const INVITATION_HOURS = 72;

export type InvitedUser = { id: string; fullName: string; phone: string; email: string };

/**
 * Invites `user` to set a password: a single-use link valid for 72 hours, e-mailed through the
 * outbox. Earlier unused links of the user stop working, so only the newest e-mail is good.
 * Runs inside the caller's transaction (the CLI's and the operator's), so a failed creation
 * leaves neither an invitation nor a mail behind. The returned link is a credential: the CLI
 * prints it to the operator at the console; the API never returns it.
 */
export async function sendInvitation(
  ctx: AppContext,
  trx: Executor,
  user: InvitedUser,
  by: { actor: Actor | null; via: 'cli' | 'operator' },
): Promise<{ link: string; expiresAt: Date }> {
  const now = ctx.now();
  const voided = await expireUnusedInvitations(trx, user.id, now);
  const token = newToken();
  const expiresAt = new Date(now.getTime() + INVITATION_HOURS * 3600 * 1000);
  const link = `${ctx.config.publicUrl}/invitation/${token}`;
  await createInvitation(trx, { tokenHash: hashToken(token), userId: user.id, expiresAt });
  await enqueueEmail(trx, {
    to: user.email,
    // With the time of day: a 72-hour link that "is valid until" a date alone looks good all day.
    ...renderInvitationEmail({ fullName: user.fullName, link, phone: user.phone, expiresAt: formatDateTime(expiresAt.toISOString()) }),
  });
  await appendAudit(trx, {
    event: 'USER_INVITED',
    entityType: 'user',
    entityId: user.id,
    actor: by.actor,
    details: { via: by.via, expiresAt: expiresAt.toISOString(), voidedInvitations: voided },
  });
  return { link, expiresAt };
}

// --- Helpers -----------------------------------------------------------------------------------

function conflict(field: string, message: string): AppError {
  return new AppError('CONFLICT', message, { errors: [{ field, message }] });
}

/** The unique constraint a PostgreSQL/PGlite error violated, if that is what it is. */
function violatedUniqueConstraint(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  return code === '23505' && typeof constraint === 'string' ? constraint : null;
}

/**
 * Runs `work` in a transaction. The service checks for duplicates first, to answer with a clear
 * message; two operators saving the same value at once both pass that check, and the unique
 * constraint then refuses the second: it gets the same 409 instead of a 500. Only the named
 * constraint is translated, so an unexpected violation elsewhere is not passed off as this one.
 */
async function inTransaction<T>(
  ctx: AppContext,
  work: (trx: Executor) => Promise<T>,
  duplicate: { constraint: string; error: () => AppError },
): Promise<T> {
  try {
    return await ctx.db.transaction().execute(work);
  } catch (error) {
    if (violatedUniqueConstraint(error) === duplicate.constraint) throw duplicate.error();
    throw error;
  }
}

function mapService(row: { id: string; name: string; validity_months: number }): Service {
  return { id: row.id, name: row.name, validityMonths: row.validity_months };
}

/** Contracts with their services and the requests already counted against them. */
async function mapContracts(db: Executor, rows: Array<Selectable<ContractTable>>): Promise<AdminContract[]> {
  const ids = rows.map((c) => c.id);
  const services = await listContractServices(db, ids);
  const usage = await countContractUsage(db, ids);
  return rows.map((c) => ({
    id: c.id,
    organizationId: c.organization_id,
    number: c.number,
    signedOn: c.signed_on,
    quantity: c.quantity,
    usedQuantity: usage.get(c.id) ?? 0,
    validFrom: c.valid_from,
    validTo: c.valid_to,
    isActive: c.is_active,
    services: services.filter((s) => s.contract_id === c.id).map(mapService),
  }));
}

async function mapOrganizations(
  db: Executor,
  rows: Array<{ id: string; name: string; edrpou: string; created_at: Date }>,
): Promise<AdminOrganization[]> {
  const ids = rows.map((o) => o.id);
  const contracts = await mapContracts(db, await listContractsOf(db, ids));
  const people = await countResponsiblePersons(db, ids);
  return rows.map((o) => ({
    id: o.id,
    name: o.name,
    edrpou: o.edrpou,
    createdAt: o.created_at.toISOString(),
    contracts: contracts.filter((c) => c.organizationId === o.id).map(({ organizationId: _, ...c }): Contract => c),
    responsiblePersonCount: people.get(o.id) ?? 0,
  }));
}

async function mapUsers(db: Executor, rows: AppUserRow[], now: Date): Promise<AdminUser[]> {
  const ids = rows.map((u) => u.id);
  const organizations = await listOrganizationsOfUsers(db, ids);
  const invitations = await listPendingInvitations(db, ids, now);
  return rows.map((u) => ({
    id: u.id,
    role: u.role,
    phone: u.phone,
    email: u.email,
    fullName: u.full_name,
    isBlocked: u.is_blocked,
    hasPassword: u.password_hash !== null,
    organizations: organizations.filter((o) => o.user_id === u.id).map((o) => ({ id: o.id, name: o.name, edrpou: o.edrpou })),
    invitationPendingUntil: invitations.get(u.id)?.toISOString() ?? null,
    createdAt: u.created_at.toISOString(),
  }));
}

async function mapUser(db: Executor, row: AppUserRow, now: Date): Promise<AdminUser> {
  const [user] = await mapUsers(db, [row], now);
  return user;
}

// --- Organizations -----------------------------------------------------------------------------

export async function listOrganizationsForOperator(ctx: AppContext, query: OrganizationSearchQuery): Promise<AdminOrganization[]> {
  return mapOrganizations(ctx.db, await searchOrganizations(ctx.db, query.q));
}

async function getOrganization(db: Executor, id: string): Promise<AdminOrganization> {
  const row = await findOrganizationById(db, id);
  if (!row) throw new AppError('NOT_FOUND', 'Організацію не знайдено');
  return (await mapOrganizations(db, [row]))[0];
}

function duplicateEdrpou(edrpou: string, name?: string): AppError {
  return conflict('edrpou', `Організація з кодом ЄДРПОУ ${edrpou} вже є${name ? `: «${name}»` : ''}`);
}

export async function createOrganization(ctx: AppContext, actor: Actor, data: CreateOrganizationData): Promise<AdminOrganization> {
  return inTransaction(
    ctx,
    async (trx) => {
      const existing = await findOrganizationByEdrpou(trx, data.edrpou);
      if (existing) throw duplicateEdrpou(data.edrpou, existing.name);
      const organization = await insertOrganization(trx, { name: data.name, edrpou: data.edrpou });
      await appendAudit(trx, {
        event: 'ORGANIZATION_CREATED',
        entityType: 'organization',
        entityId: organization.id,
        organizationId: organization.id,
        actor,
        details: { via: 'operator', name: organization.name, edrpou: organization.edrpou },
      });
      return getOrganization(trx, organization.id);
    },
    { constraint: 'organization_edrpou_key', error: () => duplicateEdrpou(data.edrpou) },
  );
}

export async function updateOrganization(
  ctx: AppContext,
  actor: Actor,
  id: string,
  data: UpdateOrganizationData,
): Promise<AdminOrganization> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await lockOrganization(trx, id);
    if (!before) throw new AppError('NOT_FOUND', 'Організацію не знайдено');
    await updateOrganizationName(trx, id, data.name);
    await appendAudit(trx, {
      event: 'ORGANIZATION_UPDATED',
      entityType: 'organization',
      entityId: id,
      organizationId: id,
      actor,
      details: { name: { from: before.name, to: data.name } },
    });
    return getOrganization(trx, id);
  });
}

// --- Services ----------------------------------------------------------------------------------

export async function listServicesForOperator(ctx: AppContext): Promise<Service[]> {
  return (await listAllServices(ctx.db)).map(mapService);
}

function duplicateService(name: string): AppError {
  return conflict('name', `Послуга «${name}» вже є`);
}

export async function createService(ctx: AppContext, actor: Actor, data: CreateServiceData): Promise<Service> {
  return inTransaction(
    ctx,
    async (trx) => {
      if (await findServiceByName(trx, data.name)) throw duplicateService(data.name);
      const service = await insertService(trx, data);
      await appendAudit(trx, {
        event: 'SERVICE_CREATED',
        entityType: 'service',
        entityId: service.id,
        actor,
        details: { name: service.name, validityMonths: service.validity_months },
      });
      return mapService(service);
    },
    { constraint: 'service_name_key', error: () => duplicateService(data.name) },
  );
}

// --- Contracts ---------------------------------------------------------------------------------

function duplicateContract(number: string): AppError {
  return conflict('number', `Договір № ${number} у цієї організації вже є`);
}

async function assertServicesExist(db: Executor, serviceIds: string[]) {
  const found = await listServicesByIds(db, serviceIds);
  if (found.length !== serviceIds.length) throw fieldError('serviceIds', 'Такої послуги немає: оновіть сторінку і оберіть зі списку');
}

export async function createContract(
  ctx: AppContext,
  actor: Actor,
  organizationId: string,
  data: CreateContractData,
): Promise<AdminContract> {
  return inTransaction(
    ctx,
    async (trx) => {
      // Locked so that the duplicate check and the insert see the same set of contracts.
      if (!(await lockOrganization(trx, organizationId))) throw new AppError('NOT_FOUND', 'Організацію не знайдено');
      await assertServicesExist(trx, data.serviceIds);
      if (await findContractByNumber(trx, organizationId, data.number)) throw duplicateContract(data.number);
      const contract = await insertContract(trx, { organizationId, ...data });
      await appendAudit(trx, {
        event: 'CONTRACT_CREATED',
        entityType: 'contract',
        entityId: contract.id,
        organizationId,
        actor,
        details: { via: 'operator', ...data },
      });
      return (await mapContracts(trx, [contract]))[0];
    },
    { constraint: 'contract_organization_id_number_key', error: () => duplicateContract(data.number) },
  );
}

export async function updateContract(ctx: AppContext, actor: Actor, id: string, data: UpdateContractData): Promise<AdminContract> {
  return inTransaction(
    ctx,
    async (trx) => {
      // The same lock request creation takes before it counts the used places: a request cannot
      // take a place between the count below and the new quantity.
      const before = await lockContract(trx, id);
      if (!before) throw new AppError('NOT_FOUND', 'Договір не знайдено');
      await assertServicesExist(trx, data.serviceIds);
      const sameNumber = await findContractByNumber(trx, before.organization_id, data.number);
      if (sameNumber && sameNumber.id !== id) throw duplicateContract(data.number);
      const used = (await countContractUsage(trx, [id])).get(id) ?? 0;
      if (data.quantity < used) {
        const message = `За договором вже подано ${used} запитів: кількість не може бути меншою`;
        throw new AppError('INVALID_STATE', message, { errors: [{ field: 'quantity', message }] });
      }
      const inUse = await listServicesInUse(trx, id);
      const dropped = inUse.filter((serviceId) => !data.serviceIds.includes(serviceId));
      if (dropped.length > 0) {
        const names = (await listServicesByIds(trx, dropped)).map((s) => `«${s.name}»`).join(', ');
        const message = `Послуги ${names} вже обрано в запитах за цим договором: їх не можна прибрати`;
        throw new AppError('INVALID_STATE', message, { errors: [{ field: 'serviceIds', message }] });
      }
      const servicesBefore = (await listContractServices(trx, [id])).map((s) => s.id);
      const contract = await updateContractRow(trx, id, data);
      await setContractServices(trx, id, data.serviceIds);
      await appendAudit(trx, {
        event: 'CONTRACT_UPDATED',
        entityType: 'contract',
        entityId: id,
        organizationId: before.organization_id,
        actor,
        details: {
          before: {
            number: before.number,
            signedOn: before.signed_on,
            quantity: before.quantity,
            validFrom: before.valid_from,
            validTo: before.valid_to,
            isActive: before.is_active,
            serviceIds: servicesBefore,
          },
          after: data,
        },
      });
      return (await mapContracts(trx, [contract]))[0];
    },
    { constraint: 'contract_organization_id_number_key', error: () => duplicateContract(data.number) },
  );
}

// --- ВО accounts -------------------------------------------------------------------------------

export async function listUsersForOperator(ctx: AppContext, query: UserSearchQuery): Promise<AdminUser[]> {
  const rows = await searchUsers(ctx.db, {
    organizationId: query.organizationId,
    q: query.q,
    phone: query.q ? normalizePhone(query.q) : null,
  });
  return mapUsers(ctx.db, rows, ctx.now());
}

async function assertOrganizationsExist(db: Executor, organizationIds: string[]) {
  const found = await listOrganizationsByIds(db, organizationIds);
  if (found.length !== organizationIds.length)
    throw fieldError('organizationIds', 'Такої організації немає: оновіть сторінку і оберіть зі списку');
}

function duplicatePhone(phone: string): AppError {
  return conflict('phone', `Користувач із номером ${phone} вже є`);
}

/** A new ВО without a password, linked to the organizations, with an invitation e-mailed. */
export async function createResponsiblePerson(ctx: AppContext, actor: Actor, data: CreateUserData): Promise<AdminUser> {
  return inTransaction(
    ctx,
    async (trx) => {
      if (await findUserByPhone(trx, data.phone)) throw duplicatePhone(data.phone);
      await assertOrganizationsExist(trx, data.organizationIds);
      const user = await insertUser(trx, {
        phone: data.phone,
        email: data.email,
        fullName: data.fullName,
        role: 'responsible_person',
        passwordHash: null,
      });
      await setUserOrganizations(trx, user.id, data.organizationIds);
      await appendAudit(trx, {
        event: 'USER_CREATED',
        entityType: 'user',
        entityId: user.id,
        actor,
        details: { via: 'operator', role: user.role, organizationIds: data.organizationIds },
      });
      await sendInvitation(
        ctx,
        trx,
        { id: user.id, fullName: user.full_name, phone: user.phone, email: user.email },
        { actor, via: 'operator' },
      );
      return mapUser(trx, user, ctx.now());
    },
    { constraint: 'app_user_phone_key', error: () => duplicatePhone(data.phone) },
  );
}

async function lockExistingUser(db: Executor, id: string) {
  const user = await lockUser(db, id);
  if (!user) throw new AppError('NOT_FOUND', 'Користувача не знайдено');
  return user;
}

/** A fresh invitation; the earlier unused links stop working. */
export async function reinviteUser(ctx: AppContext, actor: Actor, id: string): Promise<AdminUser> {
  return ctx.db.transaction().execute(async (trx) => {
    const user = await lockExistingUser(trx, id);
    if (user.is_blocked) throw new AppError('INVALID_STATE', 'Обліковий запис заблоковано: спершу розблокуйте його');
    await sendInvitation(
      ctx,
      trx,
      { id: user.id, fullName: user.full_name, phone: user.phone, email: user.email },
      { actor, via: 'operator' },
    );
    return mapUser(trx, user, ctx.now());
  });
}

/**
 * Blocks the account and ends its sessions in the same transaction: an open tab is signed out at
 * its next request (session resolution also refuses a blocked user, as a second line).
 */
export async function blockUser(ctx: AppContext, actor: Actor, id: string): Promise<AdminUser> {
  if (id === actor.userId) throw new AppError('INVALID_STATE', 'Власний обліковий запис заблокувати не можна');
  return ctx.db.transaction().execute(async (trx) => {
    await lockExistingUser(trx, id);
    if (!(await setUserBlocked(trx, id, true))) throw new AppError('INVALID_STATE', 'Обліковий запис уже заблоковано');
    const sessionsEnded = await deleteUserSessions(trx, id);
    await appendAudit(trx, { event: 'USER_BLOCKED', entityType: 'user', entityId: id, actor, details: { sessionsEnded } });
    return mapUser(trx, await lockExistingUser(trx, id), ctx.now());
  });
}

export async function unblockUser(ctx: AppContext, actor: Actor, id: string): Promise<AdminUser> {
  return ctx.db.transaction().execute(async (trx) => {
    await lockExistingUser(trx, id);
    if (!(await setUserBlocked(trx, id, false))) throw new AppError('INVALID_STATE', 'Обліковий запис не заблоковано');
    await appendAudit(trx, { event: 'USER_UNBLOCKED', entityType: 'user', entityId: id, actor });
    return mapUser(trx, await lockExistingUser(trx, id), ctx.now());
  });
}

export async function updateUser(ctx: AppContext, actor: Actor, id: string, data: UpdateUserData): Promise<AdminUser> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await lockExistingUser(trx, id);
    if (before.role !== 'responsible_person')
      throw new AppError('INVALID_STATE', 'Це обліковий запис оператора: його не прив’язують до організацій');
    await assertOrganizationsExist(trx, data.organizationIds);
    const organizationsBefore = (await listOrganizationsOfUsers(trx, [id])).map((o) => o.id);
    const user = await updateUserProfile(trx, id, data);
    await setUserOrganizations(trx, id, data.organizationIds);
    await appendAudit(trx, {
      event: 'USER_UPDATED',
      entityType: 'user',
      entityId: id,
      actor,
      details: {
        before: { email: before.email, fullName: before.full_name, organizationIds: organizationsBefore },
        after: data,
      },
    });
    return mapUser(trx, user, ctx.now());
  });
}

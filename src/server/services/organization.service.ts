import type { Organization } from '../../shared/contracts/organizations';
import { kyivToday } from '../../shared/domain/dates';
import type { Actor, AppContext } from '../context';
import {
  countContractUsage,
  listActiveContracts,
  listContractServices,
  listOrganizationsByIds,
} from '../repositories/organization.repository';
import { visibleOrganizationIds } from './access';

/** The actor's organizations with the contracts in force today and their services. */
export async function listMyOrganizations(ctx: AppContext, actor: Actor): Promise<Organization[]> {
  const ids = await visibleOrganizationIds(ctx.db, actor);
  const organizations =
    ids === null
      ? await ctx.db.selectFrom('organization').selectAll().orderBy('name').execute()
      : await listOrganizationsByIds(ctx.db, ids);
  const contracts = await listActiveContracts(
    ctx.db,
    organizations.map((o) => o.id),
    kyivToday(ctx.now()),
  );
  const contractIds = contracts.map((c) => c.id);
  const [services, usage] = await Promise.all([listContractServices(ctx.db, contractIds), countContractUsage(ctx.db, contractIds)]);
  return organizations.map((o) => ({
    id: o.id,
    name: o.name,
    edrpou: o.edrpou,
    contracts: contracts
      .filter((c) => c.organization_id === o.id)
      .map((c) => ({
        id: c.id,
        number: c.number,
        signedOn: c.signed_on,
        quantity: c.quantity,
        usedQuantity: usage.get(c.id) ?? 0,
        validFrom: c.valid_from,
        validTo: c.valid_to,
        isActive: c.is_active,
        services: services
          .filter((s) => s.contract_id === c.id)
          .map((s) => ({ id: s.id, name: s.name, validityMonths: s.validity_months })),
      })),
  }));
}

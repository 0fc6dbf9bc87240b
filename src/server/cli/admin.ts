import { parseArgs } from 'node:util';
import { formatDate, isValidIsoDate, kyivToday } from '../../shared/domain/dates';
import { isValidEdrpou } from '../../shared/domain/edrpou';
import { isValidEmail } from '../../shared/domain/names';
import { normalizePhone } from '../../shared/domain/phone';
import { verifyAuditChain } from '../audit/verify';
import { createContext } from '../bootstrap';
import { loadConfig } from '../config';
import type { AppContext } from '../context';
import { appendAudit } from '../repositories/audit.repository';
import { createContract, createOrganization, findOrCreateService, findOrganizationByEdrpou } from '../repositories/organization.repository';
import { createUser, findUserByPhone, linkUserToOrganization } from '../repositories/user.repository';
import { INVITATION_HOURS, type InvitedUser, sendInvitation } from '../services/admin.service';

const USAGE = `Адміністрування кабінету (поки немає сторінок оператора):

  npm run admin -- create-organization --name "КНП «Лікарня»" --edrpou 01990016
  npm run admin -- create-contract --edrpou 01990016 --number "К-1" --signed-on 2026-12-01 \\
                   --quantity 50 [--valid-to 2027-12-31] [--service "Формування сертифікату КЕП на 1 рік" --months 12]
  npm run admin -- create-user --phone 0501234567 --email vo@example.com --name "Прізвище Ім'я По батькові" \\
                   [--role responsible_person|operator] [--edrpou 01990016]
  npm run admin -- invite --phone 0501234567
  npm run admin -- verify-audit          перевірити ланцюжок хешів журналу дій (код виходу 1, якщо пошкоджено)

create-user and invite print a link (valid 72 hours) to set the password, and e-mail it.`;

function fail(message: string): never {
  console.error(`Помилка: ${message}`);
  process.exit(2);
}

/** The same invitation the operator's page sends (`sendInvitation`); the CLI also prints the link. */
async function invite(ctx: AppContext, user: InvitedUser) {
  const { link } = await ctx.db.transaction().execute((trx) => sendInvitation(ctx, trx, user, { actor: null, via: 'cli' }));
  console.log(`Запрошення (діє ${INVITATION_HOURS} год): ${link}`);
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  if (!command || command === 'help' || command === '--help') {
    console.log(USAGE);
    return;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      name: { type: 'string' },
      edrpou: { type: 'string' },
      number: { type: 'string' },
      'signed-on': { type: 'string' },
      quantity: { type: 'string' },
      'valid-to': { type: 'string' },
      service: { type: 'string' },
      months: { type: 'string' },
      phone: { type: 'string' },
      email: { type: 'string' },
      role: { type: 'string' },
    },
  });
  const ctx = await createContext(loadConfig());
  try {
    if (command === 'create-organization') {
      const name = values.name?.trim();
      if (!name) fail('--name обов’язковий');
      if (!values.edrpou || !isValidEdrpou(values.edrpou)) fail('--edrpou: 8 цифр із правильною контрольною цифрою');
      if (await findOrganizationByEdrpou(ctx.db, values.edrpou)) fail(`організація з ЄДРПОУ ${values.edrpou} вже є`);
      const organization = await ctx.db.transaction().execute(async (trx) => {
        const created = await createOrganization(trx, { name, edrpou: values.edrpou as string });
        await appendAudit(trx, {
          event: 'ORGANIZATION_CREATED',
          entityType: 'organization',
          entityId: created.id,
          organizationId: created.id,
          details: { via: 'cli' },
        });
        return created;
      });
      console.log(`Організацію створено: ${organization.name} (${organization.edrpou})`);
    } else if (command === 'create-contract') {
      const organization = values.edrpou ? await findOrganizationByEdrpou(ctx.db, values.edrpou) : undefined;
      if (!organization) fail('--edrpou: організацію не знайдено');
      if (!values.number?.trim()) fail('--number обов’язковий');
      const signedOn = values['signed-on'] ?? kyivToday(ctx.now());
      if (!isValidIsoDate(signedOn)) fail('--signed-on: дата РРРР-ММ-ДД');
      const quantity = Number(values.quantity);
      if (!Number.isInteger(quantity) || quantity < 1) fail('--quantity: ціле число ≥ 1');
      const validTo = values['valid-to'] ?? null;
      if (validTo && !isValidIsoDate(validTo)) fail('--valid-to: дата РРРР-ММ-ДД');
      const months = Number(values.months ?? 12);
      if (!Number.isInteger(months) || months < 1) fail('--months: ціле число ≥ 1');
      const contract = await ctx.db.transaction().execute(async (trx) => {
        const service = await findOrCreateService(trx, {
          name: values.service ?? `Формування сертифікату КЕП на ${months / 12} ${months === 12 ? 'рік' : 'роки'}`,
          validityMonths: months,
        });
        const created = await createContract(trx, {
          organizationId: organization.id,
          number: (values.number as string).trim(),
          signedOn,
          quantity,
          validFrom: signedOn,
          validTo,
          serviceIds: [service.id],
        });
        await appendAudit(trx, {
          event: 'CONTRACT_CREATED',
          entityType: 'contract',
          entityId: created.id,
          organizationId: organization.id,
          details: { via: 'cli' },
        });
        return created;
      });
      console.log(`Контракт ${contract.number} від ${formatDate(contract.signed_on)} створено для ${organization.name}`);
    } else if (command === 'create-user') {
      const phone = normalizePhone(values.phone ?? '');
      if (!phone) fail('--phone: номер +380XXXXXXXXX');
      if (!values.email || !isValidEmail(values.email)) fail('--email: невірний формат');
      const fullName = values.name?.trim();
      if (!fullName) fail('--name обов’язковий');
      const role = (values.role ?? 'responsible_person') as 'responsible_person' | 'operator';
      if (role !== 'responsible_person' && role !== 'operator') fail('--role: responsible_person або operator');
      if (await findUserByPhone(ctx.db, phone)) fail(`користувач ${phone} вже є`);
      const organization = values.edrpou ? await findOrganizationByEdrpou(ctx.db, values.edrpou) : undefined;
      if (role === 'responsible_person' && !organization) fail('--edrpou: організацію відповідальної особи не знайдено');
      const user = await ctx.db.transaction().execute(async (trx) => {
        const created = await createUser(trx, { phone, email: values.email as string, fullName, role, passwordHash: null });
        if (organization) await linkUserToOrganization(trx, created.id, organization.id);
        await appendAudit(trx, {
          event: 'USER_CREATED',
          entityType: 'user',
          entityId: created.id,
          organizationId: organization?.id ?? null,
          details: { via: 'cli', role },
        });
        return created;
      });
      console.log(`Користувача створено: ${user.full_name} ${user.phone}`);
      await invite(ctx, { id: user.id, fullName: user.full_name, phone: user.phone, email: user.email });
    } else if (command === 'invite') {
      const phone = normalizePhone(values.phone ?? '');
      const user = phone ? await findUserByPhone(ctx.db, phone) : undefined;
      if (!user) fail('--phone: користувача не знайдено');
      await invite(ctx, { id: user.id, fullName: user.full_name, phone: user.phone, email: user.email });
    } else if (command === 'verify-audit') {
      const check = await verifyAuditChain(ctx.db);
      if (check.ok) {
        console.log(`Журнал дій цілий: перевірено записів — ${check.checked}.`);
        if (check.lastId) console.log(`Останній запис №${check.lastId}, хеш ${check.lastHash}`);
      } else {
        console.error(
          `Журнал дій ПОШКОДЖЕНО: запис №${check.firstBrokenId} змінено, видалено запис перед ним або вставлено поза ланцюжком. ` +
            `Цілих записів до нього — ${check.checked}.`,
        );
        process.exitCode = 1;
      }
    } else {
      fail(`невідома команда «${command}»\n\n${USAGE}`);
    }
  } finally {
    await ctx.db.destroy();
  }
}

await main();

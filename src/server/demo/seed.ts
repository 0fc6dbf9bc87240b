import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateSigningKeyPair } from '../../shared/crypto/keys';
import { createPkcs12 } from '../../shared/crypto/pkcs12';
import { addDays, kyivToday } from '../../shared/domain/dates';
import type { AppContext } from '../context';
import { appendAudit } from '../repositories/audit.repository';
import { createContract, createOrganization, findOrCreateService } from '../repositories/organization.repository';
import { createCertificate, createPerson } from '../repositories/person.repository';
import { createUser, linkUserToOrganization } from '../repositories/user.repository';
import { hashPassword } from '../security/password';

/** Fixed demo data, named in the README and the tests. */
export const DEMO = {
  organizations: [
    { key: 'hospital', name: 'КНП «Демонстраційна лікарня №1»', edrpou: '01990016', contract: 'ДЕМО-1' },
    { key: 'clinic', name: 'ТОВ «Демо-Клініка»', edrpou: '40990117', contract: 'ДЕМО-2' },
  ],
  contractSignedOn: '2026-12-01',
  service: { name: 'Формування сертифікату КЕП на 1 рік', validityMonths: 12 },
  users: [
    {
      phone: '+380501234567',
      password: 'demo12345',
      fullName: 'Петренко Марія Іванівна',
      email: 'vo1@example.com',
      role: 'responsible_person' as const,
      organization: 'hospital',
    },
    {
      phone: '+380631234567',
      password: 'demo12345',
      fullName: 'Гончаренко Тарас Олегович',
      email: 'vo2@example.com',
      role: 'responsible_person' as const,
      organization: 'clinic',
    },
    {
      phone: '+380441234567',
      password: 'operator12345',
      fullName: 'Оператор КНЕДП',
      email: 'operator@example.com',
      role: 'operator' as const,
      organization: null,
    },
  ],
  people: [
    {
      rnokpp: '3111923464',
      lastName: 'Коваленко',
      firstAndMiddleName: 'Олена Петрівна',
      expiresInDays: 5,
      department: 'Терапевтичне відділення',
      position: 'Лікар-терапевт',
      phone: '+380671112201',
      email: 'o.kovalenko@example.com',
      organization: 'hospital',
      address: 'вул. Хрещатик, 10',
    },
    {
      rnokpp: '2879510270',
      lastName: 'Шевченко',
      firstAndMiddleName: 'Андрій Іванович',
      expiresInDays: 12,
      department: 'Хірургічне відділення',
      position: 'Лікар-хірург',
      phone: '+380671112202',
      email: 'a.shevchenko@example.com',
      organization: 'hospital',
      address: 'просп. Перемоги, 25',
    },
    {
      rnokpp: '3304844106',
      lastName: 'Бондаренко',
      firstAndMiddleName: 'Ірина Миколаївна',
      expiresInDays: 20,
      department: 'Педіатричне відділення',
      position: 'Лікар-педіатр',
      phone: '+380671112203',
      email: 'i.bondarenko@example.com',
      organization: 'hospital',
      address: 'вул. Саксаганського, 41',
    },
    {
      rnokpp: '2521131334',
      lastName: 'Мельник',
      firstAndMiddleName: 'Олег Васильович',
      expiresInDays: 33,
      department: 'Адміністрація',
      position: 'Головний лікар',
      phone: '+380671112204',
      email: 'o.melnyk@example.com',
      organization: 'hospital',
      address: 'вул. Велика Васильківська, 72',
    },
    {
      rnokpp: '3497158565',
      lastName: 'Ткаченко',
      firstAndMiddleName: 'Наталія Сергіївна',
      expiresInDays: 47,
      department: 'Терапевтичне відділення; Приймальне відділення',
      position: 'Сестра медична',
      phone: '+380671112205',
      email: 'n.tkachenko@example.com',
      organization: 'hospital',
      address: 'вул. Антоновича, 12',
    },
    {
      rnokpp: '3005766710',
      lastName: 'Кравчук',
      firstAndMiddleName: 'Юрій Олександрович',
      expiresInDays: 61,
      department: 'Неврологічне відділення',
      position: 'Лікар-невролог',
      phone: '+380671112206',
      email: 'y.kravchuk@example.com',
      organization: 'hospital',
      address: 'вул. Лук\u2019янівська, 8',
    },
    {
      rnokpp: '2736372181',
      lastName: 'Олійник',
      firstAndMiddleName: 'Світлана Вікторівна',
      expiresInDays: -3,
      department: 'Лабораторія',
      position: 'Лікар-лаборант',
      phone: '+380671112207',
      email: 's.oliinyk@example.com',
      organization: 'hospital',
      address: 'бульв. Лесі Українки, 30',
    },
    {
      rnokpp: '3236280936',
      lastName: 'Лисенко',
      firstAndMiddleName: 'Дмитро Богданович',
      expiresInDays: 40,
      department: 'Амбулаторія',
      position: 'Лікар загальної практики',
      phone: '+380931112208',
      email: 'd.lysenko@example.com',
      organization: 'clinic',
      address: 'вул. Богдана Хмельницького, 3',
    },
  ],
} as const;

/** The password of every demo key file (`<dataDir>/demo-keys/<РНОКПП>.p12`). */
export const DEMO_KEY_PASSWORD = 'demo12345';

export function demoKeyPath(dataDir: string, rnokpp: string): string {
  return path.join(dataDir, 'demo-keys', `${rnokpp}.p12`);
}

/**
 * Seeds the demo when the database has no organizations yet; returns whether it did. The
 * registry people get real certificates from the provider's CA and key files in
 * `<dataDir>/demo-keys`, so the signing can be tried with them.
 */
export async function seedDemoData(ctx: AppContext): Promise<boolean> {
  const existing = await ctx.db.selectFrom('organization').select('id').limit(1).executeTakeFirst();
  if (existing) return false;
  const now = ctx.now();
  const today = kyivToday(now);
  const passwordHashes = new Map<string, string>();
  for (const user of DEMO.users) passwordHashes.set(user.phone, await hashPassword(user.password));
  const keyFiles: { file: string; bytes: Uint8Array }[] = [];
  await ctx.db.transaction().execute(async (trx) => {
    const service = await findOrCreateService(trx, DEMO.service);
    const organizationIds = new Map<string, string>();
    for (const o of DEMO.organizations) {
      const organization = await createOrganization(trx, { name: o.name, edrpou: o.edrpou });
      organizationIds.set(o.key, organization.id);
      await createContract(trx, {
        organizationId: organization.id,
        number: o.contract,
        signedOn: DEMO.contractSignedOn,
        quantity: 10,
        validFrom: DEMO.contractSignedOn <= today ? DEMO.contractSignedOn : today,
        validTo: null,
        serviceIds: [service.id],
      });
    }
    for (const u of DEMO.users) {
      const user = await createUser(trx, {
        phone: u.phone,
        email: u.email,
        fullName: u.fullName,
        role: u.role,
        passwordHash: passwordHashes.get(u.phone) ?? null,
      });
      if (u.organization) await linkUserToOrganization(trx, user.id, organizationIds.get(u.organization) as string);
    }
    for (const p of DEMO.people) {
      const person = await createPerson(trx, {
        rnokpp: p.rnokpp,
        passport: null,
        lastName: p.lastName,
        firstAndMiddleName: p.firstAndMiddleName,
        phone: p.phone,
        email: p.email,
        locality: 'Київ',
        region: 'м.Київ',
        department: p.department,
        position: p.position,
      });
      const notAfter = new Date(`${addDays(today, p.expiresInDays)}T21:59:59Z`);
      const organization = DEMO.organizations.find((o) => o.key === p.organization) ?? DEMO.organizations[0];
      const keys = await generateSigningKeyPair('ECDSA P-256');
      const certificate = await ctx.ca.issueCertificate({
        publicKey: keys.publicKey,
        subject: {
          lastName: p.lastName,
          firstAndMiddleName: p.firstAndMiddleName,
          identityCode: p.rnokpp,
          identityKind: 'rnokpp',
          organizationName: organization.name,
          edrpou: organization.edrpou,
          position: p.position,
          department: p.department,
          locality: 'Київ',
        },
        notBefore: new Date(notAfter.getTime() - 365 * 24 * 60 * 60 * 1000),
        notAfter,
        onSecureDevice: false,
      });
      await createCertificate(trx, {
        serial: certificate.serialNumber.toUpperCase(),
        personId: person.id,
        organizationId: organizationIds.get(p.organization) as string,
        holderName: `${p.lastName} ${p.firstAndMiddleName}`,
        notBefore: certificate.notBefore,
        notAfter: certificate.notAfter,
        der: new Uint8Array(certificate.rawData),
        issuerName: ctx.ca.issuing.subject,
      });
      const keyFile = await createPkcs12({
        privateKey: keys.privateKey,
        certificates: [new Uint8Array(certificate.rawData), ...ctx.ca.certificates.map((c) => new Uint8Array(c.rawData)).reverse()],
        password: DEMO_KEY_PASSWORD,
        friendlyName: `${p.lastName} ${p.firstAndMiddleName}`,
        // OpenSSL's default: quick to open, and these keys protect nothing real.
        iterations: 2048,
      });
      keyFiles.push({ file: demoKeyPath(ctx.config.dataDir, p.rnokpp), bytes: keyFile });
    }
    await appendAudit(trx, { event: 'ORGANIZATION_CREATED', entityType: 'organization', entityId: null, details: { demo: true } });
  });
  mkdirSync(path.join(ctx.config.dataDir, 'demo-keys'), { recursive: true, mode: 0o700 });
  for (const { file, bytes } of keyFiles) writeFileSync(file, bytes, { mode: 0o600 });
  return true;
}

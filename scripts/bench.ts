/**
 * `npm run bench`: how the cabinet's main paths scale with the size of an application, on
 * PGlite and (when DATABASE_URL is set) on PostgreSQL, in one run. Figures are reported as
 * ratios, which survive a slower or busier machine better than milliseconds do.
 *
 * Target: opening an application of 200 requests costs at most 10× one of a single request
 * (the page is a fixed number of queries, not one per request). Also reported: accepting an
 * employee's signature (verification + storing) against opening an application, and how it
 * changes with 50 more trusted CAs (target ≤ 2×: issuers are matched by name before any
 * signature check).
 */
import { performance } from 'node:perf_hooks';
import { addImportedCa } from '../src/server/ca/trust-store';
import { ISSUE_CERTIFICATE, runDueJobs } from '../src/server/jobs/job-runner';
import { enqueueJob } from '../src/server/repositories/job.repository';
import { createContract, findOrCreateService } from '../src/server/repositories/organization.repository';
import { x509 } from '../src/shared/crypto/engine';
import { generateSigningKeyPair } from '../src/shared/crypto/keys';
import { addDays, kyivToday } from '../src/shared/domain/dates';
import { call, createTestApp, login, VO1 } from '../test/support/app';
import { demoKey, postSignature, signStatement, tokenOf } from '../test/support/signing';

const REQUESTS = 200;
const SAMPLES = 30;
const SIGNATURES = 15;
const KOVALENKO = '3111923464';

const PEOPLE_LAST = ['Коваленко', 'Шевченко', 'Бондаренко', 'Мельник', 'Ткаченко', 'Кравчук', 'Олійник', 'Лисенко'];

/** A valid РНОКПП for a sequence number: birth-day digits from `n`, then the check digit. */
function rnokppFor(n: number): string {
  const digits = `${String(20000 + n).padStart(5, '0')}${String(1000 + (n % 9000)).padStart(4, '0')}`.split('').map(Number);
  const weights = [-1, 5, 7, 9, 4, 6, 10, 5, 7];
  const sum = digits.reduce((s, d, i) => s + d * (weights[i] as number), 0);
  return `${digits.join('')}${(((sum % 11) + 11) % 11) % 10}`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

async function time(fn: () => Promise<unknown>, samples = SAMPLES): Promise<number> {
  const values: number[] = [];
  for (let i = 0; i < samples; i++) {
    const start = performance.now();
    await fn();
    values.push(performance.now() - start);
  }
  return median(values);
}

async function run(label: string, databaseUrl: string | undefined) {
  if (databaseUrl) process.env.DATABASE_URL = databaseUrl;
  else delete process.env.DATABASE_URL;
  const test = await createTestApp();
  try {
    const { app, ctx } = test;
    const session = await login(app, VO1);
    const organizations = (await call(app, session, 'GET', '/api/organizations')).json().items;
    const organizationId = organizations[0].id as string;
    const service = await findOrCreateService(ctx.db, { name: 'Формування сертифікату КЕП на 1 рік', validityMonths: 12 });
    const today = kyivToday(ctx.now());
    const contract = await createContract(ctx.db, {
      organizationId,
      number: 'BENCH',
      signedOn: addDays(today, -1),
      quantity: 10_000,
      validFrom: addDays(today, -1),
      validTo: null,
      serviceIds: [service.id],
    });
    const create = async () => {
      const r = await call(app, session, 'POST', '/api/applications', {
        organizationId,
        contractId: contract.id,
        visitRequired: false,
        visitDate: null,
      });
      if (r.statusCode !== 201) throw new Error(r.body);
      return r.json().id as string;
    };
    const addRequest = async (applicationId: string, n: number) => {
      const r = await call(app, session, 'POST', `/api/applications/${applicationId}/requests`, {
        identityCode: rnokppFor(n),
        isReissue: false,
        lastName: PEOPLE_LAST[n % PEOPLE_LAST.length],
        firstAndMiddleName: 'Олена Петрівна',
        phone: '0671112233',
        locality: 'Київ',
        region: 'м.Київ',
        otherDocument: null,
        department: 'Терапевтичне відділення',
        position: 'Лікар',
        email: `p${n}@example.com`,
        serviceId: service.id,
        keyStorage: 'cloud',
        publishConsent: true,
      });
      if (r.statusCode !== 201) throw new Error(r.body);
    };
    const small = await create();
    await addRequest(small, 0);
    const large = await create();
    const startCreate = performance.now();
    for (let i = 1; i <= REQUESTS; i++) await addRequest(large, i);
    const createPerRequest = (performance.now() - startCreate) / REQUESTS;
    for (let i = 0; i < 200; i++) await create();
    const detailSmall = await time(() => call(app, session, 'GET', `/api/applications/${small}`));
    const detailLarge = await time(() => call(app, session, 'GET', `/api/applications/${large}`));
    const list = await time(() => call(app, session, 'GET', '/api/applications'));
    const pdfLarge = await time(() => call(app, session, 'GET', `/api/applications/${large}/pdf`), 5);
    // The employee's signature: verified against the statement, the trusted CAs and the person.
    const signOnce = async (): Promise<number> => {
      const applicationId = await create();
      const r = await call(app, session, 'POST', `/api/applications/${applicationId}/requests`, {
        identityCode: KOVALENKO,
        isReissue: true,
        lastName: 'Коваленко',
        firstAndMiddleName: 'Олена Петрівна',
        phone: '0671112201',
        locality: 'Київ',
        region: 'м.Київ',
        otherDocument: null,
        department: 'Терапевтичне відділення',
        position: 'Лікар-терапевт',
        email: 'o.kovalenko@example.com',
        serviceId: service.id,
        keyStorage: 'cloud',
        publishConsent: true,
      });
      if (r.statusCode !== 201) throw new Error(r.body);
      const sent = await call(app, session, 'POST', `/api/requests/${r.json().id}/send-for-signing`);
      const token = tokenOf(sent.json().signing.link);
      const signature = await signStatement(test, token, await demoKey(test, KOVALENKO));
      const start = performance.now();
      const response = await postSignature(app, token, { signature });
      const elapsed = performance.now() - start;
      if (response.statusCode !== 200) throw new Error(response.body);
      return elapsed;
    };
    const signSamples = async () => {
      const values: number[] = [];
      for (let i = 0; i < SIGNATURES; i++) values.push(await signOnce());
      return median(values);
    };
    const signTwoCas = await signSamples();
    // Fifty other providers' CAs in the trusted list: the chain is still found by name first.
    for (let i = 0; i < 50; i++) {
      const keys = await generateSigningKeyPair('ECDSA P-256');
      const certificate = await x509.X509CertificateGenerator.createSelfSigned({
        name: `CN=Інший ЦСК ${i}, O=Надавач ${i}, C=UA`,
        keys,
        signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' } as Algorithm,
        extensions: [new x509.BasicConstraintsExtension(true, undefined, true)],
      });
      await addImportedCa(ctx.db, certificate, session.userId);
    }
    const signManyCas = await signSamples();
    // The renewal: the large application's 200 requests, signed and accepted, issued by the job runner.
    await ctx.db.updateTable('certificate_request').set({ status: 'signed' }).where('application_id', '=', large).execute();
    await ctx.db
      .updateTable('application')
      .set({ status: 'accepted', renewal_date: addDays(today, 7) })
      .where('id', '=', large)
      .execute();
    const requestIds = await ctx.db.selectFrom('certificate_request').select('id').where('application_id', '=', large).execute();
    for (const r of requestIds) {
      await enqueueJob(ctx.db, {
        kind: ISSUE_CERTIFICATE,
        key: `issue:${r.id}`,
        payload: { requestId: r.id },
        applicationId: large,
        runAt: new Date(0),
      });
    }
    const startRenewal = performance.now();
    let issued = 0;
    for (let n = await runDueJobs(ctx, 'bench', 20); n > 0; n = await runDueJobs(ctx, 'bench', 20)) issued += n;
    const issuePerCertificate = (performance.now() - startRenewal) / issued;
    if (issued !== REQUESTS) throw new Error(`issued ${issued} of ${REQUESTS}`);
    const rss = process.memoryUsage().rss / 1024 / 1024;
    return { label, createPerRequest, detailSmall, detailLarge, list, pdfLarge, signTwoCas, signManyCas, issuePerCertificate, rss };
  } finally {
    await test.close();
  }
}

const postgresUrl = process.env.DATABASE_URL;
const results = [await run('PGlite', undefined)];
if (postgresUrl) results.push(await run('PostgreSQL', postgresUrl));

const ms = (v: number) => `${v.toFixed(1)} ms`;
console.log('\nmedian of samples, in one run:');
console.table(
  results.map((r) => ({
    database: r.label,
    'create request': ms(r.createPerRequest),
    'open application (1 request)': ms(r.detailSmall),
    [`open application (${REQUESTS} requests)`]: ms(r.detailLarge),
    [`${REQUESTS} → 1 ratio`]: (r.detailLarge / r.detailSmall).toFixed(2),
    'list (202 applications)': ms(r.list),
    [`PDF of ${REQUESTS} requests`]: ms(r.pdfLarge),
    'signature accepted (2 CAs)': ms(r.signTwoCas),
    'sign / open ratio': (r.signTwoCas / r.detailSmall).toFixed(2),
    '52 → 2 CAs ratio': (r.signManyCas / r.signTwoCas).toFixed(2),
    'issue one certificate (renewal of 200)': ms(r.issuePerCertificate),
    'RSS MiB': r.rss.toFixed(0),
  })),
);
if (results.length === 2) {
  const [lite, server] = results as [(typeof results)[0], (typeof results)[0]];
  console.log(
    `PGlite / PostgreSQL: open large ${(lite.detailLarge / server.detailLarge).toFixed(2)}×, create ${(lite.createPerRequest / server.createPerRequest).toFixed(2)}×, issue ${(lite.issuePerCertificate / server.issuePerCertificate).toFixed(2)}×`,
  );
}
const worst = Math.max(...results.map((r) => r.detailLarge / r.detailSmall));
if (worst > 10) {
  console.error(`FAIL: opening an application of ${REQUESTS} requests costs ${worst.toFixed(1)}× one request (target ≤ 10×)`);
  process.exit(1);
}
const worstTrust = Math.max(...results.map((r) => r.signManyCas / r.signTwoCas));
if (worstTrust > 2) {
  console.error(`FAIL: with 52 trusted CAs a signature costs ${worstTrust.toFixed(2)}× the same with 2 (target ≤ 2×)`);
  process.exit(1);
}
console.log(`OK: ${REQUESTS}-request application opens at ${worst.toFixed(2)}× a 1-request one (target ≤ 10×)`);
console.log(`OK: with 52 trusted CAs a signature is accepted at ${worstTrust.toFixed(2)}× the time with 2 (target ≤ 2×)`);

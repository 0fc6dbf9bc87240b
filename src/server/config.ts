import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('localhost'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .url()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  SMTP_URL: z
    .string()
    .url()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  PUBLIC_URL: z
    .string()
    .url()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  MAIL_FROM: z.string().default('КНЕДП «Демо-Сервіс» <noreply@esign.example.com>'),
  PROVIDER_NAME: z.string().default('КНЕДП «Демо-Сервіс»'),
  DEMO_DATA: z.enum(['0', '1']).optional(),
  SECRET_KEY: z.string().min(32, 'SECRET_KEY must be at least 32 characters').optional(),
  MASTER_KEY: z.string().min(32, 'MASTER_KEY must be at least 32 characters').optional(),
  JOBS: z.enum(['0', '1']).default('1'),
  JOB_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  smtpUrl?: string;
  publicUrl: string;
  mailFrom: string;
  providerName: string;
  /** Create the demo organizations, users and people when the database is empty. */
  seedDemoData: boolean;
  /** HMAC key for signing links; from SECRET_KEY or `<dataDir>/secret.key` made at first start. */
  secretKey: string;
  /** Wraps the keys of cloud-stored keys (envelope encryption); from MASTER_KEY or `<dataDir>/master.key`, never in the database. */
  masterKey: string;
  /** Run the job runner (renewals) in this process. */
  runJobs: boolean;
  /** How long a claimed job is leased before another runner may take it over. */
  jobLeaseMs: number;
  /** Login attempts allowed per phone and address in a minute. */
  loginRateLimit: number;
  /** Registry look-ups allowed per user in a minute (against enumeration of РНОКПП). */
  lookupRateLimit: number;
};

/** Reads the environment; a bad value stops start-up with a message that names it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    smtpUrl: e.SMTP_URL,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    mailFrom: e.MAIL_FROM,
    providerName: e.PROVIDER_NAME,
    secretKey: e.SECRET_KEY ?? readOrCreateSecret(path.resolve(e.DATA_DIR)),
    masterKey: e.MASTER_KEY ?? readOrCreateSecret(path.resolve(e.DATA_DIR), 'master.key'),
    runJobs: e.JOBS === '1',
    jobLeaseMs: e.JOB_LEASE_SECONDS * 1000,
    seedDemoData: e.DEMO_DATA ? e.DEMO_DATA === '1' : e.NODE_ENV !== 'production',
    loginRateLimit: 10,
    lookupRateLimit: 60,
  };
}

function readOrCreateSecret(dataDir: string, name = 'secret.key'): string {
  const file = path.join(dataDir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  try {
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another process starting at the same moment wrote it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8').trim();
    throw error;
  }
  return secret;
}

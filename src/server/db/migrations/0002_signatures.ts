import { type Kysely, sql } from 'kysely';

/**
 * Signatures (issue 3): the certificates the provider issued keep their DER and revocation;
 * the trusted CA list; every signature check with its report; the signed documents' `.p7s`;
 * the statement exactly as sent for signing; the PKCS#10 request for the new key.
 */
const statements = [
  `alter table certificate add column der bytea`,
  `alter table certificate add column issuer_name text`,
  `alter table certificate add column revoked_at timestamptz`,
  `
create table trusted_ca (
      id uuid primary key default gen_random_uuid(),
      fingerprint text not null unique,
      subject text not null,
      issuer text not null,
      serial text not null,
      not_before timestamptz not null,
      not_after timestamptz not null,
      der bytea not null,
      source text not null check (source in ('provider', 'imported')),
      created_by uuid references app_user(id),
      created_at timestamptz not null default now()
    )
  `,
  `
create table signature_check (
      id uuid primary key default gen_random_uuid(),
      application_id uuid not null references application(id) on delete cascade,
      request_id uuid references certificate_request(id) on delete cascade,
      purpose text not null check (purpose in ('statement', 'kdp_application')),
      result text not null check (result in ('valid', 'refused')),
      failure_code text,
      message text,
      report jsonb,
      signature_sha256 text not null,
      ip text,
      created_at timestamptz not null default now()
    )
  `,
  `create index signature_check_request_idx on signature_check(request_id, created_at desc)`,
  `alter table document add column signature_sha256 text`,
  `alter table document add column signature_report jsonb`,
  `alter table certificate_request add column statement_sha256 text`,
  `alter table certificate_request add column csr_sha256 text`,
  `alter table certificate_request add column csr_submitted_at timestamptz`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
export async function down(): Promise<void> {
  throw new Error('irreversible');
}

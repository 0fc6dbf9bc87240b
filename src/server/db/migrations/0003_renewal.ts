import { type Kysely, sql } from 'kysely';

/**
 * The operator's side (issue 4): review of applications and requests, the renewal as jobs,
 * issued certificates in the registry (how the holder was identified, revocation reasons,
 * publication), and the operator's policy settings.
 */
const statements = [
  `alter table application add column accepted_at timestamptz`,
  `alter table application add column accepted_by uuid references app_user(id)`,
  `alter table application add column returned_at timestamptz`,
  `alter table application add column completed_at timestamptz`,
  `alter table certificate_request add column rejected_at timestamptz`,
  `alter table certificate_request add column rejected_by uuid references app_user(id)`,
  `alter table certificate_request add column issued_at timestamptz`,
  `alter table certificate add column request_id uuid references certificate_request(id)`,
  // A request issues one certificate at most, whatever runs it and however often.
  `create unique index certificate_request_once on certificate(request_id) where request_id is not null`,
  `alter table certificate add column identification text check (identification in ('in_person', 'remote'))`,
  `alter table certificate add column remote_chain integer not null default 0`,
  `alter table certificate add column key_storage text check (key_storage in ('cloud', 'token', 'file'))`,
  `alter table certificate add column published boolean not null default false`,
  `alter table certificate add column revocation_reason integer`,
  `alter table certificate add column position text`,
  `create index certificate_published_idx on certificate(published, holder_name)`,
  `
create table job (
      id uuid primary key default gen_random_uuid(),
      kind text not null,
      key text not null unique,
      payload jsonb not null default '{}'::jsonb,
      application_id uuid references application(id) on delete cascade,
      status text not null default 'pending' check (status in ('pending', 'running', 'done', 'failed')),
      attempts integer not null default 0,
      max_attempts integer not null default 5,
      last_error text,
      run_at timestamptz not null,
      locked_by text,
      locked_until timestamptz,
      created_at timestamptz not null default now(),
      finished_at timestamptz
    )
  `,
  `create index job_due_idx on job(status, run_at)`,
  `create index job_application_idx on job(application_id, status)`,
  `
create table setting (
      key text primary key,
      value jsonb not null,
      updated_by uuid references app_user(id),
      updated_at timestamptz not null default now()
    )
  `,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
export async function down(): Promise<void> {
  throw new Error('irreversible');
}

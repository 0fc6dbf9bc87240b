import { type Kysely, sql } from 'kysely';

/**
 * The whole schema of the cabinet. Written as plain PostgreSQL 15 SQL, which both PGlite
 * (PostgreSQL 18) and the server run. Dates that are calendar days are `date`; instants are
 * `timestamptz`.
 */
const statements = [
  `
create table organization (
      id uuid primary key default gen_random_uuid(),
      name text not null,
      edrpou text not null unique,
      created_at timestamptz not null default now()
    )
  `,
  `
create table service (
      id uuid primary key default gen_random_uuid(),
      name text not null unique,
      validity_months integer not null check (validity_months > 0),
      created_at timestamptz not null default now()
    )
  `,
  `
create table contract (
      id uuid primary key default gen_random_uuid(),
      organization_id uuid not null references organization(id),
      number text not null,
      signed_on date not null,
      quantity integer not null check (quantity > 0),
      valid_from date not null,
      valid_to date,
      is_active boolean not null default true,
      created_at timestamptz not null default now(),
      unique (organization_id, number)
    )
  `,
  `
create table contract_service (
      contract_id uuid not null references contract(id) on delete cascade,
      service_id uuid not null references service(id),
      primary key (contract_id, service_id)
    )
  `,
  `
create table app_user (
      id uuid primary key default gen_random_uuid(),
      phone text not null unique,
      email text not null,
      full_name text not null,
      role text not null check (role in ('responsible_person', 'operator')),
      password_hash text,
      is_blocked boolean not null default false,
      created_at timestamptz not null default now()
    )
  `,
  `
create table user_organization (
      user_id uuid not null references app_user(id) on delete cascade,
      organization_id uuid not null references organization(id),
      primary key (user_id, organization_id)
    )
  `,
  `
create table invitation (
      token_hash text primary key,
      user_id uuid not null references app_user(id) on delete cascade,
      expires_at timestamptz not null,
      used_at timestamptz,
      created_at timestamptz not null default now()
    )
  `,
  `
create table session (
      token_hash text primary key,
      user_id uuid not null references app_user(id) on delete cascade,
      csrf_token text not null,
      expires_at timestamptz not null,
      ip text,
      user_agent text,
      created_at timestamptz not null default now()
    )
  `,
  `
create index session_user_idx on session(user_id)
  `,
  `
create table person (
      id uuid primary key default gen_random_uuid(),
      rnokpp text unique,
      passport text unique,
      last_name text not null,
      first_and_middle_name text not null,
      phone text not null,
      email text not null,
      locality text not null,
      region text not null,
      department text not null,
      position text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (rnokpp is not null or passport is not null)
    )
  `,
  `
create table certificate (
      id uuid primary key default gen_random_uuid(),
      serial text not null unique,
      person_id uuid not null references person(id),
      organization_id uuid not null references organization(id),
      holder_name text not null,
      not_before timestamptz not null,
      not_after timestamptz not null,
      status text not null default 'valid' check (status in ('valid', 'revoked', 'blocked')),
      created_at timestamptz not null default now()
    )
  `,
  `
create index certificate_person_idx on certificate(person_id, not_after desc)
  `,
  `
create index certificate_org_idx on certificate(organization_id, not_after)
  `,
  `
-- Gap-free numbering: the counter row is locked by the upsert and rolled back with the
    -- transaction that took a number, so numbers are never skipped or repeated.
    create table application_counter (
      period text primary key,
      last_value integer not null
    )
  `,
  `
create table application (
      id uuid primary key default gen_random_uuid(),
      number text not null unique,
      organization_id uuid not null references organization(id),
      contract_id uuid not null references contract(id),
      created_by uuid not null references app_user(id),
      status text not null default 'draft',
      visit_required boolean not null default false,
      visit_date date,
      renewal_date date,
      rework_comment text,
      sent_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )
  `,
  `
create index application_org_idx on application(organization_id, created_at desc)
  `,
  `
create index application_status_idx on application(status, created_at desc)
  `,
  `
create table certificate_request (
      id uuid primary key default gen_random_uuid(),
      application_id uuid not null references application(id) on delete cascade,
      number integer not null,
      status text not null default 'draft',
      identity_code text not null,
      identity_kind text not null check (identity_kind in ('rnokpp', 'passport')),
      person_id uuid references person(id),
      is_reissue boolean not null default false,
      last_name text not null,
      first_and_middle_name text not null,
      phone text not null,
      locality text not null,
      region text not null,
      other_document text,
      department text not null,
      position text not null,
      email text not null,
      service_id uuid not null references service(id),
      key_storage text not null check (key_storage in ('cloud', 'token', 'file')),
      publish_consent boolean not null default false,
      signing_id text unique,
      signing_expires_at timestamptz,
      sent_for_signing_at timestamptz,
      signed_at timestamptz,
      rejection_reason text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (application_id, number),
      unique (application_id, identity_code)
    )
  `,
  `
create table document (
      id uuid primary key default gen_random_uuid(),
      application_id uuid not null references application(id) on delete cascade,
      request_id uuid references certificate_request(id) on delete cascade,
      kind text not null,
      file_name text not null,
      media_type text not null,
      size integer not null,
      sha256 text not null,
      uploaded_by uuid references app_user(id),
      created_at timestamptz not null default now()
    )
  `,
  `
create index document_application_idx on document(application_id)
  `,
  `
create index document_request_idx on document(request_id)
  `,
  `
create table email_outbox (
      id uuid primary key default gen_random_uuid(),
      recipient text not null,
      subject text not null,
      text_body text not null,
      html_body text not null,
      status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
      attempts integer not null default 0,
      last_error text,
      next_attempt_at timestamptz not null default now(),
      created_at timestamptz not null default now(),
      sent_at timestamptz
    )
  `,
  `
create index email_outbox_pending_idx on email_outbox(status, next_attempt_at)
  `,
  `
create table audit_log (
      id bigserial primary key,
      at timestamptz not null default now(),
      actor_user_id uuid,
      actor_role text,
      ip text,
      event text not null,
      entity_type text not null,
      entity_id text,
      organization_id uuid,
      details jsonb not null default '{}'::jsonb
    )
  `,
  `
create index audit_log_entity_idx on audit_log(entity_type, entity_id)
  `,
  `
-- The audit log is append-only: no code path updates or deletes it, and the database refuses.
    create function audit_log_refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only';
    end $$
  `,
  `
create trigger audit_log_append_only before update or delete on audit_log
      for each row execute function audit_log_refuse_change()
  `,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  // One statement at a time: PGlite's extended protocol runs a single statement per query.
  for (const statement of statements) await sql.raw(statement).execute(db);
}
export async function down(): Promise<void> {
  throw new Error('irreversible');
}

import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { SignatureReport } from '../../shared/domain/signature';

/** Calendar dates are read as 'YYYY-MM-DD' strings (both drivers are configured so). */
type DateColumn = ColumnType<string, string, string>;
type NullableDate = ColumnType<string | null, string | null | undefined, string | null>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type OrganizationTable = { id: Generated<string>; name: string; edrpou: string; created_at: CreatedAt };
export type ServiceTable = { id: Generated<string>; name: string; validity_months: number; created_at: CreatedAt };
export type ContractTable = {
  id: Generated<string>;
  organization_id: string;
  number: string;
  signed_on: DateColumn;
  quantity: number;
  valid_from: DateColumn;
  valid_to: NullableDate;
  is_active: Generated<boolean>;
  created_at: CreatedAt;
};
export type ContractServiceTable = { contract_id: string; service_id: string };
export type AppUserTable = {
  id: Generated<string>;
  phone: string;
  email: string;
  full_name: string;
  role: 'responsible_person' | 'operator';
  password_hash: string | null;
  is_blocked: Generated<boolean>;
  created_at: CreatedAt;
};
export type UserOrganizationTable = { user_id: string; organization_id: string };
export type InvitationTable = {
  token_hash: string;
  user_id: string;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
  created_at: CreatedAt;
};
export type SessionTable = {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
  created_at: CreatedAt;
};
export type PersonTable = {
  id: Generated<string>;
  rnokpp: string | null;
  passport: string | null;
  last_name: string;
  first_and_middle_name: string;
  phone: string;
  email: string;
  locality: string;
  region: string;
  department: string;
  position: string;
  created_at: CreatedAt;
  updated_at: Timestamp;
};
export type CertificateTable = {
  id: Generated<string>;
  serial: string;
  person_id: string;
  organization_id: string;
  holder_name: string;
  not_before: Timestamp;
  not_after: Timestamp;
  status: Generated<'valid' | 'revoked' | 'blocked'>;
  /** The certificate itself, for those the provider's CA issued. */
  der: Uint8Array | null;
  issuer_name: string | null;
  revoked_at: NullableTimestamp;
  /** The request that issued it (one at most); null for certificates from before the cabinet. */
  request_id: string | null;
  identification: 'in_person' | 'remote' | null;
  /** Remote re-issues in a row up to this one (0 after an in-person identification). */
  remote_chain: Generated<number>;
  key_storage: 'cloud' | 'token' | 'file' | null;
  /** Consent to publish: it appears in the public directory. */
  published: Generated<boolean>;
  /** RFC 5280 CRLReason code. */
  revocation_reason: number | null;
  position: string | null;
  created_at: CreatedAt;
};
export type ApplicationCounterTable = { period: string; last_value: number };
export type ApplicationTable = {
  id: Generated<string>;
  number: string;
  organization_id: string;
  contract_id: string;
  created_by: string;
  status: Generated<string>;
  visit_required: Generated<boolean>;
  visit_date: NullableDate;
  renewal_date: NullableDate;
  rework_comment: string | null;
  sent_at: NullableTimestamp;
  accepted_at: NullableTimestamp;
  accepted_by: string | null;
  returned_at: NullableTimestamp;
  completed_at: NullableTimestamp;
  created_at: CreatedAt;
  updated_at: Timestamp;
};
export type CertificateRequestTable = {
  id: Generated<string>;
  application_id: string;
  number: number;
  status: Generated<string>;
  identity_code: string;
  identity_kind: 'rnokpp' | 'passport';
  person_id: string | null;
  is_reissue: boolean;
  last_name: string;
  first_and_middle_name: string;
  phone: string;
  locality: string;
  region: string;
  other_document: string | null;
  department: string;
  position: string;
  email: string;
  service_id: string;
  key_storage: 'cloud' | 'token' | 'file';
  publish_consent: boolean;
  signing_id: string | null;
  signing_expires_at: NullableTimestamp;
  sent_for_signing_at: NullableTimestamp;
  signed_at: NullableTimestamp;
  rejection_reason: string | null;
  rejected_at: NullableTimestamp;
  rejected_by: string | null;
  issued_at: NullableTimestamp;
  /** The statement PDF as sent for signing (file store): the bytes the signature must cover. */
  statement_sha256: string | null;
  csr_sha256: string | null;
  csr_submitted_at: NullableTimestamp;
  created_at: CreatedAt;
  updated_at: Timestamp;
};
export type DocumentTable = {
  id: Generated<string>;
  application_id: string;
  request_id: string | null;
  kind: string;
  file_name: string;
  media_type: string;
  size: number;
  sha256: string;
  uploaded_by: string | null;
  signature_sha256: string | null;
  signature_report: ColumnType<SignatureReport | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
};
export type EmailOutboxTable = {
  id: Generated<string>;
  recipient: string;
  subject: string;
  text_body: string;
  html_body: string;
  status: Generated<'pending' | 'sent' | 'failed'>;
  attempts: Generated<number>;
  last_error: string | null;
  next_attempt_at: ColumnType<Date, Date | undefined, Date>;
  created_at: CreatedAt;
  sent_at: NullableTimestamp;
};
export type AuditLogTable = {
  id: Generated<string>;
  at: CreatedAt;
  actor_user_id: string | null;
  actor_role: string | null;
  ip: string | null;
  event: string;
  entity_type: string;
  entity_id: string | null;
  organization_id: string | null;
  details: ColumnType<Record<string, unknown>, string, never>;
  /** The hash chain (`src/server/audit/chain.ts`); written only by `appendAudit`, never updated. */
  prev_hash: ColumnType<string | null, string | null | undefined, never>;
  hash: ColumnType<string | null, string | null | undefined, never>;
};

export type TrustedCaTable = {
  id: Generated<string>;
  fingerprint: string;
  subject: string;
  issuer: string;
  serial: string;
  not_before: Timestamp;
  not_after: Timestamp;
  der: Uint8Array;
  source: 'provider' | 'imported';
  created_by: string | null;
  created_at: CreatedAt;
};
export type SignatureCheckTable = {
  id: Generated<string>;
  application_id: string;
  request_id: string | null;
  purpose: 'statement' | 'kdp_application';
  result: 'valid' | 'refused';
  failure_code: string | null;
  message: string | null;
  report: ColumnType<SignatureReport | null, string | null, never>;
  signature_sha256: string;
  ip: string | null;
  created_at: CreatedAt;
};
export type JobTable = {
  id: Generated<string>;
  kind: string;
  /** Idempotency: one job per key, e.g. `issue:<request id>`. */
  key: string;
  payload: ColumnType<Record<string, unknown>, string, string>;
  application_id: string | null;
  status: Generated<'pending' | 'running' | 'done' | 'failed'>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  last_error: string | null;
  run_at: Timestamp;
  locked_by: string | null;
  locked_until: NullableTimestamp;
  created_at: CreatedAt;
  finished_at: NullableTimestamp;
};
export type SettingTable = {
  key: string;
  value: ColumnType<unknown, string, string>;
  updated_by: string | null;
  updated_at: Timestamp;
};
export type Database = {
  organization: OrganizationTable;
  service: ServiceTable;
  contract: ContractTable;
  contract_service: ContractServiceTable;
  app_user: AppUserTable;
  user_organization: UserOrganizationTable;
  invitation: InvitationTable;
  session: SessionTable;
  person: PersonTable;
  certificate: CertificateTable;
  application_counter: ApplicationCounterTable;
  application: ApplicationTable;
  certificate_request: CertificateRequestTable;
  document: DocumentTable;
  email_outbox: EmailOutboxTable;
  audit_log: AuditLogTable;
  trusted_ca: TrustedCaTable;
  signature_check: SignatureCheckTable;
  job: JobTable;
  setting: SettingTable;
};

export type AppUserRow = Selectable<AppUserTable>;
export type ApplicationRow = Selectable<ApplicationTable>;
export type CertificateRequestRow = Selectable<CertificateRequestTable>;
export type DocumentRow = Selectable<DocumentTable>;
export type PersonRow = Selectable<PersonTable>;
export type TrustedCaRow = Selectable<TrustedCaTable>;
export type CertificateRow = Selectable<CertificateTable>;
export type JobRow = Selectable<JobTable>;
export type NewCertificateRequest = Insertable<CertificateRequestTable>;

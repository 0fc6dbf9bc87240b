import type { Executor } from '../db/database';

/**
 * Audit events: a typed catalogue, so a typo is a compile error. UPPER_SNAKE as everywhere.
 */
export type AuditEvent =
  | 'USER_LOGGED_IN'
  | 'USER_LOGIN_FAILED'
  | 'USER_LOGGED_OUT'
  | 'USER_CREATED'
  | 'USER_INVITED'
  | 'USER_PASSWORD_SET'
  | 'ORGANIZATION_CREATED'
  | 'CONTRACT_CREATED'
  | 'APPLICATION_CREATED'
  | 'APPLICATION_UPDATED'
  | 'APPLICATION_DELETED'
  | 'APPLICATION_SENT'
  | 'APPLICATION_SEND_REFUSED'
  | 'REQUEST_CREATED'
  | 'REQUEST_UPDATED'
  | 'REQUEST_DELETED'
  | 'REQUEST_SENT_FOR_SIGNING'
  | 'REQUEST_SIGNED'
  | 'SIGNATURE_REFUSED'
  | 'TRUSTED_CA_IMPORTED'
  | 'TRUSTED_CA_REMOVED'
  | 'PERSON_LOOKED_UP'
  | 'DOCUMENT_UPLOADED'
  | 'DOCUMENT_DELETED';

export type AuditEntry = {
  event: AuditEvent;
  entityType:
    | 'user'
    | 'organization'
    | 'contract'
    | 'application'
    | 'certificate_request'
    | 'document'
    | 'person'
    | 'session'
    | 'trusted_ca';
  entityId: string | null;
  organizationId?: string | null;
  actor?: { userId: string | null; role?: string | null; ip?: string | null } | null;
  details?: Record<string, unknown>;
};

/** Append-only: there is deliberately no update or delete here (the database refuses them too). */
export async function appendAudit(db: Executor, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      event: entry.event,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      organization_id: entry.organizationId ?? null,
      actor_user_id: entry.actor?.userId ?? null,
      actor_role: entry.actor?.role ?? null,
      ip: entry.actor?.ip ?? null,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}

/**
 * Status machines of an application (Заявка) and of a certificate request (Запит на сертифікат).
 * Services change a status with a guarded update (`… WHERE status = <from>`) after asking
 * `canTransition…`, so these maps are the single list of moves the product allows.
 */

export const APPLICATION_STATUSES = ['draft', 'sent', 'rework', 'accepted', 'completed', 'cancelled'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** The guide's own labels. */
export const applicationStatusLabel: Record<ApplicationStatus, string> = {
  draft: 'Проект',
  sent: 'Відправлено до eSign',
  rework: 'На доопрацюванні',
  accepted: 'Прийнято',
  completed: 'Виконано',
  cancelled: 'Скасовано',
};

export const applicationTransitions: Readonly<Record<ApplicationStatus, readonly ApplicationStatus[]>> = {
  // The ВО sends a draft, or withdraws it.
  draft: ['sent', 'cancelled'],
  // The operator returns it for rework or accepts it (setting the renewal date).
  sent: ['rework', 'accepted'],
  // The ВО fixes and sends it again, or withdraws it.
  rework: ['sent', 'cancelled'],
  // The renewal run completes it; a problem found before the run sends it back to the ВО.
  accepted: ['completed', 'rework'],
  completed: [],
  cancelled: [],
};

export const REQUEST_STATUSES = ['draft', 'awaiting_signature', 'signed', 'rejected', 'issued'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** The guide's own labels (ВІДХИЛЕНО is in capitals in the guide). */
export const requestStatusLabel: Record<RequestStatus, string> = {
  draft: 'Проект',
  awaiting_signature: 'Очікує підпису',
  signed: 'Підписано',
  rejected: 'ВІДХИЛЕНО',
  issued: 'Сертифікат сформовано',
};

export const requestTransitions: Readonly<Record<RequestStatus, readonly RequestStatus[]>> = {
  // Sent to the employee for signing.
  draft: ['awaiting_signature'],
  // Signed by the employee; or the ВО edits the data, which voids the link: back to draft.
  awaiting_signature: ['signed', 'draft'],
  // The operator rejects it or the renewal issues the certificate; or the ВО edits the data,
  // and a signed statement no longer matches it, so it must be signed again from draft.
  signed: ['rejected', 'issued', 'draft'],
  // The ВО corrects what the operator rejected.
  rejected: ['draft'],
  issued: [],
};

export function isApplicationStatus(value: string): value is ApplicationStatus {
  return (APPLICATION_STATUSES as readonly string[]).includes(value);
}

export function isRequestStatus(value: string): value is RequestStatus {
  return (REQUEST_STATUSES as readonly string[]).includes(value);
}

// Statuses come from the database as plain strings; an unknown one must answer "no", not throw.
export function canTransitionApplication(from: ApplicationStatus, to: ApplicationStatus): boolean {
  return isApplicationStatus(from) && applicationTransitions[from].includes(to);
}

export function canTransitionRequest(from: RequestStatus, to: RequestStatus): boolean {
  return isRequestStatus(from) && requestTransitions[from].includes(to);
}

/** The ВО may change an application's data only before sending it or while it is back for rework. */
export function isApplicationEditable(status: ApplicationStatus): boolean {
  return status === 'draft' || status === 'rework';
}

/**
 * The ВО may change a request's data while it is a draft, while it waits for the employee's
 * signature (editing returns it to draft) and after the operator rejected it.
 */
export function isRequestEditable(status: RequestStatus): boolean {
  return status === 'draft' || status === 'awaiting_signature' || status === 'rejected';
}

/**
 * May the ВО work on this request (edit it, send it for signing, change its copies)? In an
 * editable application, yes; in one with the operator (`sent`), only a request the operator
 * rejected, while it is corrected and signed again.
 */
export function canWorkOnRequest(applicationStatus: ApplicationStatus, requestStatus: RequestStatus, rejectedByOperator: boolean): boolean {
  if (isApplicationEditable(applicationStatus)) return true;
  return (
    applicationStatus === 'sent' &&
    rejectedByOperator &&
    (requestStatus === 'rejected' || requestStatus === 'draft' || requestStatus === 'awaiting_signature')
  );
}

export { type ApplicationSentEmailData, renderApplicationSentEmail } from './application-sent.email';
export { INVITATION_SUBJECT, type InvitationEmailData, renderInvitationEmail } from './invitation.email';
export { escapeHtml, type RenderedEmail } from './layout';
export {
  renderApplicationAcceptedEmail,
  renderApplicationReturnedEmail,
  renderCertificateIssuedEmail,
  renderRenewalCompletedEmail,
  renderRequestRejectedEmail,
} from './review.email';
export { renderSigningRequestEmail, type SigningRequestEmailData } from './signing-request.email';

import { useTranslation } from 'react-i18next';
import { Navigate, useParams } from 'react-router';
import type { ApplicationDetail } from '../../../shared/contracts/applications';
import type { Organization } from '../../../shared/contracts/organizations';
import { ErrorState, NotFoundState, PageLoader } from '../../components/PageState';
import { useApplication } from '../../features/applications/api/get-application';
import { useOrganizations } from '../../features/applications/api/get-organizations';
import { DocumentSlots } from '../../features/documents/components/DocumentSlots';
import { useRequest } from '../../features/requests/api/get-request';
import { type RequestContext, RequestEditor } from '../../features/requests/components/RequestEditor';
import { queryKeys } from '../../lib/query-keys';
import { isProblem } from '../api-client';

function contextOf(application: ApplicationDetail, organizations: Organization[], requestId?: string): RequestContext {
  const contract = organizations.flatMap((o) => o.contracts).find((c) => c.id === application.contract.id);
  return {
    applicationId: application.id,
    applicationNumber: application.number,
    organizationId: application.organization.id,
    services: contract?.services ?? [],
    applicationEditable: application.canEdit,
    currentCertificate: requestId ? (application.requests.find((r) => r.id === requestId)?.currentCertificate ?? null) : null,
  };
}

function isNotFound(error: unknown) {
  return isProblem(error, 404) || isProblem(error, 400);
}

/** `/applications/:id/requests/new` */
export function NewRequestRoute() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const application = useApplication(id);
  const organizations = useOrganizations();
  if (application.isPending || organizations.isPending) return <PageLoader />;
  if (application.isError) {
    if (isNotFound(application.error)) return <NotFoundState title={t('application.notFoundTitle')} text={t('application.notFoundText')} />;
    return <ErrorState error={application.error} onRetry={() => void application.refetch()} />;
  }
  if (organizations.isError) return <ErrorState error={organizations.error} onRetry={() => void organizations.refetch()} />;
  // A sent application takes no new requests: back to it.
  if (!application.data.canEdit) return <Navigate to={`/applications/${id}`} replace />;
  return <RequestEditor key="new" context={contextOf(application.data, organizations.data)} />;
}

/** `/requests/:id` */
export function RequestRoute() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const request = useRequest(id);
  const application = useApplication(request.data?.applicationId);
  const organizations = useOrganizations();
  if (request.isError) {
    if (isNotFound(request.error)) return <NotFoundState title={t('request.notFoundTitle')} text={t('request.notFoundText')} />;
    return <ErrorState error={request.error} onRetry={() => void request.refetch()} />;
  }
  if (application.isError) return <ErrorState error={application.error} onRetry={() => void application.refetch()} />;
  if (organizations.isError) return <ErrorState error={organizations.error} onRetry={() => void organizations.refetch()} />;
  if (request.isPending || application.isPending || organizations.isPending) return <PageLoader />;
  const detail = request.data;
  const context = contextOf(application.data, organizations.data, detail.id);
  return (
    <RequestEditor
      key={detail.id}
      context={context}
      request={detail}
      documents={(r) => (
        <DocumentSlots
          owner={{ type: 'request', id: r.id }}
          slots={[
            { kind: 'passport_copy', hint: t('request.passportCopyHint') },
            { kind: 'tax_id_copy', hint: t('request.taxIdCopyHint') },
            { kind: 'signed_statement', readOnly: true, hint: t('request.signedStatementHint') },
          ]}
          documents={r.documents}
          canEdit={context.applicationEditable ? r.status !== 'issued' : r.canEdit}
          invalidate={[queryKeys.requests.detail(r.id), queryKeys.applications.detail(r.applicationId)]}
        />
      )}
    />
  );
}

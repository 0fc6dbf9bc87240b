import { useParams } from 'react-router';
import { APPLICATION_DOCUMENT_KINDS } from '../../../shared/contracts/documents';
import { ApplicationPage } from '../../features/applications/components/ApplicationPage';
import { DocumentSlots } from '../../features/documents/components/DocumentSlots';
import { RequestsSection } from '../../features/requests/components/RequestsSection';
import { queryKeys } from '../../lib/query-keys';

/** `/applications/:id`: the application page with the documents and requests sections. */
export function ApplicationRoute() {
  const { id = '' } = useParams();
  return (
    <ApplicationPage
      id={id}
      sections={{
        documents: (detail) => (
          <DocumentSlots
            owner={{ type: 'application', id: detail.id }}
            slots={APPLICATION_DOCUMENT_KINDS.map((kind) => ({ kind, signed: kind === 'kdp_application' }))}
            documents={detail.documents}
            canEdit={detail.canEdit}
            invalidate={[queryKeys.applications.detail(detail.id)]}
          />
        ),
        requests: (detail, renewalDate) => <RequestsSection application={detail} renewalDate={renewalDate} />,
      }}
    />
  );
}

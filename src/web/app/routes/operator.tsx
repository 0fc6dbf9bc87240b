import { useParams } from 'react-router';
import { APPLICATION_DOCUMENT_KINDS, REQUEST_DOCUMENT_KINDS } from '../../../shared/contracts/documents';
import { DocumentSlots } from '../../features/documents/components/DocumentSlots';
import { ReviewPage } from '../../features/operator/components/ReviewPage';
import { queryKeys } from '../../lib/query-keys';

/**
 * `/operator/applications/:id`: the operator's review, with the documents feature showing the
 * application's and each request's files read-only (each opens in the browser, a signed one
 * with its `.p7s` and verification report).
 */
export function ReviewRoute() {
  const { id = '' } = useParams();
  const invalidate = [queryKeys.operator.review(id)];
  return (
    <ReviewPage
      id={id}
      sections={{
        applicationDocuments: (application) => (
          <DocumentSlots
            owner={{ type: 'application', id: application.id }}
            slots={APPLICATION_DOCUMENT_KINDS.map((kind) => ({ kind }))}
            documents={application.documents}
            canEdit={false}
            invalidate={invalidate}
          />
        ),
        requestDocuments: (request) => (
          <DocumentSlots
            owner={{ type: 'request', id: request.id }}
            slots={REQUEST_DOCUMENT_KINDS.map((kind) => ({ kind, readOnly: true }))}
            documents={request.documents}
            canEdit={false}
            invalidate={invalidate}
          />
        ),
      }}
    />
  );
}

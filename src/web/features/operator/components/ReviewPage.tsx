import { Alert, Button, Card, Grid, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationDetail } from '../../../../shared/contracts/applications';
import type { ApplicationReview, RequestReview } from '../../../../shared/contracts/review';
import { formatDate, formatDateTime } from '../../../../shared/domain/dates';
import { isProblem } from '../../../app/api-client';
import { BackButton } from '../../../components/BackButton';
import { IconAlert, IconCheck } from '../../../components/icons';
import { Fact, PageHeader } from '../../../components/PageHeader';
import { ErrorState, NotFoundState, PageLoader } from '../../../components/PageState';
import { ApplicationStatusBadge } from '../../../components/StatusBadge';
import { useReview } from '../api/get-review';
import { useServices } from '../api/services';
import { AcceptModal, RejectModal, ReturnModal } from './DecisionModals';
import { RenewalPanel } from './RenewalPanel';
import { RequestReviewCard } from './RequestReviewCard';

export type ReviewSections = {
  /** The application's documents (the documents feature, read-only). */
  applicationDocuments: (application: ApplicationDetail) => ReactNode;
  /** One request's documents: the copies and the signed statement with its report. */
  requestDocuments: (request: RequestReview) => ReactNode;
};

/** `/operator/applications/:id`: one application as the operator checks and decides it. */
export function ReviewPage({ id, sections }: { id: string; sections: ReviewSections }) {
  const { t } = useTranslation();
  const review = useReview(id);
  if (review.isPending) return <PageLoader />;
  if (review.isError) {
    if (isProblem(review.error, 404) || isProblem(review.error, 400)) {
      return <NotFoundState title={t('application.notFoundTitle')} text={t('review.notFoundText')} backTo="/operator/applications" />;
    }
    return <ErrorState error={review.error} onRetry={() => void review.refetch()} />;
  }
  return <ReviewView review={review.data} sections={sections} />;
}

function SectionTitle({ children, id }: { children: ReactNode; id?: string }) {
  return (
    <Title order={2} className="section-title" id={id}>
      {children}
    </Title>
  );
}

function ReviewView({ review, sections }: { review: ApplicationReview; sections: ReviewSections }) {
  const { t } = useTranslation();
  const services = useServices();
  const { application, requests, acceptBlockers } = review;
  const [rejecting, setRejecting] = useState<RequestReview | null>(null);
  const [returning, setReturning] = useState(false);
  const [accepting, setAccepting] = useState(false);
  const isSent = application.status === 'sent';
  const showRenewal = application.status === 'accepted' || application.status === 'completed' || review.progress.state !== 'none';
  const serviceName = (serviceId: string) => services.data?.find((s) => s.id === serviceId)?.name ?? '';

  return (
    <>
      <PageHeader
        title={t('review.title', { number: application.number })}
        documentTitle={t('review.title', { number: application.number })}
        before={<BackButton to="/operator/applications" />}
        actions={
          isSent ? (
            <>
              <Button variant="default" color="orange" onClick={() => setReturning(true)}>
                {t('review.return')}
              </Button>
              <Button leftSection={<IconCheck size={18} />} onClick={() => setAccepting(true)}>
                {t('review.accept')}
              </Button>
            </>
          ) : undefined
        }
      >
        <Group gap="sm" wrap="wrap">
          <ApplicationStatusBadge status={application.status} size="lg" />
        </Group>
      </PageHeader>

      {application.status === 'rework' && (
        <Alert color="orange" variant="light" icon={<IconAlert />} title={t('review.reworkTitle')} mb="lg">
          {application.reworkComment ?? t('review.reworkNoComment')}
        </Alert>
      )}
      {isSent && acceptBlockers.length > 0 && (
        <Alert color="yellow" variant="light" icon={<IconAlert />} title={t('review.blockersTitle')} mb="lg">
          <List size="sm" spacing={4}>
            {acceptBlockers.map((b) => (
              <List.Item key={b}>{b}</List.Item>
            ))}
          </List>
        </Alert>
      )}

      <Stack gap="lg">
        <Grid gap="lg" align="flex-start">
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Stack gap="lg">
              <Card>
                <Stack gap="lg">
                  <Fact label={t('application.organization')}>
                    <div>
                      <Text fw={600}>{application.organization.name}</Text>
                      <Text size="sm" c="dimmed">
                        {t('inbox.edrpou', { code: application.organization.edrpou })}
                      </Text>
                    </div>
                  </Fact>
                  <SimpleGrid cols={{ base: 2, xs: 3 }} spacing="md">
                    <Fact label={t('application.number')}>
                      <Text fw={700} fz="lg" data-testid="application-number">
                        {application.number}
                      </Text>
                    </Fact>
                    <Fact label={t('application.renewalDate')}>
                      <Text fw={700}>{formatDate(application.renewalDate)}</Text>
                    </Fact>
                    <Fact label={t('review.contract')}>
                      <Text size="sm">
                        {t('applications.contractOption', {
                          number: application.contract.number,
                          date: formatDate(application.contract.signedOn),
                        })}
                      </Text>
                    </Fact>
                    <Fact label={t('review.quota')}>
                      <Text size="sm">
                        {t('review.quotaValue', { used: application.contract.usedQuantity, total: application.contract.quantity })}
                      </Text>
                    </Fact>
                    <Fact label={t('application.sentAt')}>
                      <Text size="sm">{formatDateTime(application.sentAt)}</Text>
                    </Fact>
                    <Fact label={t('application.visitRequired')}>
                      <Text size="sm">
                        {application.visitRequired
                          ? t('application.visitOn', { date: formatDate(application.visitDate) })
                          : t('application.visitNo')}
                      </Text>
                    </Fact>
                  </SimpleGrid>
                </Stack>
              </Card>
              {showRenewal && <RenewalPanel review={review} />}
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Card component="section" aria-labelledby="review-documents-title">
              <SectionTitle id="review-documents-title">{t('application.documentsTitle')}</SectionTitle>
              {sections.applicationDocuments(application)}
            </Card>
          </Grid.Col>
        </Grid>

        <section aria-labelledby="review-requests-title">
          <Group justify="space-between" align="baseline" mb="sm">
            <Title order={2} className="section-title plain" id="review-requests-title">
              {t('application.requestsTitle')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('inbox.requestsTotal', { count: requests.length })}
            </Text>
          </Group>
          <Stack gap="md">
            {requests.map((r) => (
              <RequestReviewCard
                key={r.id}
                request={r}
                serviceName={serviceName(r.serviceId)}
                documents={sections.requestDocuments(r)}
                onReject={isSent && r.status !== 'rejected' && r.status !== 'issued' ? () => setRejecting(r) : undefined}
              />
            ))}
          </Stack>
        </section>
      </Stack>

      <RejectModal applicationId={application.id} request={rejecting} onClose={() => setRejecting(null)} />
      <ReturnModal applicationId={application.id} opened={returning} onClose={() => setReturning(false)} />
      <AcceptModal
        applicationId={application.id}
        opened={accepting}
        defaultDate={application.renewalDate}
        blockers={acceptBlockers}
        onClose={() => setAccepting(false)}
      />
    </>
  );
}

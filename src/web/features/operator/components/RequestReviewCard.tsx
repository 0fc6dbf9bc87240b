import { Alert, Badge, Button, Card, Group, List, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { keyGrade } from '../../../../shared/contracts/requests';
import type { RequestReview } from '../../../../shared/contracts/review';
import { formatDate, formatDateTime } from '../../../../shared/domain/dates';
import { REVOCATION_REASONS } from '../../../../shared/domain/issuance';
import { IconAlert, IconDownload, IconShield } from '../../../components/icons';
import { Fact } from '../../../components/PageHeader';
import { CertificateStatusBadge, RequestStatusBadge } from '../../../components/StatusBadge';

/**
 * One request as the operator checks it: who, which service and key storage, the system's
 * warnings, the documents with the signed statement's report, the issued certificate, and
 * `ВІДХИЛИТИ` while the application waits for a decision.
 */
export function RequestReviewCard({
  request: r,
  serviceName,
  documents,
  onReject,
}: {
  request: RequestReview;
  serviceName: string;
  documents: ReactNode;
  onReject?: () => void;
}) {
  const { t } = useTranslation();
  const fullName = `${r.lastName} ${r.firstAndMiddleName}`;
  const grade = keyGrade[r.keyStorage];
  const titleId = `request-${r.id}-title`;
  return (
    <Card component="article" aria-labelledby={titleId} className="review-request">
      <Group justify="space-between" align="flex-start" gap="sm" wrap="wrap" mb="md">
        <Stack gap={2} style={{ minWidth: 0, flex: '1 1 260px' }}>
          <Text id={titleId} fw={700} fz="lg" className="break-anywhere">
            {t('review.requestTitle', { number: r.number, name: fullName })}
          </Text>
          <Text size="sm" c="dimmed">
            {r.position} · {r.department}
          </Text>
        </Stack>
        <Group gap="sm" wrap="wrap">
          <RequestStatusBadge status={r.status} size="lg" />
          {onReject && (
            <Button color="red" variant="light" onClick={onReject} aria-label={t('review.rejectNamed', { name: fullName })}>
              {t('review.reject')}
            </Button>
          )}
        </Group>
      </Group>

      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md" verticalSpacing="sm" mb="md">
        <Fact label={t('review.identityCode')}>
          <Text size="sm" ff="monospace" fw={600}>
            {r.identityCode}
          </Text>
        </Fact>
        <Fact label={t('review.service')}>
          <Text size="sm">{serviceName || '—'}</Text>
        </Fact>
        <Fact label={t('review.keyStorage')}>
          <Group gap={6} wrap="wrap">
            <Text size="sm">{t(`keyStorage.${r.keyStorage}`)}</Text>
            <Badge color={grade === 'КЕП' ? 'green' : 'orange'} variant="light" radius="sm" tt="none">
              {grade === 'КЕП' ? t('review.gradeQualified') : t('review.gradeAdvanced')}
            </Badge>
          </Group>
        </Fact>
        <Fact label={t('review.identification')}>
          <Text size="sm">{r.isReissue ? t('review.identificationRemote') : t('review.identificationInPerson')}</Text>
        </Fact>
        <Fact label={t('review.contacts')}>
          <Text size="sm" className="break-anywhere">
            {r.email} · {r.phone}
          </Text>
        </Fact>
        <Fact label={t('review.locality')}>
          <Text size="sm">
            {r.locality}, {r.region}
          </Text>
        </Fact>
        <Fact label={t('review.signedAt')}>
          <Text size="sm">{formatDateTime(r.signedAt) || '—'}</Text>
        </Fact>
        <Fact label={t('review.publish')}>
          <Text size="sm">{r.publishConsent ? t('review.publishYes') : t('review.publishNo')}</Text>
        </Fact>
      </SimpleGrid>

      {r.status === 'rejected' && (
        <Alert color="red" variant="light" icon={<IconAlert />} title={t('review.rejectedTitle')} mb="md">
          {r.rejectionReason ?? t('request.rejectedNoReason')}
        </Alert>
      )}

      {r.warnings.length > 0 && (
        <Alert color="yellow" variant="light" icon={<IconAlert />} title={t('review.warningsTitle')} mb="md" className="review-warnings">
          <List size="sm" spacing={4}>
            {r.warnings.map((w) => (
              <List.Item key={w.code}>{w.message}</List.Item>
            ))}
          </List>
        </Alert>
      )}

      {r.certificate && (
        <Alert
          color={r.certificate.status === 'valid' ? 'teal' : 'red'}
          variant="light"
          icon={<IconShield />}
          title={t('review.certificateTitle')}
          mb="md"
        >
          <Group gap="md" wrap="wrap">
            <Text size="sm">
              {t('review.certificateSerial')}{' '}
              <Text span ff="monospace" fz={13} className="break-anywhere">
                {r.certificate.serial}
              </Text>
            </Text>
            <Text size="sm">
              {t('signatureReport.validityValue', { from: formatDate(r.certificate.notBefore), to: formatDate(r.certificate.notAfter) })}
            </Text>
            <CertificateStatusBadge status={r.certificate.status} size="sm" />
            {r.issuedCertificate && (
              <Button
                component="a"
                href={r.issuedCertificate.downloadUrl}
                download
                size="compact-sm"
                variant="default"
                leftSection={<IconDownload size={14} />}
              >
                {t('registry.download')}
              </Button>
            )}
          </Group>
          {r.certificate.revokedAt && (
            <Text size="sm" mt={4}>
              {t('review.revokedOn', {
                date: formatDateTime(r.certificate.revokedAt),
                reason:
                  r.certificate.revocationReason !== null
                    ? (REVOCATION_REASONS[r.certificate.revocationReason as keyof typeof REVOCATION_REASONS] ?? '')
                    : '',
              })}
            </Text>
          )}
        </Alert>
      )}

      {documents}
    </Card>
  );
}

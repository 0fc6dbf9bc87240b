import { Alert, Button, Card, Group, List, Modal, Progress, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationReview, RenewalProgress } from '../../../../shared/contracts/review';
import { formatDate, formatDateTime } from '../../../../shared/domain/dates';
import { isProblem } from '../../../app/api-client';
import { IconAlert, IconCheck, IconInfo, IconRefresh } from '../../../components/icons';
import { ModalActions } from '../../../components/ModalActions';
import { queryKeys } from '../../../lib/query-keys';
import { useProgress } from '../api/get-progress';
import { useRunRenewal } from '../api/review-actions';

/**
 * The renewal of an accepted application: when it is scheduled (its day, 00:05 Kyiv), a button
 * to run it now, its progress while it runs (asked every 2 s), and `Виконано` with any failures.
 */
export function RenewalPanel({ review }: { review: ApplicationReview }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const id = review.application.id;
  const live = useProgress(id, review.application.status === 'accepted' || review.progress.state === 'running');
  const run = useRunRenewal(id);
  const [confirming, setConfirming] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const progress: RenewalProgress = live.data ?? review.progress;

  // When a run ends, the requests' statuses and certificates change: fetch the review again.
  const lastState = useRef(progress.state);
  useEffect(() => {
    if (lastState.current === 'running' && progress.state === 'done') {
      void queryClient.invalidateQueries({ queryKey: queryKeys.operator.review(id) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.operator.inboxAll, refetchType: 'none' });
    }
    lastState.current = progress.state;
  }, [progress.state, id, queryClient]);

  const onRun = () => {
    setFailure(null);
    run.mutate(undefined, {
      onSuccess: () => {
        setConfirming(false);
        notifications.show({ color: 'brand', message: t('renewal.started') });
      },
      onError: (e) => {
        setConfirming(false);
        setFailure(isProblem(e) ? (e.reasons[0] ?? e.detail ?? e.title) : t('errors.unexpected'));
      },
    });
  };

  const finished = progress.issued + progress.failed;
  const percent = progress.total > 0 ? Math.round((finished / progress.total) * 100) : 0;
  const done = progress.state === 'done' || review.application.status === 'completed';

  return (
    <Card component="section" aria-labelledby="renewal-title" className="renewal-panel">
      <Title order={2} className="section-title" id="renewal-title">
        {t('renewal.title')}
      </Title>
      <Stack gap="md">
        {progress.state === 'scheduled' && !done && (
          <Group justify="space-between" align="center" gap="md" wrap="wrap">
            <Group gap="sm" wrap="nowrap" align="flex-start">
              <IconInfo size={20} color="var(--mantine-color-brand-7)" style={{ flexShrink: 0, marginTop: 2 }} />
              <div>
                <Text fw={600}>
                  {t('renewal.scheduled', {
                    date: progress.runAt ? formatDateTime(progress.runAt) : `${formatDate(review.application.renewalDate)} 00:05`,
                  })}
                </Text>
                <Text size="sm" c="dimmed">
                  {t('renewal.scheduledHint', { count: progress.total })}
                </Text>
              </div>
            </Group>
            <Button leftSection={<IconRefresh size={18} />} onClick={() => setConfirming(true)}>
              {t('renewal.runNow')}
            </Button>
          </Group>
        )}

        {(progress.state === 'running' || done) && (
          <Stack gap={6}>
            <Group justify="space-between" gap="sm" wrap="wrap">
              <Text fw={600} aria-live="polite">
                {done ? t('renewal.doneTitle') : t('renewal.running')}
              </Text>
              <Text size="sm" c="dimmed">
                {t('renewal.counter', { done: progress.issued, total: progress.total })}
                {progress.failed > 0 ? ` · ${t('renewal.failedCount', { count: progress.failed })}` : ''}
              </Text>
            </Group>
            <Progress.Root size="xl" radius="md" aria-label={t('renewal.progressLabel')}>
              <Progress.Section value={progress.total ? (progress.issued / progress.total) * 100 : 0} color="teal">
                <Progress.Label>{progress.issued > 0 ? progress.issued : ''}</Progress.Label>
              </Progress.Section>
              <Progress.Section value={progress.total ? (progress.failed / progress.total) * 100 : 0} color="red">
                <Progress.Label>{progress.failed > 0 ? progress.failed : ''}</Progress.Label>
              </Progress.Section>
            </Progress.Root>
            <Text size="xs" c="dimmed" role="status">
              {t('renewal.percent', { percent, pending: progress.pending })}
            </Text>
          </Stack>
        )}

        {done && (
          <Alert
            color={progress.failed > 0 ? 'yellow' : 'green'}
            variant="light"
            icon={progress.failed > 0 ? <IconAlert /> : <IconCheck />}
            title={t('applicationStatus.completed')}
          >
            {t('renewal.doneText', { issued: progress.issued, total: progress.total })}
          </Alert>
        )}

        {progress.failures.length > 0 && (
          <Alert color="red" variant="light" icon={<IconAlert />} title={t('renewal.failuresTitle')}>
            <List size="sm" spacing={4}>
              {progress.failures.map((f) => (
                <List.Item key={f.requestId}>
                  <b>
                    {f.number}. {f.fullName}
                  </b>
                  : {f.error} <Text span size="xs" c="dimmed">{`(${t('renewal.attempts', { count: f.attempts })})`}</Text>
                </List.Item>
              ))}
            </List>
          </Alert>
        )}

        {failure && (
          <Alert color="red" variant="light" icon={<IconAlert />} role="alert">
            {failure}
          </Alert>
        )}
      </Stack>

      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={<Text fw={700}>{t('renewal.confirmTitle')}</Text>}
        centered
        radius="lg"
      >
        <Text size="sm">{t('renewal.confirmText', { count: progress.total, date: formatDate(review.application.renewalDate) })}</Text>
        <ModalActions onCancel={() => setConfirming(false)} onSubmit={onRun} loading={run.isPending} mt="lg" label={t('renewal.runNow')} />
      </Modal>
    </Card>
  );
}

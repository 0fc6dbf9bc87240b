import { Alert, List, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { acceptApplicationBodySchema, rejectRequestBodySchema, returnApplicationBodySchema } from '../../../../shared/contracts/review';
import { formatDate, isWorkingDay, kyivToday } from '../../../../shared/domain/dates';
import { REJECTION_REASONS } from '../../../../shared/domain/issuance';
import { isProblem } from '../../../app/api-client';
import { IconAlert } from '../../../components/icons';
import { ModalActions } from '../../../components/ModalActions';
import { UaDateInput } from '../../../components/UaDateInput';
import { useAcceptApplication, useRejectRequest, useReturnApplication } from '../api/review-actions';

type Translate = (key: string, options?: Record<string, unknown>) => string;

function problemText(error: unknown, t: Translate): string {
  if (!isProblem(error)) return t('errors.unexpected');
  return error.errors[0]?.message ?? error.detail ?? error.title;
}

/** The first message of a failed zod parse, or null when the value passes. */
function firstIssue(result: { success: boolean; error?: { issues: Array<{ message: string }> } }): string | null {
  return result.success ? null : (result.error?.issues[0]?.message ?? null);
}

/** `ВІДХИЛИТИ` a request: a common reason from the list and/or the operator's own words. */
export function RejectModal({
  applicationId,
  request,
  onClose,
}: {
  applicationId: string;
  request: { id: string; number: number; lastName: string; firstAndMiddleName: string } | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const reject = useRejectRequest(applicationId);
  const [common, setCommon] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a fresh form for every request opened.
  useEffect(() => {
    setCommon(null);
    setText('');
    setError(null);
  }, [request?.id]);

  const reason = [common, text.trim()].filter(Boolean).join('. ');
  const submit = () => {
    if (!request) return;
    const issue = firstIssue(rejectRequestBodySchema.safeParse({ reason }));
    if (issue) return setError(issue);
    setError(null);
    reject.mutate(
      { requestId: request.id, reason },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('review.rejectedDone', { number: request.number }) });
          onClose();
        },
        onError: (e) => setError(problemText(e, t)),
      },
    );
  };

  return (
    <Modal
      opened={request !== null}
      onClose={onClose}
      title={<Text fw={700}>{t('review.rejectTitle')}</Text>}
      centered
      radius="lg"
      size="lg"
    >
      {request && (
        <Stack gap="md">
          <Text size="sm">
            {t('review.rejectText', { number: request.number, name: `${request.lastName} ${request.firstAndMiddleName}` })}
          </Text>
          <Select
            label={t('review.rejectCommon')}
            placeholder={t('review.rejectCommonPlaceholder')}
            data={[...REJECTION_REASONS]}
            value={common}
            onChange={setCommon}
            clearable
            allowDeselect
            comboboxProps={{ withinPortal: true }}
          />
          <Textarea
            label={t('review.rejectReason')}
            description={t('review.rejectReasonHint')}
            autosize
            minRows={3}
            maxRows={8}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            error={error}
          />
          {reason && (
            <Text size="xs" c="dimmed">
              {t('review.rejectPreview', { reason })}
            </Text>
          )}
          <ModalActions onCancel={onClose} color="red" onSubmit={submit} loading={reject.isPending} label={t('review.reject')} />
        </Stack>
      )}
    </Modal>
  );
}

/** `ПОВЕРНУТИ НА ДООПРАЦЮВАННЯ`: the ВО gets the application back with the operator's comment. */
export function ReturnModal({ applicationId, opened, onClose }: { applicationId: string; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const send = useReturnApplication(applicationId);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (opened) {
      setComment('');
      setError(null);
    }
  }, [opened]);

  const submit = () => {
    const issue = firstIssue(returnApplicationBodySchema.safeParse({ comment }));
    if (issue) return setError(issue);
    setError(null);
    send.mutate(
      { comment },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('review.returnedDone') });
          onClose();
        },
        onError: (e) => setError(problemText(e, t)),
      },
    );
  };

  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={700}>{t('review.returnTitle')}</Text>} centered radius="lg" size="lg">
      <Stack gap="md">
        <Text size="sm">{t('review.returnText')}</Text>
        <Textarea
          label={t('review.returnComment')}
          withAsterisk
          autosize
          minRows={4}
          maxRows={10}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
          error={error}
          data-autofocus
        />
        <ModalActions onCancel={onClose} color="orange" onSubmit={submit} loading={send.isPending} label={t('review.return')} />
      </Stack>
    </Modal>
  );
}

/** `ПРИЙНЯТИ`: sets the renewal date (the ВО's by default); a refusal lists what blocks it. */
export function AcceptModal({
  applicationId,
  opened,
  defaultDate,
  blockers,
  onClose,
}: {
  applicationId: string;
  opened: boolean;
  defaultDate: string | null;
  blockers: string[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const accept = useAcceptApplication(applicationId);
  const [date, setDate] = useState<string | null>(defaultDate);
  const [error, setError] = useState<string | null>(null);
  const [reasons, setReasons] = useState<string[]>([]);
  useEffect(() => {
    if (opened) {
      setDate(defaultDate);
      setError(null);
      setReasons([]);
    }
  }, [opened, defaultDate]);
  const today = kyivToday(new Date());

  const submit = () => {
    setReasons([]);
    if (!date) return setError(t('application.renewalDateRequired'));
    const issue = firstIssue(acceptApplicationBodySchema.safeParse({ renewalDate: date }));
    if (issue) return setError(issue);
    setError(null);
    accept.mutate(
      { renewalDate: date },
      {
        onSuccess: (review) => {
          notifications.show({
            color: 'green',
            message: t('review.acceptedDone', { date: formatDate(review.application.renewalDate ?? date) }),
          });
          onClose();
        },
        onError: (e) => {
          if (isProblem(e) && e.reasons.length > 0) setReasons(e.reasons);
          else setError(problemText(e, t));
        },
      },
    );
  };

  const shown = reasons.length > 0 ? reasons : blockers;
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={700}>{t('review.acceptTitle')}</Text>} centered radius="lg" size="lg">
      <Stack gap="md">
        <Text size="sm">{t('review.acceptText')}</Text>
        <UaDateInput
          label={t('application.renewalDate')}
          description={defaultDate ? t('review.acceptDateHint', { date: formatDate(defaultDate) }) : undefined}
          withAsterisk
          minDate={today}
          excludeDate={(d) => !isWorkingDay(d)}
          value={date}
          onChange={(v) => {
            setDate(v);
            setError(null);
          }}
          error={error}
          w={{ base: '100%', xs: 300 }}
        />
        {shown.length > 0 && (
          <Alert
            color={reasons.length > 0 ? 'red' : 'yellow'}
            variant="light"
            icon={<IconAlert />}
            title={t('review.blockersTitle')}
            role={reasons.length > 0 ? 'alert' : undefined}
          >
            <List size="sm" spacing={4}>
              {shown.map((b) => (
                <List.Item key={b}>{b}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        <ModalActions onCancel={onClose} onSubmit={submit} loading={accept.isPending} label={t('review.accept')} />
      </Stack>
    </Modal>
  );
}

import { Alert, Button, CopyButton, Group, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { RequestDetail } from '../../../../shared/contracts/requests';
import { formatDate, formatDateTime } from '../../../../shared/domain/dates';
import { isProblem } from '../../../app/api-client';
import { IconAlert, IconCheck, IconCopy, IconRefresh, IconSend } from '../../../components/icons';
import { useSendForSigning } from '../api/send-for-signing';

/**
 * Guide step 14: the employee signs from the e-mail `Підпис файлу <ID>`, or from the link shown
 * here, which the ВО can copy and pass on, or replace with a fresh one.
 */
export function SigningPanel({ request, canResend }: { request: RequestDetail; canResend: boolean }) {
  const { t } = useTranslation();
  const resend = useSendForSigning(request.id);
  if (request.status === 'signed' || request.status === 'issued') {
    return (
      <Alert color="green" variant="light" icon={<IconCheck />} title={t('request.signedTitle')}>
        <Stack gap={4}>
          <Text size="sm">{t('request.signedText', { date: formatDateTime(request.signedAt) })}</Text>
          {request.csrSubmittedAt && <Text size="sm">{t('request.csrSubmitted', { date: formatDateTime(request.csrSubmittedAt) })}</Text>}
        </Stack>
      </Alert>
    );
  }
  if (request.status !== 'awaiting_signature' || !request.signing) return null;
  const { signing } = request;

  return (
    <Alert color="yellow" variant="light" icon={<IconSend />} title={t('request.awaitingTitle')} className="signing-panel">
      <Stack gap="sm">
        <Text size="sm" className="break-anywhere">
          {t('request.mailSent', { id: signing.signingId, email: request.email })}
        </Text>
        <Text size="xs" c="dimmed">
          {t('request.linkSentAt', { sent: formatDateTime(signing.sentAt), expires: formatDate(signing.expiresAt) })}
        </Text>
        {request.lastSigningFailure && (
          <Group gap={8} wrap="nowrap" align="flex-start" className="signing-failure" role="status">
            <IconAlert size={16} style={{ flexShrink: 0, marginTop: 2 }} />
            <Text size="sm" className="break-anywhere">
              {t('request.lastSigningFailure', {
                date: formatDateTime(request.lastSigningFailure.at),
                message: request.lastSigningFailure.message,
              })}
            </Text>
          </Group>
        )}
        {signing.link && (
          <Group gap="xs" align="flex-end" wrap="wrap">
            <TextInput
              label={t('request.signingLink')}
              value={signing.link}
              readOnly
              style={{ flex: '1 1 260px', minWidth: 0 }}
              onFocus={(e) => e.currentTarget.select()}
            />
            <CopyButton value={signing.link}>
              {({ copied, copy }) => (
                <Button
                  variant={copied ? 'filled' : 'default'}
                  color={copied ? 'green' : undefined}
                  leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                  onClick={copy}
                >
                  {copied ? t('request.copied') : t('request.copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
        )}
        {canResend && (
          <Group>
            <Button
              variant="white"
              color="dark"
              size="xs"
              leftSection={<IconRefresh size={14} />}
              loading={resend.isPending}
              onClick={() =>
                resend.mutate(undefined, {
                  onSuccess: (d) => notifications.show({ color: 'green', message: t('request.resent', { email: d.email }) }),
                  onError: (e) =>
                    notifications.show({ color: 'red', message: isProblem(e) ? (e.detail ?? e.title) : t('errors.unexpected') }),
                })
              }
            >
              {t('request.resend')}
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}

import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ApplicationStatus, RequestStatus } from '../../shared/domain/status';

const applicationColor: Record<ApplicationStatus, string> = {
  draft: 'gray',
  sent: 'brand',
  rework: 'orange',
  accepted: 'teal',
  completed: 'green',
  cancelled: 'dark',
};

const requestColor: Record<RequestStatus, string> = {
  draft: 'gray',
  awaiting_signature: 'yellow',
  signed: 'green',
  rejected: 'red',
  issued: 'teal',
};

export function ApplicationStatusBadge({ status, size = 'md' }: { status: ApplicationStatus; size?: 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation();
  return (
    <Badge color={applicationColor[status]} variant="light" size={size} radius="sm" tt="none" fw={600} miw="max-content">
      {t(`applicationStatus.${status}`)}
    </Badge>
  );
}

export function RequestStatusBadge({ status, size = 'md' }: { status: RequestStatus; size?: 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation();
  return (
    <Badge color={requestColor[status]} variant="light" size={size} radius="sm" tt="none" fw={600} miw="max-content">
      {t(`requestStatus.${status}`)}
    </Badge>
  );
}

export type CertificateStatus = 'valid' | 'revoked' | 'blocked' | 'expired';

const certificateColor: Record<CertificateStatus, string> = {
  valid: 'green',
  revoked: 'red',
  blocked: 'orange',
  expired: 'gray',
};

/** An issued certificate's state: Чинний, Відкликано, Заблоковано, Строк дії сплив. */
export function CertificateStatusBadge({ status, size = 'md' }: { status: string; size?: 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation();
  const color = certificateColor[status as CertificateStatus] ?? 'gray';
  return (
    <Badge color={color} variant="light" size={size} radius="sm" tt="none" fw={600} miw="max-content">
      {t(`certificateBadge.${status}`, { defaultValue: status })}
    </Badge>
  );
}

import { Badge, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SignatureReportDto } from '../../shared/contracts/signature';
import { formatDate, formatDateTime } from '../../shared/domain/dates';
import { IconShield } from './icons';

function algorithmOf(report: SignatureReportDto): string {
  const { signatureAlgorithm, digestAlgorithm } = report;
  const normalize = (s: string) => s.replace(/[^a-z0-9]/gi, '').toLowerCase();
  return normalize(signatureAlgorithm).includes(normalize(digestAlgorithm))
    ? signatureAlgorithm
    : `${signatureAlgorithm}, ${digestAlgorithm}`;
}

/**
 * The verification report of a signature (the employee's signed statement, the signed
 * `Електронна версія заявки на КДП`), as the server checked it: who signed, with which
 * certificate, when, how. One compact label/value list, read the same on the ВО's pages and on
 * the employee's.
 */
export function SignatureReport({ report, title }: { report: SignatureReportDto; title?: string }) {
  const { t } = useTranslation();
  const rows: Array<[string, ReactNode]> = [[t('signatureReport.signer'), <b key="signer">{report.signerName}</b>]];
  if (report.subjectSerialNumber) rows.push([t('signatureReport.serialNumber'), report.subjectSerialNumber]);
  if (report.organizationName) {
    rows.push([
      t('signatureReport.organization'),
      report.organizationIdentifier ? `${report.organizationName} (${report.organizationIdentifier})` : report.organizationName,
    ]);
  }
  rows.push(
    [
      t('signatureReport.certificate'),
      <Text key="serial" span ff="monospace" fz={12.5}>
        {report.certificateSerial}
      </Text>,
    ],
    [t('signatureReport.issuer'), report.issuerName],
    [
      t('signatureReport.validity'),
      t('signatureReport.validityValue', { from: formatDate(report.notBefore), to: formatDate(report.notAfter) }),
    ],
    [t('signatureReport.signingTime'), report.signingTime ? formatDateTime(report.signingTime) : t('signatureReport.notStated')],
    [t('signatureReport.algorithm'), algorithmOf(report)],
    [t('signatureReport.format'), `${report.format}, ${report.detached ? t('signatureReport.detached') : t('signatureReport.attached')}`],
  );
  return (
    <section className="signature-report" aria-label={title ?? t('signatureReport.title')}>
      <Group gap="xs" wrap="wrap" mb={10}>
        <IconShield size={18} color="var(--mantine-color-green-8)" />
        <Text size="sm" fw={600} c="dark.7">
          {title ?? t('signatureReport.title')}
        </Text>
      </Group>
      <dl>
        {rows.map(([label, value]) => (
          <div key={label} className="signature-report-row">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
        <div className="signature-report-row">
          <dt>{t('signatureReport.result')}</dt>
          <dd>
            <Group gap={8} wrap="wrap">
              <Badge color="green" variant="filled" radius="sm" tt="none" fw={600}>
                {t('signatureReport.valid')}
              </Badge>
              <Text span size="xs" c="dimmed">
                {t('signatureReport.verifiedAt', { date: formatDateTime(report.verifiedAt) })}
              </Text>
            </Group>
          </dd>
        </div>
      </dl>
    </section>
  );
}

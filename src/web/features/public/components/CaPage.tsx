import { Button, Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '../../../../shared/domain/dates';
import { IconDownload, IconShield } from '../../../components/icons';
import { PageHeader } from '../../../components/PageHeader';
import { useCaInfo } from '../api/get-ca';

/** The provider's CA files, served by the server at these fixed addresses. */
const FILES = [
  { key: 'root', der: '/ca/root.crt', pem: '/ca/root.pem' },
  { key: 'issuing', der: '/ca/issuing.crt', pem: '/ca/issuing.pem' },
  { key: 'crl', der: '/ca/issuing.crl', pem: '/ca/issuing.crl.pem' },
] as const;

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text size="sm" className="break-anywhere">
        {children}
      </Text>
    </div>
  );
}

/** `/ca`: the provider's root and issuing CA certificates and the CRL, in DER and PEM. */
export function CaPage() {
  const { t } = useTranslation();
  const info = useCaInfo();

  const details = (key: (typeof FILES)[number]['key']): ReactNode => {
    if (!info.data) return null;
    if (key === 'crl') {
      const { crl } = info.data;
      return (
        <Stack gap={6}>
          <Row label={t('caPage.thisUpdate')}>{formatDateTime(crl.thisUpdate)}</Row>
          {crl.nextUpdate && <Row label={t('caPage.nextUpdate')}>{formatDateTime(crl.nextUpdate)}</Row>}
          <Row label={t('caPage.revokedCount')}>{crl.revokedCount}</Row>
        </Stack>
      );
    }
    const c = info.data.certificates.find((x) => x.name === key);
    if (!c) return null;
    return (
      <Stack gap={6}>
        <Row label={t('caPage.subject')}>{c.subject}</Row>
        <Row label={t('caPage.validity')}>
          {t('signatureReport.validityValue', { from: formatDate(c.notBefore), to: formatDate(c.notAfter) })}
        </Row>
        <Row label={t('caPage.serial')}>
          <Text span ff="monospace" fz={12}>
            {c.serial}
          </Text>
        </Row>
        <Row label="SHA-256">
          <Text span ff="monospace" fz={11}>
            {c.sha256}
          </Text>
        </Row>
      </Stack>
    );
  };

  return (
    <>
      <PageHeader title={t('caPage.title')}>
        <Text size="sm" c="dimmed" maw={760}>
          {t('caPage.intro')}
        </Text>
      </PageHeader>
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="lg">
        {FILES.map((f) => (
          <Card key={f.key} component="section" aria-labelledby={`ca-${f.key}`}>
            <Stack gap="md" h="100%">
              <Group gap="sm" wrap="nowrap" align="flex-start">
                <ThemeIcon variant="light" size={40} radius="md">
                  <IconShield size={22} />
                </ThemeIcon>
                <div>
                  <Title order={2} fz={17} id={`ca-${f.key}`}>
                    {t(`caPage.${f.key}.title`)}
                  </Title>
                  <Text size="sm" c="dimmed">
                    {t(`caPage.${f.key}.text`)}
                  </Text>
                </div>
              </Group>
              {details(f.key)}
              <Group gap="xs" mt="auto">
                <Button
                  component="a"
                  href={f.der}
                  download
                  variant="light"
                  leftSection={<IconDownload size={16} />}
                  aria-label={t('caPage.downloadDer', { name: t(`caPage.${f.key}.title`) })}
                >
                  DER (.{f.der.split('.').pop()})
                </Button>
                <Button
                  component="a"
                  href={f.pem}
                  download
                  variant="default"
                  leftSection={<IconDownload size={16} />}
                  aria-label={t('caPage.downloadPem', { name: t(`caPage.${f.key}.title`) })}
                >
                  PEM
                </Button>
              </Group>
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
    </>
  );
}

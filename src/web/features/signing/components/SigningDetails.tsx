import { Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SigningView } from '../../../../shared/contracts/signing';
import { formatDate } from '../../../../shared/domain/dates';
import { IconDownload, IconExternal } from '../../../components/icons';
import { Fact } from '../../../components/PageHeader';
import { statementUrl } from '../api/get-signing';

/** Whose statement it is and what it asks for, with the statement PDF itself to read first. */
export function SigningDetails({ token, view }: { token: string; view: SigningView }) {
  const { t } = useTranslation();
  const awaiting = view.state === 'awaiting_signature';
  return (
    <Paper withBorder shadow="sm" p={{ base: 'md', sm: 'xl' }} component="section" aria-labelledby="signing-title">
      <Stack gap="lg">
        <Stack gap={4}>
          <Title order={1} fz={{ base: 22, sm: 26 }} id="signing-title">
            {t('signing.title')}
          </Title>
          <Text c="dimmed" size="sm">
            {t('signing.subtitle', { application: view.applicationNumber, number: view.requestNumber })}
          </Text>
        </Stack>
        {awaiting && <Text>{t('signing.intro')}</Text>}
        <Stack gap="sm">
          <Title order={2} className="section-title" mb={0}>
            {t('signing.detailsTitle')}
          </Title>
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="lg" verticalSpacing="md">
            <Fact label={t('signing.fullName')}>
              <Text fw={600}>{view.fullName}</Text>
            </Fact>
            <Fact label={view.identityKind === 'rnokpp' ? t('signing.rnokpp') : t('signing.passport')}>
              <Text>{view.identityCode}</Text>
            </Fact>
            <Fact label={t('signing.organization')}>
              <Stack gap={0}>
                <Text size="sm">{view.organizationName}</Text>
                <Text size="xs" c="dimmed">
                  {t('signing.edrpou', { code: view.edrpou })}
                </Text>
              </Stack>
            </Fact>
            <Fact label={t('signing.position')}>
              <Text size="sm">{view.position}</Text>
            </Fact>
            <Fact label={t('signing.department')}>
              <Text size="sm">{view.department}</Text>
            </Fact>
            <Fact label={t('signing.service')}>
              <Text size="sm">{view.service}</Text>
            </Fact>
            <Fact label={t('signing.keyStorage')}>
              <Group gap={8} wrap="wrap">
                <Text size="sm">{view.keyStorageLabel}</Text>
                <Badge color={view.keyGrade === 'КЕП' ? 'green' : 'orange'} variant="light" radius="sm" tt="none">
                  {view.keyGrade === 'КЕП' ? t('signing.gradeQualified') : t('signing.gradeAdvanced')}
                </Badge>
              </Group>
            </Fact>
          </SimpleGrid>
        </Stack>
        <Stack gap="xs">
          <Group gap="sm" wrap="wrap" className="page-actions">
            <Button
              component="a"
              href={statementUrl(token)}
              target="_blank"
              rel="noopener"
              variant="light"
              leftSection={<IconExternal size={18} />}
            >
              {t('signing.viewStatement')}
            </Button>
            <Button
              component="a"
              href={statementUrl(token)}
              download={`zayava-${view.applicationNumber.replace(/\W+/g, '-')}-${view.requestNumber}.pdf`}
              variant="default"
              leftSection={<IconDownload size={18} />}
            >
              {t('signing.downloadStatement')}
            </Button>
          </Group>
          {awaiting && (
            <Text size="sm" c="dimmed">
              {t('signing.expires', { date: formatDate(view.expiresAt) })}
            </Text>
          )}
        </Stack>
      </Stack>
    </Paper>
  );
}

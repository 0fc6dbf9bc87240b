import { Alert, Box, Container, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { SigningResult, SigningView } from '../../../../shared/contracts/signing';
import { formatDate, formatDateTime } from '../../../../shared/domain/dates';
import { isProblem } from '../../../app/api-client';
import { BrandMark } from '../../../components/BrandMark';
import { IconAlert, IconCheck } from '../../../components/icons';
import { LanguageSwitch } from '../../../components/LanguageSwitch';
import { ErrorState, PageLoader } from '../../../components/PageState';
import { SignatureReport } from '../../../components/SignatureReport';
import { useSigning } from '../api/get-signing';
import { NewKeyStep, newKeyFileName } from './NewKeyStep';
import { SigningDetails } from './SigningDetails';
import { SignStep } from './SignStep';

/**
 * `/sign/:token`: the employee's page from the e-mail «Підпис файлу …». The employee has no
 * account: no login, no cabinet menu, only the link. They check the statement, make a new key
 * when the request needs one, and sign in this browser (a key file) or upload a signature made
 * elsewhere. Loaded lazily: the crypto libraries come with this page only.
 */
export function SigningPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const signing = useSigning(token);
  useDocumentTitle(`${t('signing.title')} — ${t('brand.name')}`);

  let content: React.ReactNode;
  if (signing.isPending) {
    content = (
      <Paper withBorder shadow="sm">
        <PageLoader />
      </Paper>
    );
  } else if (signing.isError) {
    content =
      isProblem(signing.error, 404) || isProblem(signing.error, 400) ? (
        <Paper withBorder shadow="sm" p={{ base: 'lg', sm: 32 }}>
          <Stack gap="md">
            <Title order={1} fz={22}>
              {t('signing.title')}
            </Title>
            <Alert color="red" variant="light" icon={<IconAlert />} title={t('signing.invalidTitle')} role="alert">
              <Stack gap={6}>
                <Text size="sm" fw={600}>
                  {t('signing.invalid')}
                </Text>
                <Text size="sm">{t('signing.invalidHint')}</Text>
              </Stack>
            </Alert>
          </Stack>
        </Paper>
      ) : (
        <ErrorState error={signing.error} onRetry={() => void signing.refetch()} />
      );
  } else {
    content = <SigningContent key={signing.data.signingId} token={token} view={signing.data} />;
  }

  return (
    <Box className="login-backdrop">
      <Container size={780} py={{ base: 16, sm: 40 }} px={{ base: 12, sm: 'md' }}>
        <Group justify="space-between" mb="lg" wrap="nowrap" gap="sm">
          <Box visibleFrom="xs">
            <BrandMark />
          </Box>
          <Box hiddenFrom="xs">
            <BrandMark compact />
          </Box>
          <LanguageSwitch />
        </Group>
        {content}
      </Container>
    </Box>
  );
}

function SigningContent({ token, view }: { token: string; view: SigningView }) {
  const { t } = useTranslation();
  const [result, setResult] = useState<SigningResult | null>(null);
  // The new key's certificate request (made here, or the token's file), sent with the signature.
  const [csr, setCsr] = useState<Uint8Array | null>(null);
  const [csrError, setCsrError] = useState<string | null>(null);
  const keyFileName = newKeyFileName(view);

  let body: React.ReactNode;
  if (result) {
    body = (
      <Paper withBorder shadow="sm" p={{ base: 'md', sm: 'xl' }}>
        <Stack gap="md">
          <Alert color="green" variant="light" icon={<IconCheck />} title={t('signing.signedTitle')} role="status">
            <Stack gap={6}>
              <Text size="sm">{t('signing.signedText', { date: formatDateTime(result.signedAt) })}</Text>
              {view.newKey === 'generate' && (
                <Text size="sm" fw={600}>
                  {t('signing.signedNewKey', { file: keyFileName })}
                </Text>
              )}
            </Stack>
          </Alert>
          <SignatureReport report={result.report} />
        </Stack>
      </Paper>
    );
  } else if (view.state === 'signed') {
    body = (
      <Paper withBorder shadow="sm" p={{ base: 'md', sm: 'xl' }}>
        <Stack gap="md">
          <Alert color="green" variant="light" icon={<IconCheck />} title={t('signing.alreadySignedTitle')}>
            {t('signing.alreadySigned', { date: formatDateTime(view.signedAt) })}
          </Alert>
          {view.report && <SignatureReport report={view.report} />}
        </Stack>
      </Paper>
    );
  } else if (view.state === 'expired') {
    body = (
      <Paper withBorder shadow="sm" p={{ base: 'md', sm: 'xl' }}>
        <Alert color="orange" variant="light" icon={<IconAlert />} title={t('signing.expiredTitle')} role="alert">
          {t('signing.expired', { date: formatDate(view.expiresAt) })}
        </Alert>
      </Paper>
    );
  } else {
    const steps = view.newKey ? 2 : 1;
    body = (
      <>
        {view.newKey && (
          <NewKeyStep
            view={view}
            step={steps > 1 ? 1 : null}
            onReady={(next) => {
              setCsr(next);
              setCsrError(null);
            }}
            csrError={csrError}
          />
        )}
        <SignStep token={token} view={view} step={steps > 1 ? 2 : null} csr={csr} onCsrError={setCsrError} onSigned={setResult} />
      </>
    );
  }

  return (
    <Stack gap="lg">
      <SigningDetails token={token} view={view} />
      {body}
    </Stack>
  );
}

import { Alert, Button, FileInput, Group, Paper, PasswordInput, SimpleGrid, Stack, Text } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SigningView } from '../../../../shared/contracts/signing';
import { IconAlert, IconCheck, IconDownload, IconFile, IconShield } from '../../../components/icons';
import { csrDer, generateNewKey, type NewKey, readFileBytes, saveBytes } from '../lib/browser-signing';
import { StepTitle } from './StepTitle';

const MIN_PASSWORD = 8;
const CSR_EXTENSIONS = ['p10', 'csr', 'req', 'pem', 'der'];

/** `<РНОКПП>-new.p12`: the new key file's name. */
export function newKeyFileName(view: SigningView): string {
  return `${view.identityCode.replace(/\s+/g, '')}-new.p12`;
}

/**
 * The new key the certificate will be issued for. A file key: the pair is made in this browser,
 * saved as a password-protected `.p12` by the person, and only its PKCS#10 request is sent. A
 * token: the token's software makes the pair and the person adds its PKCS#10 file here.
 * `onReady` gets the request (DER) once there is one, or null when it is gone.
 */
export function NewKeyStep({
  view,
  step,
  onReady,
  csrError,
}: {
  view: SigningView;
  step: number | null;
  onReady: (csr: Uint8Array | null) => void;
  csrError: string | null;
}) {
  return view.newKey === 'upload' ? (
    <CsrUpload step={step} onReady={onReady} serverError={csrError} />
  ) : (
    <KeyGenerator view={view} step={step} onReady={onReady} />
  );
}

function KeyGenerator({ view, step, onReady }: { view: SigningView; step: number | null; onReady: (csr: Uint8Array | null) => void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [errors, setErrors] = useState<{ password?: string; confirmation?: string }>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [generating, setGenerating] = useState(false);
  const [key, setKey] = useState<NewKey | null>(null);
  const [saved, setSaved] = useState(false);
  const fileName = newKeyFileName(view);

  const onGenerate = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const next: typeof errors = {};
    if (password.length < MIN_PASSWORD) next.password = t('signing.passwordTooShort');
    else if (confirmation !== password) next.confirmation = t('signing.passwordMismatch');
    setErrors(next);
    if (next.password || next.confirmation) return;
    setGenerating(true);
    try {
      setKey(await generateNewKey(view.csrSubject, password));
    } catch {
      setFailure(t('signing.generateFailed'));
    } finally {
      setGenerating(false);
    }
  };

  const onSave = () => {
    if (!key) return;
    saveBytes(key.keyFile, fileName, 'application/x-pkcs12');
    setSaved(true);
    onReady(key.csr);
  };

  return (
    <Paper withBorder shadow="sm" p={{ base: 'md', sm: 'xl' }} component="section" aria-labelledby="new-key-title">
      <Stack gap="md">
        <StepTitle step={step} id="new-key-title">
          {t('signing.newKeyTitle')}
        </StepTitle>
        <Text size="sm">{t('signing.newKeyText')}</Text>
        <form onSubmit={(e) => void onGenerate(e)} noValidate>
          <Stack gap="md">
            <Text size="sm">{t('signing.newKeyPasswordText')}</Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="md">
              <PasswordInput
                label={t('signing.newKeyPassword')}
                description={t('signing.newKeyPasswordHint')}
                withAsterisk
                autoComplete="new-password"
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                error={errors.password}
                disabled={Boolean(key)}
              />
              <PasswordInput
                label={t('signing.newKeyPasswordConfirmation')}
                description={'\u00a0'}
                withAsterisk
                autoComplete="new-password"
                value={confirmation}
                onChange={(e) => setConfirmation(e.currentTarget.value)}
                error={errors.confirmation}
                disabled={Boolean(key)}
              />
            </SimpleGrid>
            {failure && (
              <Alert color="red" variant="light" icon={<IconAlert />} role="alert">
                {failure}
              </Alert>
            )}
            {!key && (
              <Group>
                <Button type="submit" loading={generating} leftSection={<IconShield size={18} />}>
                  {t('signing.generate')}
                </Button>
              </Group>
            )}
          </Stack>
        </form>
        {key && (
          <Alert
            color={saved ? 'green' : 'brand'}
            variant="light"
            icon={saved ? <IconCheck /> : <IconFile />}
            role="status"
            className="break-anywhere"
          >
            <Stack gap="sm" align="flex-start">
              <Text size="sm">{saved ? t('signing.keySaved', { file: fileName }) : t('signing.generated')}</Text>
              <Button
                variant={saved ? 'default' : 'filled'}
                size={saved ? 'xs' : 'sm'}
                leftSection={<IconDownload size={saved ? 14 : 18} />}
                onClick={onSave}
                maw="100%"
              >
                {saved ? t('signing.saveKeyAgain') : t('signing.saveKey')}
              </Button>
            </Stack>
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

function CsrUpload({
  step,
  onReady,
  serverError,
}: {
  step: number | null;
  onReady: (csr: Uint8Array | null) => void;
  serverError: string | null;
}) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);

  const onChange = async (next: File | null) => {
    setFile(next);
    setError(null);
    onReady(null);
    if (!next) return;
    const extension = next.name.split('.').pop()?.toLowerCase() ?? '';
    if (!CSR_EXTENSIONS.includes(extension)) {
      setError(t('signing.csrWrongType'));
      return;
    }
    try {
      const der = csrDer(await readFileBytes(next));
      if (der.length === 0) {
        setError(t('signing.csrWrongType'));
        return;
      }
      onReady(der);
    } catch {
      setError(t('signing.readFailed'));
    }
  };

  return (
    <Paper withBorder shadow="sm" p={{ base: 'md', sm: 'xl' }} component="section" aria-labelledby="csr-title">
      <Stack gap="md">
        <StepTitle step={step} id="csr-title">
          {t('signing.csrTitle')}
        </StepTitle>
        <Text size="sm">{t('signing.csrText')}</Text>
        <FileInput
          label={t('signing.csrFile')}
          description={t('signing.csrFileHint')}
          placeholder={t('signing.chooseFile')}
          accept=".p10,.csr,.req,.pem,.der"
          withAsterisk
          clearable
          leftSection={<IconFile size={16} />}
          value={file}
          onChange={(f) => void onChange(f)}
          error={error ?? serverError}
          maw={520}
        />
      </Stack>
    </Paper>
  );
}

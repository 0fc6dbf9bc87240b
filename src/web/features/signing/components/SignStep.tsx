import { Alert, Button, FileInput, Group, Paper, PasswordInput, Stack, Tabs, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SigningResult, SigningView } from '../../../../shared/contracts/signing';
import { isProblem } from '../../../app/api-client';
import { IconAlert, IconDownload, IconFile, IconInfo, IconShield, IconUpload } from '../../../components/icons';
import { queryKeys } from '../../../lib/query-keys';
import { getStatementBytes, statementUrl } from '../api/get-signing';
import { useSubmitSignature } from '../api/submit-signature';
import { KeyFileError, readFileBytes, signWithKeyFile } from '../lib/browser-signing';
import { StepTitle } from './StepTitle';

type Method = 'key-file' | 'p7s';

/**
 * Signing itself, two ways: a key file (.p12/.pfx) opened and used in this browser, or a `.p7s`
 * made by other software over the downloaded statement. Either way only the signature (and the
 * new key's request) is posted. A refusal keeps the form as it is and shows the server's reason.
 */
export function SignStep({
  token,
  view,
  step,
  csr,
  onCsrError,
  onSigned,
}: {
  token: string;
  view: SigningView;
  step: number | null;
  /** The new key's PKCS#10 (DER) when the request needs one. */
  csr: Uint8Array | null;
  onCsrError: (message: string | null) => void;
  onSigned: (result: SigningResult) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const submit = useSubmitSignature(token);
  const [method, setMethod] = useState<Method>('key-file');
  const [failure, setFailure] = useState<string | null>(null);
  const failureRef = useRef<HTMLDivElement>(null);

  const blocked = view.newKey !== null && !csr ? (view.newKey === 'generate' ? t('signing.needKey') : t('signing.needCsr')) : null;

  const showFailure = (message: string) => {
    setFailure(message);
    window.setTimeout(() => failureRef.current?.scrollIntoView({ block: 'center', behavior: 'smooth' }), 0);
  };

  /** Posts the signature; true when it was accepted. */
  const send = async (signature: Uint8Array | Blob): Promise<boolean> => {
    const blob =
      signature instanceof Blob ? signature : new Blob([signature as Uint8Array<ArrayBuffer>], { type: 'application/pkcs7-signature' });
    const csrBlob = csr ? new Blob([csr as Uint8Array<ArrayBuffer>], { type: 'application/pkcs10' }) : null;
    try {
      const result = await submit.mutateAsync({ signature: blob, csr: csrBlob });
      onSigned(result);
      return true;
    } catch (error) {
      if (!isProblem(error)) {
        showFailure(t('errors.unexpected'));
      } else if (error.status === 0) {
        showFailure(t('errors.network'));
      } else if (error.status === 404 || error.status === 409 || error.status === 410) {
        // Replaced, already signed or expired meanwhile: the page shows which.
        await queryClient.invalidateQueries({ queryKey: queryKeys.signing(token) });
      } else {
        const csrProblem = error.errors.find((e) => e.field === 'csr' || e.field.endsWith('.csr'));
        if (csrProblem && view.newKey === 'upload') onCsrError(csrProblem.message);
        showFailure(error.errors[0]?.message ?? error.detail ?? error.title);
      }
      return false;
    }
  };

  return (
    <Paper withBorder shadow="sm" p={{ base: 'md', sm: 'xl' }} component="section" aria-labelledby="sign-title">
      <Stack gap="md">
        <StepTitle step={step} id="sign-title">
          {t('signing.signTitle')}
        </StepTitle>
        <Text size="sm">{t('signing.signText')}</Text>
        {blocked && (
          <Alert color="yellow" variant="light" icon={<IconInfo />} py="sm">
            {blocked}
          </Alert>
        )}
        <Tabs
          className="signing-methods"
          value={method}
          onChange={(value) => {
            setMethod((value as Method | null) ?? 'key-file');
            setFailure(null);
          }}
          keepMounted
        >
          <Tabs.List grow aria-label={t('signing.methodLabel')}>
            <Tabs.Tab value="key-file">{t('signing.methodKeyFile')}</Tabs.Tab>
            <Tabs.Tab value="p7s">{t('signing.methodP7s')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="key-file" pt="lg">
            <KeyFileForm
              token={token}
              disabled={Boolean(blocked)}
              send={send}
              onFailure={showFailure}
              clearFailure={() => setFailure(null)}
            />
          </Tabs.Panel>
          <Tabs.Panel value="p7s" pt="lg">
            <P7sForm token={token} disabled={Boolean(blocked)} send={send} clearFailure={() => setFailure(null)} />
          </Tabs.Panel>
        </Tabs>
        {failure && (
          <Alert ref={failureRef} color="red" variant="filled" icon={<IconAlert />} title={t('signing.refusedTitle')} role="alert">
            {failure}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

function KeyFileForm({
  token,
  disabled,
  send,
  onFailure,
  clearFailure,
}: {
  token: string;
  disabled: boolean;
  send: (signature: Uint8Array) => Promise<boolean>;
  onFailure: (message: string) => void;
  clearFailure: () => void;
}) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ file?: string; password?: string }>({});
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    clearFailure();
    const next: typeof errors = {};
    if (!file) next.file = t('signing.keyFileRequired');
    if (!password) next.password = t('signing.keyPasswordRequired');
    setErrors(next);
    if (!file || !password || disabled) return;
    setBusy(true);
    try {
      let keyFile: Uint8Array;
      try {
        keyFile = await readFileBytes(file);
      } catch {
        setErrors({ file: t('signing.readFailed') });
        return;
      }
      let statement: Uint8Array;
      try {
        statement = await getStatementBytes(token);
      } catch {
        onFailure(t('signing.statementFailed'));
        return;
      }
      let signature: Uint8Array;
      try {
        signature = await signWithKeyFile({ keyFile, password, content: statement });
      } catch (error) {
        if (error instanceof KeyFileError) {
          if (error.code === 'WRONG_PASSWORD') setErrors({ password: error.message });
          else setErrors({ file: error.message });
        } else {
          onFailure(t('signing.signFailed'));
        }
        return;
      }
      await send(signature);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate>
      <Stack gap="md" maw={520}>
        <FileInput
          label={t('signing.keyFile')}
          placeholder={t('signing.chooseFile')}
          accept=".p12,.pfx,application/x-pkcs12"
          withAsterisk
          clearable
          leftSection={<IconFile size={16} />}
          value={file}
          onChange={(f) => {
            setFile(f);
            setErrors((e) => ({ ...e, file: undefined }));
          }}
          error={errors.file}
        />
        <PasswordInput
          label={t('signing.keyPassword')}
          withAsterisk
          autoComplete="off"
          value={password}
          onChange={(e) => {
            setPassword(e.currentTarget.value);
            setErrors((x) => ({ ...x, password: undefined }));
          }}
          error={errors.password}
        />
        <Text size="xs" c="dimmed">
          {t('signing.keyFileHint')}
        </Text>
        <Group>
          <Button type="submit" size="md" loading={busy} disabled={disabled} leftSection={<IconShield size={18} />}>
            {t('signing.sign')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function P7sForm({
  token,
  disabled,
  send,
  clearFailure,
}: {
  token: string;
  disabled: boolean;
  send: (signature: Blob) => Promise<boolean>;
  clearFailure: () => void;
}) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    clearFailure();
    setError(null);
    if (!file) {
      setError(t('signing.p7sRequired'));
      return;
    }
    if (!file.name.toLowerCase().endsWith('.p7s')) {
      setError(t('signing.p7sWrongType'));
      return;
    }
    if (disabled) return;
    setBusy(true);
    try {
      await send(new Blob([await file.arrayBuffer()], { type: 'application/pkcs7-signature' }));
    } catch {
      setError(t('signing.readFailed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate>
      <Stack gap="md" maw={520}>
        <Text size="sm">{t('signing.p7sText')}</Text>
        <Group>
          <Button component="a" href={statementUrl(token)} download variant="default" size="xs" leftSection={<IconDownload size={14} />}>
            {t('signing.downloadStatement')}
          </Button>
        </Group>
        <FileInput
          label={t('signing.p7sFile')}
          placeholder={t('signing.chooseFile')}
          accept=".p7s,application/pkcs7-signature"
          withAsterisk
          clearable
          leftSection={<IconFile size={16} />}
          value={file}
          onChange={(f) => {
            setFile(f);
            setError(null);
          }}
          error={error}
        />
        <Group>
          <Button type="submit" size="md" loading={busy} disabled={disabled} leftSection={<IconUpload size={18} />}>
            {t('signing.p7sSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

import { Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A step's heading; `Крок N` above it when the page has more than one step. */
export function StepTitle({ step, id, children }: { step: number | null; id: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2}>
      {step !== null && (
        <Text size="xs" fw={700} c="brand.8" tt="uppercase" lts="0.08em">
          {t('signing.step', { number: step })}
        </Text>
      )}
      <Title order={2} fz={20} id={id}>
        {children}
      </Title>
    </Stack>
  );
}

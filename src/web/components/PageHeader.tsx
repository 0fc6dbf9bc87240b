import { Group, Stack, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A page's title (the guide's upper-case word) with its actions on the right. */
export function PageHeader({
  title,
  documentTitle,
  before,
  actions,
  children,
}: {
  title: string;
  /** The browser tab's title, when it should say more than `title` (e.g. the number). */
  documentTitle?: string;
  before?: ReactNode;
  actions?: ReactNode;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  useDocumentTitle(`${documentTitle ?? title} — ${t('brand.name')}`);
  return (
    <Stack gap="xs" mb="lg">
      {before}
      <Group justify="space-between" align="center" gap="md">
        <Title order={1} className="page-title">
          {title}
        </Title>
        {actions && (
          <Group gap="sm" className="page-actions">
            {actions}
          </Group>
        )}
      </Group>
      {children}
    </Stack>
  );
}

/** A label and its value, as the guide prints them: `Номер заявки : 072022/55`. */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="fact">
      <div className="fact-label">{label}</div>
      <div className="fact-value">{children}</div>
    </div>
  );
}

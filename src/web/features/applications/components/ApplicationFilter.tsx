import { Badge, Box, Button, Collapse, Group, Paper, Select, SimpleGrid, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationListQuery } from '../../../../shared/contracts/applications';
import { APPLICATION_STATUSES } from '../../../../shared/domain/status';
import { IconChevronDown } from '../../../components/icons';
import { UaDateInput } from '../../../components/UaDateInput';
import { useOrganizations } from '../api/get-organizations';

const EMPTY: ApplicationListQuery = {};

/** The filter panel: applied with `Фільтрувати`, cleared with `Фільтрувати за замовчуванням`. */
export function ApplicationFilter({ value, onApply }: { value: ApplicationListQuery; onApply: (filter: ApplicationListQuery) => void }) {
  const { t } = useTranslation();
  const organizations = useOrganizations();
  const [draft, setDraft] = useState<ApplicationListQuery>(value);
  useEffect(() => setDraft(value), [value]);
  const set = (patch: Partial<ApplicationListQuery>) => setDraft((d) => ({ ...d, ...patch }));
  // On a phone the panel folds away behind one button, so the list is what the person sees first.
  const isPhone = useMediaQuery('(max-width: 47.99em)') ?? false;
  const isActive = Object.keys(value).length > 0;
  const [opened, setOpened] = useState(false);

  return (
    <Box mb="lg">
      {isPhone && (
        <Button
          variant="default"
          fullWidth
          justify="space-between"
          onClick={() => setOpened((o) => !o)}
          aria-expanded={opened}
          rightSection={
            <Group gap={6} wrap="nowrap">
              {isActive && (
                <Badge size="sm" variant="light">
                  {t('applications.filter.active')}
                </Badge>
              )}
              <IconChevronDown size={16} style={{ transform: opened ? 'rotate(180deg)' : undefined, transition: 'transform 150ms ease' }} />
            </Group>
          }
          mb={opened ? 'sm' : 0}
        >
          {t('applications.filter.toggle')}
        </Button>
      )}
      <Collapse expanded={!isPhone || opened}>
        <Paper
          withBorder
          p="md"
          component="form"
          role="search"
          aria-label={t('applications.filter.title')}
          onSubmit={(e: React.FormEvent) => {
            e.preventDefault();
            onApply({ ...draft, number: draft.number?.trim() || undefined });
          }}
        >
          <SimpleGrid cols={{ base: 1, xs: 2, md: 5 }} spacing="sm">
            <Select
              label={t('applications.filter.status')}
              placeholder={t('applications.filter.any')}
              clearable
              allowDeselect
              data={APPLICATION_STATUSES.map((s) => ({ value: s, label: t(`applicationStatus.${s}`) }))}
              value={draft.status ?? null}
              onChange={(v) => set({ status: (v ?? undefined) as ApplicationListQuery['status'] })}
            />
            <Select
              label={t('applications.filter.organization')}
              placeholder={t('applications.filter.any')}
              clearable
              allowDeselect
              data={(organizations.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
              value={draft.organizationId ?? null}
              onChange={(v) => set({ organizationId: v ?? undefined })}
            />
            <UaDateInput
              label={t('applications.filter.createdFrom')}
              value={draft.createdFrom ?? null}
              onChange={(v) => set({ createdFrom: v ?? undefined })}
            />
            <UaDateInput
              label={t('applications.filter.createdTo')}
              value={draft.createdTo ?? null}
              onChange={(v) => set({ createdTo: v ?? undefined })}
            />
            <TextInput
              label={t('applications.filter.number')}
              placeholder={t('applications.filter.numberPlaceholder')}
              value={draft.number ?? ''}
              onChange={(e) => set({ number: e.currentTarget.value })}
            />
          </SimpleGrid>
          <Group mt="md" gap="sm">
            <Button type="submit">{t('applications.filter.apply')}</Button>
            <Button
              variant="default"
              onClick={() => {
                setDraft(EMPTY);
                onApply(EMPTY);
              }}
            >
              {t('applications.filter.reset')}
            </Button>
          </Group>
        </Paper>
      </Collapse>
    </Box>
  );
}

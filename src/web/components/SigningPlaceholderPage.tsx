import { Box, Container, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { BrandMark } from './BrandMark';
import { LanguageSwitch } from './LanguageSwitch';

/**
 * `/sign/:token`, the employee's link from the e-mail «Підпис файлу …». The employee has no
 * account, so this page must never send them to the ВО's login; signing itself comes later.
 */
export function SigningPlaceholderPage() {
  const { t } = useTranslation();
  return (
    <Box className="login-backdrop">
      <Container size={560} py={{ base: 32, sm: 72 }}>
        <Group justify="space-between" mb="xl" wrap="nowrap">
          <BrandMark />
          <LanguageSwitch />
        </Group>
        <Paper withBorder shadow="sm" p={{ base: 'lg', sm: 32 }}>
          <Stack gap="sm">
            <Title order={1} fz={21}>
              {t('signing.title')}
            </Title>
            <Text>{t('signing.text')}</Text>
          </Stack>
        </Paper>
      </Container>
    </Box>
  );
}

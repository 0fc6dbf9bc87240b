import { ActionIcon, AppShell, Box, Button, Container, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { BrandMark } from './BrandMark';
import { IconLogout, IconUser } from './icons';
import { LanguageSwitch } from './LanguageSwitch';

export type LayoutUser = { fullName: string; phone: string };

/**
 * The cabinet's frame: a header bar with the menu (ЗАЯВКИ), the user, the language switch and
 * Вийти, and a max-width column for the page. The session and logout come in as props so this
 * shared component knows no feature.
 */
export function AppLayout({ user, onLogout, loggingOut }: { user: LayoutUser; onLogout: () => void; loggingOut?: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  // Requests live inside applications: the menu item stays lit on their pages too.
  const inApplications = pathname.startsWith('/applications') || pathname.startsWith('/requests');
  return (
    <AppShell header={{ height: 64 }} padding={0}>
      <AppShell.Header className="app-header">
        <Container size={1200} h="100%" px={{ base: 'sm', sm: 'lg' }}>
          <Group h="100%" justify="space-between" wrap="nowrap" gap="sm">
            <Group gap={28} wrap="nowrap">
              <UnstyledButton onClick={() => navigate('/applications')} aria-label={t('brand.home')}>
                <Box visibleFrom="md">
                  <BrandMark />
                </Box>
                <Box hiddenFrom="md">
                  <BrandMark compact />
                </Box>
              </UnstyledButton>
              <nav aria-label={t('layout.menu')}>
                <Link
                  to="/applications"
                  className={inApplications ? 'main-nav-link active' : 'main-nav-link'}
                  aria-current={pathname === '/applications' ? 'page' : undefined}
                >
                  {t('layout.applications')}
                </Link>
              </nav>
            </Group>
            <Group gap="sm" wrap="nowrap" visibleFrom="sm">
              <Group gap={6} wrap="nowrap" c="dimmed">
                <IconUser size={16} />
                <Text size="sm" fw={500} c="dark.6" maw={260} truncate="end">
                  {user.fullName}
                </Text>
              </Group>
              <LanguageSwitch />
              <Button
                variant="subtle"
                color="dark"
                size="compact-sm"
                leftSection={<IconLogout size={16} />}
                onClick={onLogout}
                loading={loggingOut}
              >
                {t('layout.logout')}
              </Button>
            </Group>
            <Box hiddenFrom="sm">
              <Menu position="bottom-end" width={240} shadow="md">
                <Menu.Target>
                  <ActionIcon variant="default" size="lg" radius="xl" aria-label={t('layout.account')}>
                    <IconUser size={18} />
                  </ActionIcon>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Label>{user.fullName}</Menu.Label>
                  <Box px="sm" py={6}>
                    <LanguageSwitch />
                  </Box>
                  <Menu.Divider />
                  <Menu.Item leftSection={<IconLogout size={16} />} onClick={onLogout}>
                    {t('layout.logout')}
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            </Box>
          </Group>
        </Container>
      </AppShell.Header>
      <AppShell.Main className="app-main">
        <Container size={1200} px={{ base: 'sm', sm: 'lg' }} py={{ base: 'md', sm: 'xl' }}>
          <Outlet />
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}

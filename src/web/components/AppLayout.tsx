import { ActionIcon, AppShell, Badge, Box, Burger, Button, Container, Group, Menu, NavLink, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { BrandMark } from './BrandMark';
import { IconLogout, IconUser } from './icons';
import { LanguageSwitch } from './LanguageSwitch';

export type LayoutUser = { fullName: string; phone: string };

/** One item of the main menu; `match` lists the address prefixes that keep it lit. */
export type MenuItem = { to: string; label: string; match?: string[] };

function isActive(item: MenuItem, pathname: string): boolean {
  return (item.match ?? [item.to]).some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

/**
 * The cabinet's frame: a header bar with the menu, the user, the language switch and Вийти, and
 * a max-width column for the page. The ВО's one item (ЗАЯВКИ) sits in the header; the
 * operator's back office has more, so they go to a side menu (a drawer behind a burger on a
 * phone). The session, the menu and logout come in as props so this shared component knows no
 * feature.
 */
export function AppLayout({
  user,
  onLogout,
  loggingOut,
  menu,
  home,
  sidebar = false,
  roleLabel,
}: {
  user: LayoutUser;
  onLogout: () => void;
  loggingOut?: boolean;
  menu: MenuItem[];
  home: string;
  sidebar?: boolean;
  /** Shown next to the brand (e.g. «Спеціаліст КНЕДП»). */
  roleLabel?: string;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [opened, { toggle, close }] = useDisclosure(false);
  // A chosen menu item closes the phone's drawer.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every change of address.
  useEffect(() => close(), [pathname]);
  return (
    <AppShell
      header={{ height: 64 }}
      navbar={sidebar ? { width: 236, breakpoint: 'md', collapsed: { mobile: !opened } } : undefined}
      padding={0}
    >
      <AppShell.Header className="app-header">
        <Container size={sidebar ? '100%' : 1200} h="100%" px={{ base: 'sm', sm: 'lg' }}>
          <Group h="100%" justify="space-between" wrap="nowrap" gap="sm">
            <Group gap={sidebar ? 'sm' : 28} wrap="nowrap">
              {sidebar && <Burger opened={opened} onClick={toggle} hiddenFrom="md" size="sm" aria-label={t('layout.menu')} />}
              <UnstyledButton onClick={() => navigate(home)} aria-label={t('brand.home')}>
                <Box visibleFrom="md">
                  <BrandMark operator={sidebar} />
                </Box>
                <Box hiddenFrom="md">
                  <BrandMark compact operator={sidebar} />
                </Box>
              </UnstyledButton>
              {roleLabel && (
                <Badge variant="light" color="brand" radius="sm" tt="none" visibleFrom="xs">
                  {roleLabel}
                </Badge>
              )}
              {!sidebar && (
                <nav aria-label={t('layout.menu')}>
                  {menu.map((item) => (
                    <Link
                      key={item.to}
                      to={item.to}
                      className={isActive(item, pathname) ? 'main-nav-link active' : 'main-nav-link'}
                      aria-current={pathname === item.to ? 'page' : undefined}
                    >
                      {item.label}
                    </Link>
                  ))}
                </nav>
              )}
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
      {sidebar && (
        <AppShell.Navbar p="sm" className="app-navbar">
          <nav aria-label={t('layout.menu')}>
            {menu.map((item) => (
              <NavLink
                key={item.to}
                component={Link}
                to={item.to}
                label={item.label}
                active={isActive(item, pathname)}
                aria-current={pathname === item.to ? 'page' : undefined}
                className="side-nav-link"
              />
            ))}
          </nav>
        </AppShell.Navbar>
      )}
      <AppShell.Main className="app-main">
        <Container size={1200} px={{ base: 'sm', sm: 'lg' }} py={{ base: 'md', sm: 'xl' }}>
          <Outlet />
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}

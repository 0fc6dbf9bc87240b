import { Anchor, Box, Container, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet } from 'react-router';
import { BrandMark } from './BrandMark';
import { LanguageSwitch } from './LanguageSwitch';

/**
 * The frame of the provider's public pages (no login): the certificate directory and the CA's
 * own certificates and CRL, with a way into the cabinet.
 */
export function PublicLayout() {
  const { t } = useTranslation();
  return (
    <Box className="public-page">
      <Box component="header" className="app-header public-header">
        <Container size={1100} h="100%" px={{ base: 'sm', sm: 'lg' }}>
          <Group h="100%" justify="space-between" wrap="nowrap" gap="sm">
            <Group gap={24} wrap="nowrap">
              <Link to="/certificates" aria-label={t('publicPages.home')} className="plain-link">
                <Box visibleFrom="sm">
                  <BrandMark />
                </Box>
                <Box hiddenFrom="sm">
                  <BrandMark compact />
                </Box>
              </Link>
            </Group>
            <Group gap="sm" wrap="nowrap">
              <LanguageSwitch />
              <Anchor component={Link} to="/login" size="sm" fw={600}>
                {t('publicPages.login')}
              </Anchor>
            </Group>
          </Group>
        </Container>
      </Box>
      <Box component="nav" aria-label={t('publicPages.menu')} className="public-nav">
        <Container size={1100} px={{ base: 'sm', sm: 'lg' }}>
          <Group gap="lg" wrap="nowrap">
            <NavLink to="/certificates" className={({ isActive }) => (isActive ? 'main-nav-link active' : 'main-nav-link')}>
              {t('publicPages.certificates')}
            </NavLink>
            <NavLink to="/ca" className={({ isActive }) => (isActive ? 'main-nav-link active' : 'main-nav-link')}>
              {t('publicPages.ca')}
            </NavLink>
          </Group>
        </Container>
      </Box>
      <Container size={1100} px={{ base: 'sm', sm: 'lg' }} py={{ base: 'md', sm: 'xl' }} component="main">
        <Outlet />
      </Container>
      <Container size={1100} px={{ base: 'sm', sm: 'lg' }} pb="xl">
        <Text size="xs" c="dimmed">
          {t('publicPages.footer')}
        </Text>
      </Container>
    </Box>
  );
}

import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { AppLayout, type MenuItem } from '../../components/AppLayout';
import { useSession } from '../../features/auth/api/get-session';
import { useLogout } from '../../features/auth/api/logout';
import { RequireAuth } from '../../features/auth/components/RequireAuth';
import { homeOf } from '../../features/auth/components/RequireRole';

function SignedInLayout() {
  const { t } = useTranslation();
  const session = useSession();
  const logout = useLogout();
  const navigate = useNavigate();
  const user = session.data?.user;
  if (!user) return null;
  const isOperator = user.role === 'operator';
  // Requests live inside applications: the menu item stays lit on their pages too.
  const menu: MenuItem[] = isOperator
    ? [
        { to: '/operator/applications', label: t('operatorMenu.inbox') },
        { to: '/operator/certificates', label: t('operatorMenu.certificates') },
        { to: '/operator/organizations', label: t('operatorMenu.organizations') },
        { to: '/operator/users', label: t('operatorMenu.users') },
        { to: '/operator/trusted-cas', label: t('operatorMenu.trustedCas') },
        { to: '/operator/audit', label: t('operatorMenu.audit') },
        { to: '/operator/settings', label: t('operatorMenu.settings') },
      ]
    : [{ to: '/applications', label: t('layout.applications'), match: ['/applications', '/requests'] }];
  return (
    <AppLayout
      user={user}
      menu={menu}
      home={homeOf(user.role)}
      sidebar={isOperator}
      roleLabel={isOperator ? t('operatorMenu.role') : undefined}
      loggingOut={logout.isPending}
      onLogout={() =>
        logout.mutate(undefined, {
          onSettled: () => {
            navigate('/login', { replace: true });
            notifications.show({ color: 'gray', message: t('layout.loggedOut') });
          },
        })
      }
    />
  );
}

export function ProtectedLayout() {
  return (
    <RequireAuth>
      <SignedInLayout />
    </RequireAuth>
  );
}

import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { AppLayout } from '../../components/AppLayout';
import { useSession } from '../../features/auth/api/get-session';
import { useLogout } from '../../features/auth/api/logout';
import { RequireAuth } from '../../features/auth/components/RequireAuth';

function SignedInLayout() {
  const { t } = useTranslation();
  const session = useSession();
  const logout = useLogout();
  const navigate = useNavigate();
  const user = session.data?.user;
  if (!user) return null;
  return (
    <AppLayout
      user={user}
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

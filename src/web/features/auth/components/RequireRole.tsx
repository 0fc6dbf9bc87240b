import type { ReactNode } from 'react';
import { Navigate, Outlet } from 'react-router';
import type { Role } from '../../../../shared/contracts/auth';
import { NotFoundState } from '../../../components/PageState';
import { useSession } from '../api/get-session';

/**
 * Pages of one role: the ВО's cabinet or the operator's back office. The other role sees the
 * same «Сторінку не знайдено» as for an unknown address, so nothing tells it the page exists.
 * Used inside `RequireAuth`, so the session is there already.
 */
export function RequireRole({ allow, children }: { allow: Role; children?: ReactNode }) {
  const session = useSession();
  if (session.data?.user.role !== allow) return <NotFoundState />;
  return <>{children ?? <Outlet />}</>;
}

/** Where `/` leads: the ВО's applications or the operator's inbox. */
export function HomeRedirect() {
  const session = useSession();
  return <Navigate to={homeOf(session.data?.user.role)} replace />;
}

export function homeOf(role: Role | undefined): string {
  return role === 'operator' ? '/operator/applications' : '/applications';
}

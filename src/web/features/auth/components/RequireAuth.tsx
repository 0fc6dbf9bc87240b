import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ErrorState, PageLoader } from '../../../components/PageState';
import { useSession } from '../api/get-session';

/** The cabinet's pages need a session; without one the person goes to the login page and back. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <PageLoader />;
  if (session.isError) return <ErrorState error={session.error} onRetry={() => void session.refetch()} />;
  if (!session.data) return <Navigate to="/login" replace state={{ from: `${location.pathname}${location.search}` }} />;
  return <>{children}</>;
}

import type { ComponentType } from 'react';
import { createBrowserRouter } from 'react-router';
import { RouteErrorBoundary } from '../components/ErrorBoundary';
import { NotFoundState } from '../components/PageState';
import { PublicLayout } from '../components/PublicLayout';
import { ApplicationsPage } from '../features/applications/components/ApplicationsPage';
import { NewApplicationPage } from '../features/applications/components/NewApplicationPage';
import { InvitationPage } from '../features/auth/components/InvitationPage';
import { LoginPage } from '../features/auth/components/LoginPage';
import { HomeRedirect, RequireRole } from '../features/auth/components/RequireRole';
import { ApplicationRoute } from './routes/application';
import { ProtectedLayout } from './routes/protected-layout';
import { NewRequestRoute, RequestRoute } from './routes/request';
import { SigningRoute } from './routes/signing';

/**
 * A page loaded when its route is first visited: the operator's back office and the public
 * pages stay out of the bundle every ВО downloads.
 */
function page<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M & string) {
  return async () => ({ Component: (await load())[name] as ComponentType });
}

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage />, errorElement: <RouteErrorBoundary /> },
  { path: '/invitation/:token', element: <InvitationPage />, errorElement: <RouteErrorBoundary /> },
  { path: '/sign/:token', element: <SigningRoute />, errorElement: <RouteErrorBoundary /> },
  // The provider's public pages: no login.
  {
    element: <PublicLayout />,
    errorElement: <RouteErrorBoundary />,
    children: [
      { path: '/certificates', lazy: page(() => import('../features/public/components/PublicCertificatesPage'), 'PublicCertificatesPage') },
      { path: '/ca', lazy: page(() => import('../features/public/components/CaPage'), 'CaPage') },
    ],
  },
  {
    path: '/',
    element: <ProtectedLayout />,
    errorElement: <RouteErrorBoundary />,
    children: [
      { index: true, element: <HomeRedirect /> },
      // The ВО's cabinet: an operator sees «Сторінку не знайдено» here.
      {
        element: <RequireRole allow="responsible_person" />,
        children: [
          { path: 'applications', element: <ApplicationsPage /> },
          { path: 'applications/new', element: <NewApplicationPage /> },
          { path: 'applications/:id', element: <ApplicationRoute /> },
          { path: 'applications/:id/requests/new', element: <NewRequestRoute /> },
          { path: 'requests/:id', element: <RequestRoute /> },
        ],
      },
      // The operator's back office: a ВО sees «Сторінку не знайдено» here.
      {
        path: 'operator',
        element: <RequireRole allow="operator" />,
        children: [
          { index: true, element: <HomeRedirect /> },
          { path: 'applications', lazy: page(() => import('../features/operator/components/InboxPage'), 'InboxPage') },
          { path: 'applications/:id', lazy: page(() => import('./routes/operator'), 'ReviewRoute') },
          { path: 'certificates', lazy: page(() => import('../features/operator/components/CertificatesPage'), 'CertificatesPage') },
          { path: 'organizations', lazy: page(() => import('../features/operator/components/OrganizationsPage'), 'OrganizationsPage') },
          { path: 'users', lazy: page(() => import('../features/operator/components/UsersPage'), 'UsersPage') },
          { path: 'trusted-cas', lazy: page(() => import('../features/operator/components/TrustedCasPage'), 'TrustedCasPage') },
          { path: 'audit', lazy: page(() => import('../features/operator/components/AuditPage'), 'AuditPage') },
          { path: 'settings', lazy: page(() => import('../features/operator/components/SettingsPage'), 'SettingsPage') },
        ],
      },
      { path: '*', element: <NotFoundState /> },
    ],
  },
]);

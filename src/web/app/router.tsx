import { createBrowserRouter } from 'react-router';
import { RouteErrorBoundary } from '../components/ErrorBoundary';
import { NotFoundState } from '../components/PageState';
import { PublicLayout } from '../components/PublicLayout';
import { ApplicationsPage } from '../features/applications/components/ApplicationsPage';
import { NewApplicationPage } from '../features/applications/components/NewApplicationPage';
import { InvitationPage } from '../features/auth/components/InvitationPage';
import { LoginPage } from '../features/auth/components/LoginPage';
import { HomeRedirect, RequireRole } from '../features/auth/components/RequireRole';
import { AuditPage } from '../features/operator/components/AuditPage';
import { CertificatesPage } from '../features/operator/components/CertificatesPage';
import { InboxPage } from '../features/operator/components/InboxPage';
import { OrganizationsPage } from '../features/operator/components/OrganizationsPage';
import { SettingsPage } from '../features/operator/components/SettingsPage';
import { TrustedCasPage } from '../features/operator/components/TrustedCasPage';
import { UsersPage } from '../features/operator/components/UsersPage';
import { CaPage } from '../features/public/components/CaPage';
import { PublicCertificatesPage } from '../features/public/components/PublicCertificatesPage';
import { ApplicationRoute } from './routes/application';
import { ReviewRoute } from './routes/operator';
import { ProtectedLayout } from './routes/protected-layout';
import { NewRequestRoute, RequestRoute } from './routes/request';
import { SigningRoute } from './routes/signing';

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage />, errorElement: <RouteErrorBoundary /> },
  { path: '/invitation/:token', element: <InvitationPage />, errorElement: <RouteErrorBoundary /> },
  { path: '/sign/:token', element: <SigningRoute />, errorElement: <RouteErrorBoundary /> },
  // The provider's public pages: no login.
  {
    element: <PublicLayout />,
    errorElement: <RouteErrorBoundary />,
    children: [
      { path: '/certificates', element: <PublicCertificatesPage /> },
      { path: '/ca', element: <CaPage /> },
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
          { path: 'applications', element: <InboxPage /> },
          { path: 'applications/:id', element: <ReviewRoute /> },
          { path: 'certificates', element: <CertificatesPage /> },
          { path: 'organizations', element: <OrganizationsPage /> },
          { path: 'users', element: <UsersPage /> },
          { path: 'trusted-cas', element: <TrustedCasPage /> },
          { path: 'audit', element: <AuditPage /> },
          { path: 'settings', element: <SettingsPage /> },
        ],
      },
      { path: '*', element: <NotFoundState /> },
    ],
  },
]);

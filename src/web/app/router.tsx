import { createBrowserRouter, Navigate } from 'react-router';
import { RouteErrorBoundary } from '../components/ErrorBoundary';
import { NotFoundState } from '../components/PageState';
import { ApplicationsPage } from '../features/applications/components/ApplicationsPage';
import { NewApplicationPage } from '../features/applications/components/NewApplicationPage';
import { InvitationPage } from '../features/auth/components/InvitationPage';
import { LoginPage } from '../features/auth/components/LoginPage';
import { ApplicationRoute } from './routes/application';
import { ProtectedLayout } from './routes/protected-layout';
import { NewRequestRoute, RequestRoute } from './routes/request';
import { SigningRoute } from './routes/signing';

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage />, errorElement: <RouteErrorBoundary /> },
  { path: '/invitation/:token', element: <InvitationPage />, errorElement: <RouteErrorBoundary /> },
  { path: '/sign/:token', element: <SigningRoute />, errorElement: <RouteErrorBoundary /> },
  {
    path: '/',
    element: <ProtectedLayout />,
    errorElement: <RouteErrorBoundary />,
    children: [
      { index: true, element: <Navigate to="/applications" replace /> },
      { path: 'applications', element: <ApplicationsPage /> },
      { path: 'applications/new', element: <NewApplicationPage /> },
      { path: 'applications/:id', element: <ApplicationRoute /> },
      { path: 'applications/:id/requests/new', element: <NewRequestRoute /> },
      { path: 'requests/:id', element: <RequestRoute /> },
      { path: '*', element: <NotFoundState /> },
    ],
  },
]);

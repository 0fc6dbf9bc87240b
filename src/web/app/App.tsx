import { RouterProvider } from 'react-router/dom';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { Providers } from './providers';
import { router } from './router';

export function App() {
  return (
    <Providers>
      <ErrorBoundary>
        <RouterProvider router={router} />
      </ErrorBoundary>
    </Providers>
  );
}

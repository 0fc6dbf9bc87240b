import { lazy, Suspense } from 'react';
import { PageLoader } from '../../components/PageState';

// The signing page loads on demand; its crypto (PKI.js, @peculiar/x509) runs in a worker bundled apart.
const SigningPage = lazy(() => import('../../features/signing/components/SigningPage').then((m) => ({ default: m.SigningPage })));

/** `/sign/:token`: the employee's public signing page, loaded on demand. */
export function SigningRoute() {
  return (
    <Suspense fallback={<PageLoader />}>
      <SigningPage />
    </Suspense>
  );
}

import { useState } from 'react';
import { RouterProvider } from 'react-router';
import { setUnauthorizedHandler } from '@/lib/api-client';
import { AppProvider } from './provider';
import { createAppRouter } from './router';

export function App() {
  const [router] = useState(() => {
    const r = createAppRouter();
    setUnauthorizedHandler(
      (url) => void r.navigate(url, { replace: true }),
      () => `${r.state.location.pathname}${r.state.location.search}${r.state.location.hash}`,
    );
    return r;
  });
  return (
    <AppProvider>
      <RouterProvider router={router} />
    </AppProvider>
  );
}

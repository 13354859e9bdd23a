import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { ErrorBoundary } from '@/components/errors/error-boundary';
import { session } from '@/lib/session';
import { createQueryClient } from '@/lib/query-client';

export function AppProvider({ children, queryClient }: { children: ReactNode; queryClient?: QueryClient }) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  useEffect(
    () =>
      session.subscribe(() => {
        // Signed out (or expired): drop every cached answer that belonged to the old session.
        if (!session.getToken()) client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'public' });
      }),
    [client],
  );
  return (
    <ErrorBoundary>
      <QueryClientProvider client={client}>{children}</QueryClientProvider>
    </ErrorBoundary>
  );
}

import { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { AppProvider } from '@/app/provider';
import { routes } from '@/app/router';
import { setUnauthorizedHandler } from '@/lib/api-client';
import { session } from '@/lib/session';
import type { Role } from '@/types/api';

export function testQueryClient() {
  return new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity }, mutations: { retry: false } } });
}

/** Renders a router inside the app's providers, with a user-event session for it. */
function renderRouter(router: ReturnType<typeof createMemoryRouter>) {
  const user = userEvent.setup({ delay: null });
  const utils = render(
    <AppProvider queryClient={testQueryClient()}>
      <RouterProvider router={router} />
    </AppProvider>,
  );
  return { ...utils, router, user };
}

/** Renders the whole app (real routes) at `path`, signed in as `role` when given. */
export function renderApp(path: string, { role }: { role?: Role } = {}) {
  if (role) session.setToken(`token-${role}`, 1800);
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  setUnauthorizedHandler(
    (url) => void router.navigate(url, { replace: true }),
    () => `${router.state.location.pathname}${router.state.location.search}`,
  );
  return renderRouter(router);
}

/** Renders one component with the providers (no routes). */
export function renderWithProviders(ui: ReactElement) {
  const router = createMemoryRouter([{ path: '*', element: ui }], { initialEntries: ['/'] });
  return renderRouter(router);
}

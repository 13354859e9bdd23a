import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSyncExternalStore, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { api, loginRedirectUrl } from '@/lib/api-client';
import { session } from '@/lib/session';
import type { Role, TokenResponse, User } from '@/types/api';
import { LoadingState, ErrorState } from '@/components/ui/states';

export type LoginInput = { username: string; password: string };

export const getMe = (signal?: AbortSignal) => api.get<User>('/auth/me', { signal });
export const login = (input: LoginInput) => api.post<TokenResponse>('/auth/login', input, { auth: false });
export const logout = (token: string) => api.post<null>('/auth/logout', undefined, { token });

export const ME_KEY = ['auth', 'me'] as const;

const RANK: Record<Role, number> = { user: 0, analyst: 1, admin: 2 };

export function hasRole(user: Pick<User, 'role'> | null | undefined, min: Role): boolean {
  if (!user) return false;
  return (RANK[user.role] ?? -1) >= RANK[min];
}

export function useToken(): string | null {
  return useSyncExternalStore(session.subscribe, session.getToken, session.getToken);
}

/** The signed-in user (`GET /auth/me`), or null when there is no session. */
export function useUser() {
  const token = useToken();
  const query = useQuery({
    queryKey: [...ME_KEY, token],
    queryFn: ({ signal }) => getMe(signal),
    enabled: Boolean(token),
    staleTime: 60_000,
    retry: false,
  });
  return { ...query, user: token ? (query.data ?? null) : null, token, isLoading: Boolean(token) && query.isLoading };
}

export function useStoreSession() {
  const qc = useQueryClient();
  return (res: TokenResponse) => {
    session.setToken(res.access_token, res.expires_in);
    qc.setQueryData([...ME_KEY, res.access_token], res.user);
  };
}

export function useLogin() {
  const store = useStoreSession();
  return useMutation({
    mutationFn: (input: LoginInput) => login(input),
    onSuccess: store,
  });
}

export const LOGGED_OUT_URL = '/login?logged_out=1';

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      // Forget the token first: a request still in flight that now meets a 401 must not turn
      // the sign-out into a "session expired" redirect.
      const token = session.getToken();
      session.clear('logout', LOGGED_OUT_URL);
      qc.clear();
      if (!token) return;
      try {
        await logout(token);
      } catch {
        /* the token may already be dead; logging out locally is what matters */
      }
    },
  });
}

/** Only lets through signed-in users with at least `role`. */
export function RequireAuth({ role = 'user', children }: { role?: Role; children: ReactNode }) {
  const location = useLocation();
  const { user, token, isLoading, error, refetch } = useUser();
  if (!token) {
    const next = `${location.pathname}${location.search}`;
    // Whoever ended the session said where to go (the expiry notice, "logged out", ...).
    const to = session.endRedirect() ?? (session.endReason() === 'expired' ? loginRedirectUrl(next) : `/login?next=${encodeURIComponent(next)}`);
    return <Navigate to={to} replace />;
  }
  if (isLoading) return <LoadingState label="Checking your session" />;
  if (error || !user) return <ErrorState error={error} onRetry={() => void refetch()} title="Could not load your account" />;
  if (!hasRole(user, role)) {
    return (
      <div role="alert" className="mx-auto max-w-lg rounded-xl border border-amber-300 bg-amber-50 p-6 text-amber-950">
        <h1 className="text-lg font-semibold">Not available for your role</h1>
        <p className="mt-1 text-sm">
          This page needs the <strong>{role}</strong> role; you are signed in as <strong>{user.role}</strong>.
        </p>
      </div>
    );
  }
  return <>{children}</>;
}

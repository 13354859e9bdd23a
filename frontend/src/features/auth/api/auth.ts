import { api } from '@/lib/api-client';
import type { TokenResponse, User } from '@/types/api';

export type RegisterInput = { email: string; username: string; password: string; full_name?: string };

// Signing in and out (and GET /auth/me) belong to the session layer: lib/auth.tsx.
export const register = (input: RegisterInput) => api.post<User>('/auth/register', input, { auth: false });

/** Always 202 whether or not an account has this email (no enumeration); 429 when throttled. */
export const forgotPassword = (email: string) => api.post<{ message: string }>('/auth/forgot-password', { email }, { auth: false });
/** Redeems a one-time reset link: signs in as at login; 400 invalid_reset_token when used, expired or unknown. */
export const resetPassword = (input: { token: string; new_password: string }) => api.post<TokenResponse>('/auth/password-reset', input, { auth: false });

/** The token of a reset link (`/reset-password#token=...`): the fragment never reaches a server. */
export function resetTokenFrom(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token && token.trim() ? token.trim() : null;
}

import { api } from '@/lib/api-client';
import type { TokenResponse, User, UserWithTotals } from '@/types/api';

export const getMyProfile = (signal?: AbortSignal) => api.get<UserWithTotals>('/users/me/profile', { signal });
export const updateMe = (input: { email?: string; username?: string; full_name?: string | null }) => api.put<User>('/users/me', input);
export const changePassword = (input: { current_password: string; new_password: string }) =>
  api.put<TokenResponse>('/users/me/password', input, { credentialCheck: true });
export const deleteMe = (password: string) => api.delete('/users/me', { password }, { credentialCheck: true });

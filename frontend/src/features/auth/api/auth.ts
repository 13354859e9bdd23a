import { api } from '@/lib/api-client';
import type { TokenResponse, User } from '@/types/api';

export type LoginInput = { username: string; password: string };
export type RegisterInput = { email: string; username: string; password: string; full_name?: string };

export const getMe = (signal?: AbortSignal) => api.get<User>('/auth/me', { signal });
export const login = (input: LoginInput) => api.post<TokenResponse>('/auth/login', input, { auth: false });
export const register = (input: RegisterInput) => api.post<User>('/auth/register', input, { auth: false });
export const logout = (token: string) => api.post<null>('/auth/logout', undefined, { token });

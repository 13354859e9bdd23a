import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { AdminStats, AdminUsersPage, AuditPage, Role, User } from '@/types/api';

export type UserFilters = { search?: string; role?: string; is_active?: string };

export const listUsers = (f: UserFilters, cursor: string | null, signal?: AbortSignal) =>
  api.get<AdminUsersPage>('/admin/users', { query: { ...f, limit: 50, cursor: cursor ?? undefined }, signal });
export const setRole = (id: string, role: Role) => api.put<User>(`/admin/users/${encodeURIComponent(id)}/role`, { role });
export const toggleActive = (id: string) => api.put<User>(`/admin/users/${encodeURIComponent(id)}/toggle-active`, {});
export const deleteUser = (id: string) => api.delete(`/admin/users/${encodeURIComponent(id)}`);
export const getStats = (signal?: AbortSignal) => api.get<AdminStats>('/admin/stats', { signal });
export const getAudit = (cursor: string | null, signal?: AbortSignal) =>
  api.get<AuditPage>('/admin/audit', { query: { limit: 50, cursor: cursor ?? undefined }, signal });

export function useUsers(filters: UserFilters) {
  return useInfiniteQuery({
    queryKey: ['admin', 'users', filters],
    queryFn: ({ pageParam, signal }) => listUsers(filters, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}

export function useStats() {
  return useQuery({ queryKey: ['admin', 'stats'], queryFn: ({ signal }) => getStats(signal) });
}

export function useAudit() {
  return useInfiniteQuery({
    queryKey: ['admin', 'audit'],
    queryFn: ({ pageParam, signal }) => getAudit(pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}

/** Series like `per_day` may be `[{date, count}]` or `{date: count}`; returns `[{label, value}]`. */
export function toSeries(raw: unknown): { label: string; value: number }[] {
  if (Array.isArray(raw)) {
    return raw.map((item, i) => {
      if (item && typeof item === 'object') {
        const o = item as Record<string, unknown>;
        const label = o.date ?? o.day ?? o.week ?? o.month ?? o.period ?? o.label ?? String(i);
        const value = o.count ?? o.n ?? o.total ?? o.value ?? o.predictions ?? 0;
        return { label: String(label), value: Number(value) || 0 };
      }
      return { label: String(i), value: Number(item) || 0 };
    });
  }
  if (raw && typeof raw === 'object') {
    return Object.entries(raw as Record<string, unknown>)
      .map(([label, v]) => ({ label, value: Number(v) || 0 }))
      .sort((a, b) => a.label.localeCompare(b.label));
  }
  return [];
}

export type ResetLink = { reset_url: string; expires_at: string };
/** A one-time password-reset link for another user (30 minutes, single use); audited. */
export const issueResetLink = (id: string) => api.post<ResetLink>(`/admin/users/${encodeURIComponent(id)}/password-reset`, {});

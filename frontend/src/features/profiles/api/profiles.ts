import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { CustomerFeatures, Prediction, Profile, ProfilesPage } from '@/types/api';

export type ProfileInput = { name: string; features: CustomerFeatures; customer_id?: string | null; notes?: string | null };

/** The contract's `features` object; older profiles of the bundled schema may carry flat fields only. */
export function profileFeatures(p: Profile): CustomerFeatures {
  if (p.features && typeof p.features === 'object') return p.features;
  const flat = p as unknown as Record<string, unknown>;
  const out: CustomerFeatures = {};
  for (const k of ['sex', 'age', 'annual_income', 'spending_score', 'purchase_frequency']) {
    const v = flat[k];
    if (typeof v === 'number' || typeof v === 'string') out[k] = v;
  }
  return out;
}

/** The fields a profile lacks for the active model, when it says it no longer fits. */
export function missingFields(p: Profile): string[] {
  return p.missing_fields ?? p.missing ?? [];
}

export const listProfiles = (cursor: string | null, signal?: AbortSignal) =>
  api.get<ProfilesPage>('/profiles', { query: { limit: 50, cursor: cursor ?? undefined }, signal });
export const createProfile = (input: ProfileInput) => api.post<Profile>('/profiles', input);
export const updateProfile = (id: string, input: Partial<ProfileInput> & { version?: number }) =>
  api.put<Profile>(`/profiles/${encodeURIComponent(id)}`, input);
export const deleteProfile = (id: string) => api.delete(`/profiles/${encodeURIComponent(id)}`);
export const predictProfile = (id: string) => api.post<Prediction>(`/profiles/${encodeURIComponent(id)}/predict`);

export const profilesKey = ['profiles'] as const;

export function useProfiles() {
  return useInfiniteQuery({
    queryKey: profilesKey,
    queryFn: ({ pageParam, signal }) => listProfiles(pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}

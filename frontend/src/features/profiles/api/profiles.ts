import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { CustomerFeatures, Prediction, Profile, ProfilesPage } from '@/types/api';

export type ProfileInput = { name: string; features: CustomerFeatures; customer_id?: string | null; notes?: string | null };

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

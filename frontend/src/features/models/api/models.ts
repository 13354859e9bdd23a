import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { ModelDetail, ModelsResponse } from '@/types/api';

export const listModels = (signal?: AbortSignal) => api.get<ModelsResponse>('/models', { signal });
export const getModel = (version: string, signal?: AbortSignal) => api.get<ModelDetail>(`/models/${encodeURIComponent(version)}`, { signal });
export const activateModel = (version: string) => api.post<unknown>(`/models/${encodeURIComponent(version)}/activate`);
export const renameSegment = (version: string, clusterId: number, input: { name?: string; description?: string }) =>
  api.put<unknown>(`/models/${encodeURIComponent(version)}/clusters/${clusterId}`, input);

export const modelsKey = ['models'] as const;

export function useModels() {
  return useQuery({ queryKey: [...modelsKey, 'list'], queryFn: ({ signal }) => listModels(signal) });
}

export function useModel(version: string | null) {
  return useQuery({
    queryKey: [...modelsKey, 'detail', version],
    queryFn: ({ signal }) => getModel(version!, signal),
    enabled: Boolean(version),
  });
}

import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { normalizeCluster } from '@/lib/segments';
import type { ModelDetail, ModelsResponse, Movement } from '@/types/api';

export { normalizeCluster };

export const listModels = (signal?: AbortSignal) => api.get<ModelsResponse>('/models', { signal });
export const getModel = (version: string, signal?: AbortSignal) => api.get<ModelDetail>(`/models/${encodeURIComponent(version)}`, { signal });
export const activateModel = (version: string) => api.post<unknown>(`/models/${encodeURIComponent(version)}/activate`);
export const renameSegment = (version: string, clusterId: number, input: { name?: string; description?: string }) =>
  api.put<unknown>(`/models/${encodeURIComponent(version)}/clusters/${clusterId}`, input);

export const modelsKey = ['models'] as const;

/** What the models page reads of `GET /models/{version}` beyond the shared type. */
export type ModelDetailOf = ModelDetail & { dataset_id?: string | null; kind?: 'customers' | 'transactions' };

export function useModels() {
  return useQuery({ queryKey: [...modelsKey, 'list'], queryFn: ({ signal }) => listModels(signal) });
}

/** The movement matrix of a model detail, when the API sent one. */
export function movementOf(detail: ModelDetail | undefined): Movement | null {
  const m = detail?.movement as Movement | null | undefined;
  return m && Array.isArray(m.matrix) && Array.isArray(m.names) && Array.isArray(m.previous_names) ? m : null;
}

export function useModel(version: string | null) {
  return useQuery({
    queryKey: [...modelsKey, 'detail', version],
    queryFn: async ({ signal }) => {
      const d = await getModel(version!, signal);
      const clusters = Array.isArray(d.clusters) ? (d.clusters as unknown as Record<string, unknown>[]).map(normalizeCluster) : undefined;
      return { ...d, clusters } as ModelDetailOf;
    },
    enabled: Boolean(version),
  });
}

/** Finds how segments moved since the previous model, whatever the detail names it. */
export function segmentMoves(detail: ModelDetail | undefined): Record<string, unknown>[] | null {
  if (!detail) return null;
  for (const key of ['moved', 'moves', 'segment_moves', 'segment_movement', 'segments_moved', 'changes', 'matching', 'drift_from_previous']) {
    const v = detail[key];
    if (Array.isArray(v)) return v.filter((x) => x && typeof x === 'object') as Record<string, unknown>[];
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      const inner = o.segments ?? o.clusters ?? o.moves;
      if (Array.isArray(inner)) return inner as Record<string, unknown>[];
      return Object.entries(o).map(([k, val]) => (val && typeof val === 'object' ? { segment: k, ...(val as object) } : { segment: k, value: val }));
    }
  }
  return null;
}

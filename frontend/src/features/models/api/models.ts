import { useQuery } from '@tanstack/react-query';
import { api, upload } from '@/lib/api-client';
import type { ClusterInfo, DatasetUpload, ModelDetail, ModelsResponse, Movement, TrainJob } from '@/types/api';

export type TrainInput = {
  k?: number;
  k_min?: number;
  k_max?: number;
  features?: string[];
  dataset_id?: string;
  activate?: boolean;
};

export type DatasetSummary = { dataset_id: string; rows?: number; rejected_rows?: number; created_at?: string; name?: string; [k: string]: unknown };

export const uploadDataset = (file: Blob, onProgress?: (f: number) => void) =>
  upload<DatasetUpload>('/datasets', { body: file, contentType: 'text/csv', onProgress });

export async function listDatasets(signal?: AbortSignal): Promise<DatasetSummary[]> {
  const raw = await api.get<unknown>('/datasets', { signal });
  const list = Array.isArray(raw) ? raw : raw && typeof raw === 'object' ? ((raw as Record<string, unknown>).datasets ?? (raw as Record<string, unknown>).items) : [];
  return Array.isArray(list) ? (list.filter((d) => d && typeof d === 'object' && 'dataset_id' in d) as DatasetSummary[]) : [];
}

export const startTraining = (input: TrainInput) => api.post<TrainJob>('/train', input);
export const getJob = (id: string, signal?: AbortSignal) => api.get<TrainJob>(`/train/${encodeURIComponent(id)}`, { signal });
export const listModels = (signal?: AbortSignal) => api.get<ModelsResponse>('/models', { signal });
export const getModel = (version: string, signal?: AbortSignal) => api.get<ModelDetail>(`/models/${encodeURIComponent(version)}`, { signal });
export const activateModel = (version: string) => api.post<unknown>(`/models/${encodeURIComponent(version)}/activate`);
export const renameSegment = (version: string, clusterId: number, input: { name?: string; description?: string }) =>
  api.put<unknown>(`/models/${encodeURIComponent(version)}/clusters/${clusterId}`, input);

export const modelsKey = ['models'] as const;

export function useModels() {
  return useQuery({ queryKey: [...modelsKey, 'list'], queryFn: ({ signal }) => listModels(signal) });
}

/** A model's segments as `GET /clusters` gives them, whichever field names the detail used. */
export function normalizeCluster(raw: Record<string, unknown>, index: number): ClusterInfo {
  const centre = (raw.mean ?? raw.means ?? raw.centroid ?? {}) as Record<string, unknown>;
  const pick = (avgKey: string, feature: string): number => {
    const v = raw[avgKey] ?? (centre && !Array.isArray(centre) ? centre[feature] : undefined);
    return typeof v === 'number' ? v : NaN;
  };
  return {
    cluster_id: typeof raw.cluster_id === 'number' ? raw.cluster_id : typeof raw.id === 'number' ? raw.id : index,
    cluster_name: String(raw.cluster_name ?? raw.name ?? `Segment ${index}`),
    description: String(raw.description ?? ''),
    size: Number(raw.size ?? 0),
    share: Number(raw.share ?? 0),
    avg_age: pick('avg_age', 'age'),
    avg_income: pick('avg_income', 'annual_income'),
    avg_spending_score: pick('avg_spending_score', 'spending_score'),
    avg_purchase_frequency: pick('avg_purchase_frequency', 'purchase_frequency'),
    centroid: (raw.centroid ?? []) as ClusterInfo['centroid'],
    ...segmentProfile(raw),
  };
}

/** The profile fields a model detail adds to a segment (colour, standout features, ...). */
function segmentProfile(raw: Record<string, unknown>): Partial<ClusterInfo> {
  const profile: Partial<ClusterInfo> = {};
  if (typeof raw.color === 'string') profile.color = raw.color;
  if (typeof raw.defined_by === 'string') profile.defined_by = raw.defined_by;
  if (typeof raw.stability === 'number') profile.stability = raw.stability;
  if (typeof raw.silhouette === 'number') profile.silhouette = raw.silhouette;
  if (Array.isArray(raw.standout)) profile.standout = raw.standout as ClusterInfo['standout'];
  if (raw.z_profile && typeof raw.z_profile === 'object') profile.z_profile = raw.z_profile as Record<string, number>;
  return profile;
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
      return { ...d, clusters };
    },
    enabled: Boolean(version),
  });
}

export function useDatasets() {
  return useQuery({ queryKey: ['datasets'], queryFn: ({ signal }) => listDatasets(signal) });
}

export const isFinal = (s: TrainJob['status'] | undefined) => s === 'succeeded' || s === 'failed';

export function useJob(id: string | null) {
  return useQuery({
    queryKey: ['train', id],
    queryFn: ({ signal }) => getJob(id!, signal),
    enabled: Boolean(id),
    refetchInterval: (q) => (isFinal(q.state.data?.status) ? false : 1000),
    staleTime: 0,
  });
}

/** `progress` may be a fraction or a percentage; returns 0-100. */
export function progressPercent(p: number | null | undefined): number {
  if (p === null || p === undefined || !Number.isFinite(p)) return 0;
  return Math.max(0, Math.min(100, p <= 1 ? p * 100 : p));
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

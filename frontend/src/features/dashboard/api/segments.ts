import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { segmentColors, type SegmentColors } from '@/lib/segment-colors';
import type { ClustersResponse, CustomerFeatures, ElbowResponse, Prediction } from '@/types/api';

export const predict = (features: CustomerFeatures) => api.post<Prediction>('/predict', features);

export const getClusters = (signal?: AbortSignal) => api.get<ClustersResponse>('/clusters', { signal });
export const getElbow = (signal?: AbortSignal) => api.get<ElbowResponse>('/elbow', { signal });
export const getProjection = (signal?: AbortSignal) => api.get<unknown>('/clusters/projection', { signal });

export const clustersKey = ['segments', 'clusters'] as const;

export function useClusters() {
  return useQuery({ queryKey: clustersKey, queryFn: ({ signal }) => getClusters(signal) });
}

/** The active model's segment colours (palette order until /clusters has answered). */
export function useSegmentColors(): SegmentColors {
  const clusters = useClusters();
  return segmentColors(clusters.data?.clusters);
}

export function useElbow() {
  return useQuery({ queryKey: ['segments', 'elbow'], queryFn: ({ signal }) => getElbow(signal) });
}

export type ProjPoint = { x: number; y: number; cluster: number };
export type Projection = { points: ProjPoint[]; centroids: ProjPoint[]; modelVersion: string | null; axisLabels?: string[] | null; method?: string | null };

function toPoint(item: unknown, index: number): ProjPoint | null {
  if (Array.isArray(item)) {
    const [x, y, c] = item as unknown[];
    if (typeof x === 'number' && typeof y === 'number') return { x, y, cluster: typeof c === 'number' ? c : index };
    return null;
  }
  if (item && typeof item === 'object') {
    const o = item as Record<string, unknown>;
    const x = o.x ?? o.pc1;
    const y = o.y ?? o.pc2;
    const c = o.cluster ?? o.cluster_id ?? o.label;
    if (typeof x === 'number' && typeof y === 'number') return { x, y, cluster: typeof c === 'number' ? c : index };
  }
  return null;
}

function toPoints(raw: unknown, indexIsCluster: boolean): ProjPoint[] {
  if (Array.isArray(raw)) {
    return raw.map((p, i) => toPoint(p, indexIsCluster ? i : -1)).filter((p): p is ProjPoint => p !== null);
  }
  // Column form: {x: [...], y: [...], cluster(s): [...]}
  if (raw && typeof raw === 'object') {
    const o = raw as Record<string, unknown>;
    const xs = o.x;
    const ys = o.y;
    const cs = (o.clusters ?? o.cluster ?? o.labels) as unknown;
    if (Array.isArray(xs) && Array.isArray(ys)) {
      return xs
        .map((x, i) => ({ x: Number(x), y: Number(ys[i]), cluster: Array.isArray(cs) ? Number(cs[i]) : indexIsCluster ? i : -1 }))
        .filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
    }
  }
  return [];
}

/** Reads `GET /clusters/projection` (points of a training sample and centroids in one plane). */
export function normalizeProjection(raw: unknown): Projection {
  const o = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const points = toPoints(o.points ?? o.sample ?? o.data, false);
  const centroids = toPoints(o.centroids ?? o.centers, true);
  const axisLabels = Array.isArray(o.axis_labels) ? o.axis_labels.map(String) : null;
  return { points, centroids, modelVersion: typeof o.model_version === 'string' ? o.model_version : null, axisLabels, method: typeof o.method === 'string' ? o.method : null };
}

export function useProjection() {
  return useQuery({
    queryKey: ['segments', 'projection'],
    queryFn: async ({ signal }) => normalizeProjection(await getProjection(signal)),
    staleTime: 5 * 60_000,
  });
}

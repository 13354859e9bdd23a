import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { CustomerFeatures, Prediction } from '@/types/api';

// The active model's segments live in lib/ (many features draw them); re-exported for the dashboard.
export { clustersKey, getClusters, getElbow, normalizeCluster, useClusters, useElbow, useSegmentColors } from '@/lib/segments';

/** `POST /predict`: the schema's features, plus the customer's id when given. */
export const predict = ({ features, customerId }: { features: CustomerFeatures; customerId?: string | null }) =>
  api.post<Prediction>('/predict', customerId ? { ...features, customer_id: customerId } : features);

export const getProjection = (signal?: AbortSignal) => api.get<unknown>('/clusters/projection', { signal });

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
  return {
    points,
    centroids,
    modelVersion: typeof o.model_version === 'string' ? o.model_version : null,
    axisLabels,
    method: typeof o.method === 'string' ? o.method : null,
  };
}

export function useProjection() {
  return useQuery({
    queryKey: ['segments', 'projection'],
    queryFn: async ({ signal }) => normalizeProjection(await getProjection(signal)),
    staleTime: 5 * 60_000,
  });
}

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { segmentColors, type SegmentColors } from '@/lib/segment-colors';
import { syncModelVersion } from '@/lib/schema';
import type { ClusterInfo, ClustersResponse, CustomerFeatures, ElbowResponse, Prediction } from '@/types/api';

/** `POST /predict`: the schema's features, plus the customer's id when given. */
export const predict = ({ features, customerId }: { features: CustomerFeatures; customerId?: string | null }) =>
  api.post<Prediction>('/predict', customerId ? { ...features, customer_id: customerId } : features);

/** The bundled schema's older flat averages, read when a segment has no `averages` object. */
const FLAT_AVERAGES: Record<string, string> = {
  avg_age: 'age',
  avg_income: 'annual_income',
  avg_spending_score: 'spending_score',
  avg_purchase_frequency: 'purchase_frequency',
};

/** A segment as `GET /clusters` gives it (`averages` per feature), whichever field names the source used. */
export function normalizeCluster(raw: Record<string, unknown>, index: number): ClusterInfo {
  const numbers = (o: unknown): Record<string, number> =>
    o && typeof o === 'object' && !Array.isArray(o) ? Object.fromEntries(Object.entries(o as Record<string, unknown>).filter((e): e is [string, number] => typeof e[1] === 'number')) : {};
  const averages = numbers(raw.averages ?? raw.mean ?? raw.means);
  for (const [flat, feature] of Object.entries(FLAT_AVERAGES)) {
    if (!(feature in averages) && typeof raw[flat] === 'number') averages[feature] = raw[flat] as number;
  }
  // Only a source with no averages at all: a centroid keyed by feature.
  if (!Object.keys(averages).length) Object.assign(averages, numbers(raw.centroid));
  const shares = raw.category_shares;
  return {
    ...segmentProfile(raw),
    cluster_id: typeof raw.cluster_id === 'number' ? raw.cluster_id : typeof raw.id === 'number' ? raw.id : index,
    cluster_name: String(raw.cluster_name ?? raw.name ?? `Segment ${index}`),
    description: String(raw.description ?? ''),
    size: Number(raw.size ?? 0),
    share: Number(raw.share ?? 0),
    color: typeof raw.color === 'string' ? raw.color : null,
    averages,
    category_shares: shares && typeof shares === 'object' ? (shares as ClusterInfo['category_shares']) : null,
    centroid: (raw.centroid ?? []) as ClusterInfo['centroid'],
  };
}

/** The profile fields a model detail adds to a segment (standout features, stability, ...). */
function segmentProfile(raw: Record<string, unknown>): Partial<ClusterInfo> {
  const profile: Partial<ClusterInfo> = {};
  if (typeof raw.defined_by === 'string') profile.defined_by = raw.defined_by;
  if (typeof raw.stability === 'number') profile.stability = raw.stability;
  if (typeof raw.silhouette === 'number') profile.silhouette = raw.silhouette;
  if (Array.isArray(raw.standout)) profile.standout = raw.standout as ClusterInfo['standout'];
  if (raw.z_profile && typeof raw.z_profile === 'object') profile.z_profile = raw.z_profile as Record<string, number>;
  return profile;
}

export async function getClusters(signal?: AbortSignal): Promise<ClustersResponse> {
  const raw = await api.get<ClustersResponse>('/clusters', { signal });
  return { ...raw, clusters: (raw.clusters as unknown as Record<string, unknown>[]).map(normalizeCluster) };
}
export const getElbow = (signal?: AbortSignal) => api.get<ElbowResponse>('/elbow', { signal });
export const getProjection = (signal?: AbortSignal) => api.get<unknown>('/clusters/projection', { signal });

export const clustersKey = ['segments', 'clusters'] as const;

export function useClusters() {
  const qc = useQueryClient();
  return useQuery({
    queryKey: clustersKey,
    queryFn: async ({ signal }) => {
      const data = await getClusters(signal);
      syncModelVersion(qc, data.model_version);
      return data;
    },
  });
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

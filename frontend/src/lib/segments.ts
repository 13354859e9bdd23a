import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { syncModelVersion } from '@/lib/schema';
import { segmentColors, type SegmentColors } from '@/lib/segment-colors';
import type { ClusterInfo, ClustersResponse, ElbowResponse } from '@/types/api';

/*
 * The active model's segments (GET /clusters, GET /elbow) as every page reads them: the
 * dashboard's charts, the result card, history, batch, the models page and the admin's
 * statistics all draw segments by these names and colours.
 */

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
    o && typeof o === 'object' && !Array.isArray(o)
      ? Object.fromEntries(Object.entries(o as Record<string, unknown>).filter((e): e is [string, number] => typeof e[1] === 'number'))
      : {};
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

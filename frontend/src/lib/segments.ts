import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { syncModelVersion } from '@/lib/schema';
import { segmentColors, type SegmentColors } from '@/lib/segment-colors';
import type { ClustersResponse, ElbowResponse } from '@/types/api';

/*
 * The active model's segments (GET /clusters, GET /elbow) as every page reads them: the
 * dashboard's charts, the result card, history, batch, the models page and the admin's
 * statistics all draw segments by these names and colours.
 */

export const getClusters = (signal?: AbortSignal) => api.get<ClustersResponse>('/clusters', { signal });
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

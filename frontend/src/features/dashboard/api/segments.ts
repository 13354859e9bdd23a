import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { CustomerFeatures, Prediction, ProjectionResponse } from '@/types/api';

// The active model's segments live in lib/ (many features draw them); re-exported for the dashboard.
export { clustersKey, getClusters, getElbow, useClusters, useElbow, useSegmentColors } from '@/lib/segments';

/** `POST /predict`: the schema's features, plus the customer's id when given. */
export const predict = ({ features, customerId }: { features: CustomerFeatures; customerId?: string | null }) =>
  api.post<Prediction>('/predict', customerId ? { ...features, customer_id: customerId } : features);

export const getProjection = (signal?: AbortSignal) => api.get<ProjectionResponse>('/clusters/projection', { signal });

export type ProjPoint = ProjectionResponse['points'][number];
export type Projection = { points: ProjPoint[]; centroids: ProjPoint[]; modelVersion: string | null; axisLabels?: string[] | null; method?: string | null };

/** Reads `GET /clusters/projection` (points of a training sample and centroids in one plane). */
export function normalizeProjection(p: ProjectionResponse): Projection {
  return {
    points: p.points,
    centroids: p.centroids,
    modelVersion: p.model_version,
    axisLabels: p.axis_labels ?? null,
    method: p.method ?? null,
  };
}

export function useProjection() {
  return useQuery({
    queryKey: ['segments', 'projection'],
    queryFn: async ({ signal }) => normalizeProjection(await getProjection(signal)),
    staleTime: 5 * 60_000,
  });
}

import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { isFinal } from '@/lib/training';
import type { ScoringJob } from '@/types/api';

export const startScoringJob = (datasetId: string) => api.post<ScoringJob>('/scoring-jobs', { dataset_id: datasetId });
export const getScoringJob = (id: string, signal?: AbortSignal) => api.get<ScoringJob>(`/scoring-jobs/${encodeURIComponent(id)}`, { signal });

/** A scoring job, polled every second until it succeeds or fails. */
export function useScoringJob(id: string | null) {
  return useQuery({
    queryKey: ['scoring-jobs', id],
    queryFn: ({ signal }) => getScoringJob(id!, signal),
    enabled: Boolean(id),
    staleTime: 0,
    refetchInterval: (q) => (isFinal(q.state.data?.status) ? false : 1000),
  });
}

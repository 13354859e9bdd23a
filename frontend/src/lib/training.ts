import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { TrainJob } from '@/types/api';

/** A chosen feature for `POST /train`. */
export type TrainFeature = { name: string; type?: 'numeric' | 'categorical'; transform?: 'none' | 'log'; label?: string; unit?: string };

/** The roles of a transactions file's columns (segcore.rfm): `amount`, or `quantity` and `unit_price`. */
export type OrderRole = 'customer' | 'date' | 'amount' | 'quantity' | 'unit_price' | 'order';
export type DateOrder = 'day-first' | 'month-first';

export type TrainInput = {
  k?: number;
  k_min?: number;
  k_max?: number;
  /** Omitted: the dataset profile's suggestions. */
  features?: (string | TrainFeature)[];
  id_column?: string;
  dataset_id?: string;
  activate?: boolean;
  /** Same dataset, options and seed: the same model. */
  seed?: number;
  /** Transactions datasets: the column of each role, and how slashed dates read (omitted: detected). */
  columns?: Partial<Record<OrderRole, string>>;
  date_order?: DateOrder;
};

export const startTraining = (input: TrainInput) => api.post<TrainJob>('/train', input);
export const getJob = (id: string, signal?: AbortSignal) => api.get<TrainJob>(`/train/${encodeURIComponent(id)}`, { signal });

/** A background job (training or scoring) has ended. */
export const isFinal = (s: TrainJob['status'] | undefined) => s === 'succeeded' || s === 'failed';

/** A training job, polled every second until it ends. */
export function useJob(id: string | null) {
  return useQuery({
    queryKey: ['train', id],
    queryFn: ({ signal }) => getJob(id!, signal),
    enabled: Boolean(id),
    refetchInterval: (q) => (isFinal(q.state.data?.status) ? false : 1000),
    staleTime: 0,
  });
}

/** The trainer's stages (segtrainer's jobs and pipeline) in words. */
const STAGES: Record<string, string> = {
  queued: 'waiting to start',
  loading: 'reading the data',
  validating: 'checking the data',
  scaling: 'scaling the features',
  selecting_k: 'choosing the number of segments',
  fitting: 'fitting the segments',
  naming: 'naming the segments',
  exporting: 'saving the model',
  activating: 'putting the model live',
};

/** A training stage as words: "selecting_k" -> "choosing the number of segments". */
export function stageText(stage: string | null | undefined): string {
  if (!stage) return '—';
  return STAGES[stage] ?? stage.replace(/[_-]+/g, ' ');
}

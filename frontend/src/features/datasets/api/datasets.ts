import { useQuery } from '@tanstack/react-query';
import { api, uploadToStorage } from '@/lib/api-client';
import type { Dataset, DatasetKind, DatasetsPage, UploadStart } from '@/types/api';

/** The contract's limit for a presigned upload. */
export const MAX_UPLOAD_BYTES = 5 * 1024 ** 3;

export const datasetsKey = ['datasets'] as const;

export const startUpload = (input: { filename: string; size_bytes: number; kind: DatasetKind }) => api.post<UploadStart>('/datasets/uploads', input);
export const completeUpload = (id: string) => api.post<Dataset | null>(`/datasets/${encodeURIComponent(id)}/complete`, {});
export const getDataset = (id: string, signal?: AbortSignal) => api.get<Dataset>(`/datasets/${encodeURIComponent(id)}`, { signal });
export const listDatasets = (signal?: AbortSignal) => api.get<DatasetsPage>('/datasets', { signal });

export type UploadPhase = 'starting' | 'uploading' | 'completing';

/**
 * The whole upload: ask the API for a presigned upload, send the file straight to storage
 * (progress from the browser's upload events), then tell the API it is complete. The API never
 * holds the file. Returns the dataset id; profiling then runs in the background.
 */
export async function uploadDataset(
  file: File,
  kind: DatasetKind,
  on: { phase?: (p: UploadPhase) => void; progress?: (fraction: number) => void; signal?: AbortSignal } = {},
): Promise<string> {
  on.phase?.('starting');
  const started = await startUpload({ filename: file.name, size_bytes: file.size, kind });
  on.phase?.('uploading');
  await uploadToStorage(started.upload, file, { onProgress: on.progress, signal: on.signal });
  on.phase?.('completing');
  await completeUpload(started.dataset_id);
  return started.dataset_id;
}

export const isSettled = (d: Dataset | undefined) => d?.status === 'ready' || d?.status === 'failed';

export function useDatasets() {
  return useQuery({
    queryKey: [...datasetsKey, 'list'],
    // No abort signal: a refetch started as its page unmounts (right after an upload) finishes and
    // fills the cache, so the next page (Models) names a new dataset by file name at once; an
    // aborted one would be reverted to the list from before the upload.
    queryFn: async () => (await listDatasets()).datasets ?? [],
    // While one is still profiling, keep the list's states current.
    refetchInterval: (q) => (q.state.data?.some((d) => !isSettled(d)) ? 2000 : false),
  });
}

/** One dataset, polled every second while it uploads or is profiled. */
export function useDataset(id: string | null) {
  return useQuery({
    queryKey: [...datasetsKey, 'detail', id],
    queryFn: ({ signal }) => getDataset(id!, signal),
    enabled: Boolean(id),
    staleTime: 0,
    refetchInterval: (q) => (q.state.data && !isSettled(q.state.data) ? 1000 : false),
  });
}

import { api } from '@/lib/api-client';
import { segmentCustomersCsv } from '@/lib/segment-csv';
import { isFinal } from '@/lib/training';
import type { ScoringJob } from '@/types/api';

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      reject(new DOMException('Aborted', 'AbortError'));
    });
  });

/**
 * Every training customer of a model with its segment, as the scored CSV: the model's own
 * dataset scored by a background job with that version (`POST /scoring-jobs` with
 * `model_version`; for an orders file one row per customer with the computed RFM features).
 */
export async function scoredTrainingCustomers(
  datasetId: string,
  version: string,
  opts: { signal?: AbortSignal; pollMs?: number; onProgress?: (fraction: number) => void } = {},
): Promise<string> {
  let job = await api.post<ScoringJob>('/scoring-jobs', { dataset_id: datasetId, model_version: version });
  while (!isFinal(job.status)) {
    await sleep(opts.pollMs ?? 1000, opts.signal);
    job = await api.get<ScoringJob>(`/scoring-jobs/${encodeURIComponent(job.job_id)}`, { signal: opts.signal });
    opts.onProgress?.(job.progress ?? 0);
  }
  if (job.status === 'failed' || !job.download_url) {
    throw new Error(`Scoring the customers failed: ${job.error ?? 'no reason given'}.`);
  }
  const reply = await fetch(job.download_url, { signal: opts.signal });
  if (!reply.ok) throw new Error(`The scored customers could not be downloaded (${reply.status}).`);
  return reply.text();
}

/** The customers of one segment (header + their rows) from the scored CSV. */
export const segmentFile = (scoredCsv: string, segment: string) => new Blob([segmentCustomersCsv(scoredCsv, segment)], { type: 'text/csv' });

export const segmentFilename = (version: string, segment: string) =>
  `${version}-${segment
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase()}.csv`;

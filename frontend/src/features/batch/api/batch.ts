import { ApiError, api, upload } from '@/lib/api-client';
import type { BatchResponse } from '@/types/api';

export const MAX_CSV_BYTES = 5 * 1024 * 1024;

export const scoreCsv = (file: Blob, onProgress?: (f: number) => void) =>
  upload<BatchResponse>('/predict/batch', { body: file, contentType: 'text/csv', onProgress });

/**
 * A scored batch's stored results as CSV (`GET /history/{batch_id}` with `Accept: text/csv`,
 * columns row, cluster, cluster_name, confidence, errors). Nothing is scored or recorded again.
 */
export async function batchResultsCsv(batchId: string): Promise<Blob> {
  const blob = await api.get<Blob>(`/history/${encodeURIComponent(batchId)}`, { accept: 'text/csv', responseType: 'blob' });
  if (!/^text\/csv\b/i.test(blob.type)) {
    throw new ApiError({ status: 200, code: 'bad_response', message: 'The API did not send the results as CSV.' });
  }
  return blob;
}

export const SAMPLE_CSV =
  'sex,age,annual_income,spending_score,purchase_frequency\n' +
  'Female,23,28,85,40\nMale,45,120,20,6\nFemale,35,75,55,24\nMale,61,40,30,10\n';

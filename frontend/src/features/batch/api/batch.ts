import { getCsv, upload } from '@/lib/api-client';
import type { BatchResponse, ModelSchema } from '@/types/api';

export const MAX_CSV_BYTES = 5 * 1024 * 1024;

export const scoreCsv = (file: Blob, onProgress?: (f: number) => void) =>
  upload<BatchResponse>('/predict/batch', { body: file, contentType: 'text/csv', onProgress });

/**
 * A scored batch's stored results as CSV (`GET /history/{batch_id}` with `Accept: text/csv`,
 * columns row, cluster, cluster_name, confidence, errors). Nothing is scored or recorded again.
 */
export const batchResultsCsv = (batchId: string) => getCsv(`/history/${encodeURIComponent(batchId)}`);

/** A CSV cell, quoted when it holds a delimiter, a quote or a line break. */
function cell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** The columns a batch file has for this schema: the id column, then every feature by name. */
export const templateColumns = (schema: ModelSchema) => [schema.id_column || 'customer_id', ...schema.features.map((f) => f.name)];

/** The template for the active schema: its header row. */
export const templateCsv = (schema: ModelSchema) => `${templateColumns(schema).map(cell).join(',')}\n`;

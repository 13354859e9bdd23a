import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, getCsv, type Query } from '@/lib/api-client';
import type { HistoryEntry, HistoryPage, ShownPrediction } from '@/types/api';

/** A single entry that kept its explanation, in the shape of a prediction (for the result card). */
export function entryPrediction(e: HistoryEntry): ShownPrediction | null {
  if (e.kind !== 'single' || !e.explanation || !e.probabilities || e.cluster === null || e.cluster_name === null || e.confidence === null) return null;
  return {
    prediction_id: e.id,
    cluster: e.cluster,
    cluster_name: e.cluster_name,
    confidence: e.confidence,
    probabilities: e.probabilities,
    explanation: e.explanation,
    customer_data: e.customer_data ?? {},
    customer_id: e.customer_id ?? null,
    model_version: e.model_version,
    created_at: e.created_at,
    typicality: e.typicality ?? null,
    atypical: e.atypical ?? undefined,
  };
}

export type HistoryFilters = {
  from?: string; // yyyy-mm-dd (local form value)
  to?: string;
  cluster?: string;
  min_confidence?: string; // percent 0-100 (form value)
  max_confidence?: string;
};

/** Turns the form's filters into the API's query parameters. */
export function filtersToQuery(f: HistoryFilters): Query {
  const pctToUnit = (v?: string) => (v === undefined || v === '' ? undefined : Math.min(1, Math.max(0, Number(v) / 100)));
  return {
    from: f.from ? `${f.from}T00:00:00Z` : undefined,
    to: f.to ? `${f.to}T23:59:59Z` : undefined,
    cluster: f.cluster || undefined,
    min_confidence: pctToUnit(f.min_confidence),
    max_confidence: pctToUnit(f.max_confidence),
  };
}

export const getHistory = (query: Query, signal?: AbortSignal) => api.get<HistoryPage>('/history', { query, signal });
export const getHistoryEntry = (id: string, signal?: AbortSignal) => api.get<HistoryEntry>(`/history/${encodeURIComponent(id)}`, { signal });
/** An entry's stored results as CSV (a batch's rows; a single prediction as one row). */
export const entryResultsCsv = (id: string) => getCsv(`/history/${encodeURIComponent(id)}`);
export const exportHistory = (query: Query) => api.get<Blob>('/history/export', { query, accept: 'text/csv', responseType: 'blob' });

export function useHistory(filters: HistoryFilters, cursor: string | null, limit = 20) {
  const query = { ...filtersToQuery(filters), limit, cursor: cursor ?? undefined };
  return useQuery({
    queryKey: ['history', 'list', query],
    queryFn: ({ signal }) => getHistory(query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useRecentHistory(limit = 10) {
  return useQuery({ queryKey: ['history', 'recent', limit], queryFn: ({ signal }) => getHistory({ limit }, signal) });
}

export function useHistoryEntry(id: string) {
  return useQuery({ queryKey: ['history', 'entry', id], queryFn: ({ signal }) => getHistoryEntry(id, signal) });
}

import { useMutation } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { Button } from '@/components/ui/button';
import { Badge, Card, PageHeader, Stat } from '@/components/ui/card';
import { EmptyState, ErrorState, InlineError, LoadingState } from '@/components/ui/states';
import { ObjectTable, ValueView } from '@/components/ui/table';
import { saveBlob } from '@/lib/api-client';
import { RequireAuth } from '@/lib/auth';
import { dateTime, pct } from '@/lib/format';
import { batchResultsCsv } from '@/features/batch/api/batch';
import { useClusters } from '@/features/dashboard/api/segments';
import { exportHistory, filtersToQuery, useHistory, useHistoryEntry, type HistoryFilters } from '@/features/history/api/history';
import { HistoryFiltersForm } from '@/features/history/components/history-filters';
import { HistoryTable } from '@/features/history/components/history-table';
import { labelOf, useSchema } from '@/lib/schema';

const FILTER_KEYS: (keyof HistoryFilters)[] = ['from', 'to', 'cluster', 'min_confidence', 'max_confidence'];

export function History() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => {
    const f: HistoryFilters = {};
    for (const k of FILTER_KEYS) {
      const v = params.get(k);
      if (v) f[k] = v;
    }
    return f;
  }, [params]);
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1] ?? null;
  const clusters = useClusters();
  const history = useHistory(filters, cursor);
  const exporter = useMutation({
    mutationFn: () => exportHistory(filtersToQuery(filters)),
    onSuccess: (blob) => saveBlob(blob, `history-${new Date().toISOString().slice(0, 10)}.csv`),
  });

  const apply = (f: HistoryFilters) => {
    const next = new URLSearchParams();
    for (const k of FILTER_KEYS) if (f[k]) next.set(k, f[k]!);
    setParams(next, { replace: true });
    setCursors([null]);
  };

  const entries = history.data?.history ?? [];
  const filtered = Object.keys(filters).length > 0;

  return (
    <div className="space-y-5">
      <PageHeader
        title="History"
        description="Every prediction you made, newest first."
        actions={
          <Button variant="secondary" onClick={() => exporter.mutate()} loading={exporter.isPending}>
            Export CSV
          </Button>
        }
      />
      <InlineError error={exporter.error} />
      <Card title="Filters">
        <HistoryFiltersForm key={params.toString()} value={filters} clusters={clusters.data?.clusters ?? []} onApply={apply} />
      </Card>
      <section aria-labelledby="results-heading" className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="results-heading" className="text-base font-semibold">
            Results{' '}
            {history.data && (
              <span className="font-normal text-slate-700" data-testid="history-total">
                ({history.data.total.toLocaleString()} {filtered ? 'matching' : 'in total'})
              </span>
            )}
          </h2>
          {history.isFetching && !history.isLoading && <span className="text-xs text-slate-600">Updating…</span>}
        </div>
        {history.isLoading ? (
          <LoadingState label="Loading history" />
        ) : history.error ? (
          <ErrorState error={history.error} onRetry={() => void history.refetch()} />
        ) : entries.length === 0 ? (
          <EmptyState title={filtered ? 'No predictions match these filters' : 'No predictions yet'}>
            {filtered ? 'Try wider dates or another segment.' : <Link className="underline" to="/dashboard">Make your first prediction.</Link>}
          </EmptyState>
        ) : (
          <HistoryTable entries={entries} caption="Prediction history" />
        )}
        <nav aria-label="History pages" className="flex items-center justify-between gap-2">
          <Button variant="secondary" disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
            Previous page
          </Button>
          <span className="text-sm text-slate-700">Page {cursors.length}</span>
          <Button variant="secondary" disabled={!history.data?.next_cursor} onClick={() => setCursors((c) => [...c, history.data?.next_cursor ?? null])}>
            Next page
          </Button>
        </nav>
      </section>
    </div>
  );
}

export function HistoryRoute() {
  return (
    <RequireAuth>
      <History />
    </RequireAuth>
  );
}

const KNOWN = new Set(['id', 'kind', 'customer_data', 'cluster', 'cluster_name', 'confidence', 'model_version', 'profile_id', 'created_at', 'results', 'summary']);

function HistoryDetail() {
  const { id = '' } = useParams();
  const entry = useHistoryEntry(id);
  const schema = useSchema();
  const download = useMutation({
    mutationFn: (batchId: string) => batchResultsCsv(batchId),
    onSuccess: (blob, batchId) => saveBlob(blob, `batch-${batchId}-results.csv`),
  });
  if (entry.isLoading) return <LoadingState label="Loading the entry" />;
  if (entry.error) return <ErrorState error={entry.error} onRetry={() => void entry.refetch()} />;
  const e = entry.data;
  if (!e) return <EmptyState title="Not found" />;
  const results = Array.isArray(e.results) ? (e.results as Record<string, unknown>[]) : null;
  const summary = e.summary && typeof e.summary === 'object' ? (e.summary as Record<string, number>) : null;
  const extra = Object.entries(e).filter(([k]) => !KNOWN.has(k));
  return (
    <div className="space-y-5">
      <PageHeader title={e.kind === 'batch' ? 'Batch scoring' : 'Prediction'} description={dateTime(e.created_at)} actions={<Link to="/history" className="text-sm font-medium text-blue-800 underline">Back to history</Link>} />
      <dl className="grid grid-cols-1 gap-3 sm:grid-cols-4">
        <Stat label="Kind" value={<Badge tone={e.kind === 'batch' ? 'amber' : 'slate'}>{e.kind}</Badge>} />
        <Stat label="Segment" value={e.cluster_name ?? '—'} />
        <Stat label="Confidence" value={pct(e.confidence, 1)} />
        <Stat label="Model" value={e.model_version} />
      </dl>
      {e.customer_data && (
        <Card title="Customer">
          <dl className="grid grid-cols-1 gap-2 text-sm sm:grid-cols-5">
            {Object.entries(e.customer_data).map(([k, v]) => (
              <div key={k}>
                <dt className="text-xs text-slate-600">{labelOf(schema.data, k)}</dt>
                <dd className="font-medium">{v === null || v === undefined ? '—' : String(v)}</dd>
              </div>
            ))}
          </dl>
          {e.profile_id && <p className="mt-2 text-xs text-slate-700">Predicted from a saved profile.</p>}
        </Card>
      )}
      {summary && (
        <Card title="Summary">
          <ul className="text-sm">
            {Object.entries(summary).map(([k, v]) => (
              <li key={k}>
                {k}: <strong>{String(v)}</strong>
              </li>
            ))}
          </ul>
        </Card>
      )}
      {results && results.length > 0 && (
        <Card title={`Results (${results.length})`}>
          <div className="mb-3 space-y-2">
            <Button variant="secondary" size="sm" loading={download.isPending} onClick={() => download.mutate(e.id)}>
              Download results (CSV)
            </Button>
            <InlineError error={download.error} />
          </div>
          <ObjectTable caption="Batch results" rows={results.slice(0, 500)} />
          {results.length > 500 && <p className="mt-2 text-xs text-slate-600">Showing the first 500 rows.</p>}
        </Card>
      )}
      {extra.length > 0 && (
        <Card title="More">
          <dl className="space-y-1 text-sm">
            {extra.map(([k, v]) => (
              <div key={k} className="flex flex-wrap gap-2">
                <dt className="font-medium">{k.replace(/_/g, ' ')}:</dt>
                <dd>
                  {typeof v === 'string' && /^https?:\/\//.test(v) ? (
                    <a className="text-blue-800 underline" href={v} rel="noreferrer noopener">
                      Open
                    </a>
                  ) : (
                    <ValueView value={v} />
                  )}
                </dd>
              </div>
            ))}
          </dl>
        </Card>
      )}
    </div>
  );
}

export function HistoryDetailRoute() {
  return (
    <RequireAuth>
      <HistoryDetail />
    </RequireAuth>
  );
}

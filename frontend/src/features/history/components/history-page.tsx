import { useMutation } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button } from '@/components/ui/button';
import { Card, PageHeader } from '@/components/ui/card';
import { EmptyState, ErrorState, InlineError, LoadingState } from '@/components/ui/states';
import { saveBlob } from '@/lib/api-client';
import { useClusters } from '@/lib/segments';
import { exportHistory, filtersToQuery, useHistory, type HistoryFilters } from '../api/history';
import { HistoryFiltersForm } from './history-filters';
import { HistoryTable } from './history-table';

const FILTER_KEYS: (keyof HistoryFilters)[] = ['from', 'to', 'cluster', 'min_confidence', 'max_confidence'];

export function HistoryPage() {
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
            {filtered ? (
              'Try wider dates or another segment.'
            ) : (
              <Link className="underline" to="/dashboard">
                Make your first prediction.
              </Link>
            )}
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

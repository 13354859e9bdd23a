import { useMutation } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { Button } from '@/components/ui/button';
import { Badge, Card, PageHeader, Stat } from '@/components/ui/card';
import { EmptyState, ErrorState, InlineError, LoadingState, Notice } from '@/components/ui/states';
import { saveBlob } from '@/lib/api-client';
import { dateTime, pct } from '@/lib/format';
import { formatValue } from '@/lib/schema-format';
import { labelOf, useSchema } from '@/lib/schema';
import { ResultCard } from '@/components/segments/result-card';
import type { HistoryEntry } from '@/types/api';
import { entryPrediction, entryResultsCsv, useHistoryEntry } from '../api/history';

/** One history entry. A single prediction shows its result, explanation and probabilities (when the
 * entry kept them); a batch is shown by `batch` (the app passes the batch feature's results view). */
export function HistoryDetail({ batch }: { batch: (entry: HistoryEntry) => ReactNode }) {
  const { id = '' } = useParams();
  const entry = useHistoryEntry(id);
  const schema = useSchema();
  const download = useMutation({
    mutationFn: (entryId: string) => entryResultsCsv(entryId),
    onSuccess: (blob, entryId) => saveBlob(blob, `batch-${entryId}-results.csv`),
  });
  if (entry.isLoading) return <LoadingState label="Loading the entry" />;
  if (entry.error) return <ErrorState error={entry.error} onRetry={() => void entry.refetch()} />;
  const e = entry.data;
  if (!e) return <EmptyState title="Not found" />;
  const back = (
    <Link to="/history" className="text-sm font-medium text-blue-800 underline">
      Back to history
    </Link>
  );
  if (e.kind === 'batch') {
    return (
      <div className="space-y-5">
        <PageHeader title="Batch scoring" description={dateTime(e.created_at)} actions={back} />
        <div className="space-y-2">
          <Button variant="secondary" loading={download.isPending} onClick={() => download.mutate(e.id)}>
            Download results (CSV)
          </Button>
          <InlineError error={download.error} />
        </div>
        {batch(e)}
      </div>
    );
  }
  const prediction = entryPrediction(e);
  return (
    <div className="space-y-5">
      <PageHeader title="Prediction" description={dateTime(e.created_at)} actions={back} />
      {prediction ? (
        <ResultCard prediction={prediction} title="Result" />
      ) : (
        <>
          <dl className="grid grid-cols-1 gap-3 sm:grid-cols-3">
            <Stat label="Segment" value={e.cluster_name ?? '—'} />
            <Stat label="Confidence" value={pct(e.confidence, 1)} />
            <Stat label="Model" value={<span className="text-base wrap-anywhere">{e.model_version}</span>} />
          </dl>
          <Notice>This prediction was made before explanations were kept with history; predict the customer again to see why.</Notice>
        </>
      )}
      {e.customer_data && (
        <Card title="Customer">
          <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-3 lg:grid-cols-5">
            {e.customer_id && (
              <div>
                <dt className="text-xs text-slate-600">Customer id</dt>
                <dd className="font-medium wrap-anywhere">{e.customer_id}</dd>
              </div>
            )}
            {Object.entries(e.customer_data).map(([k, v]) => (
              <div key={k}>
                <dt className="text-xs text-slate-600">{labelOf(schema.data, k)}</dt>
                <dd className="font-medium wrap-anywhere">{formatValue(v)}</dd>
              </div>
            ))}
          </dl>
          {e.profile_id && (
            <p className="mt-2 text-xs text-slate-700">
              <Badge>profile</Badge> Predicted from a saved profile.
            </p>
          )}
        </Card>
      )}
    </div>
  );
}

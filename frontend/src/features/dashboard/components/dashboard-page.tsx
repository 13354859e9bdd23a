import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { TextField } from '@/components/ui/field';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Badge, Card, PageHeader } from '@/components/ui/card';
import { EmptyState, ErrorState, InlineError, LoadingState } from '@/components/ui/states';
import { isApiError } from '@/lib/api-client';
import { useClusters } from '@/lib/segments';
import { predict, useProjection } from '../api/segments';
import { CustomerForm } from '@/components/segments/customer-form';
import { ResultCard } from '@/components/segments/result-card';
import { ProjectionScatter, SegmentProfile, SegmentSizes } from '@/features/dashboard/components/segment-charts';
import { syncModelVersion, useSchema } from '@/lib/schema';
import type { Prediction } from '@/types/api';

function ModelBadge() {
  const clusters = useClusters();
  if (clusters.isLoading) return <Badge>Loading model…</Badge>;
  if (clusters.error)
    return <Badge tone="red">{isApiError(clusters.error) && clusters.error.code === 'no_active_model' ? 'No active model' : 'Model unavailable'}</Badge>;
  return (
    <Badge tone="blue">
      Active model{' '}
      <span className="ml-1 font-semibold" data-testid="active-model-version">
        {clusters.data?.model_version}
      </span>
    </Badge>
  );
}

/** The dashboard; `recent` is the recent-predictions list the app puts in (from features/history). */
export function DashboardPage({ recent }: { recent: ReactNode }) {
  const qc = useQueryClient();
  const [result, setResult] = useState<Prediction | null>(null);
  const [customerId, setCustomerId] = useState('');
  const schema = useSchema();
  const clusters = useClusters();
  const projection = useProjection();
  const mutation = useMutation({
    mutationFn: predict,
    onSuccess: (p) => {
      setResult(p);
      syncModelVersion(qc, p.model_version);
      void qc.invalidateQueries({ queryKey: ['history'] });
    },
  });
  const activeSchema = schema.data ?? null;
  // A result from another model than the one the page now shows belongs to the old schema.
  const shownResult = result && activeSchema && result.model_version === activeSchema.model_version ? result : null;
  const serverErrors = isApiError(mutation.error) ? mutation.error.fieldErrors() : undefined;
  const clusterList = clusters.data?.clusters ?? [];

  return (
    <div className="space-y-6">
      <PageHeader title="Dashboard" description="Predict a customer's segment and see why." actions={<ModelBadge />} />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-5">
        <Card title="Customer" className="lg:col-span-2">
          {schema.isLoading ? (
            <LoadingState label="Loading the model's fields" />
          ) : schema.error ? (
            <ErrorState error={schema.error} onRetry={() => void schema.refetch()} />
          ) : activeSchema ? (
            <CustomerForm
              key={activeSchema.model_version}
              schema={activeSchema}
              busy={mutation.isPending}
              serverErrors={serverErrors}
              before={
                <TextField
                  label={`Customer id (optional)`}
                  name="customer_id"
                  value={customerId}
                  onChange={(e) => setCustomerId(e.target.value)}
                  hint={activeSchema.id_column ? `Your ${activeSchema.id_column}, kept with the prediction` : 'Kept with the prediction'}
                  maxLength={128}
                />
              }
              onSubmit={(features) => mutation.mutate({ features, customerId: customerId.trim() || null })}
            />
          ) : null}
          <div className="mt-3">
            <InlineError error={mutation.error} />
          </div>
        </Card>
        <div className="lg:col-span-3">
          {shownResult ? (
            <ResultCard prediction={shownResult} />
          ) : (
            <EmptyState title="No prediction yet">Fill in the customer and choose “Predict segment”.</EmptyState>
          )}
        </div>
      </div>

      {shownResult && activeSchema && clusterList.length > 0 && (
        <Card title={`${shownResult.cluster_name} next to the population`}>
          <SegmentProfile clusters={clusterList} clusterId={shownResult.cluster} customer={shownResult.customer_data} schema={activeSchema} />
        </Card>
      )}

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Card title="Segments in two dimensions">
          {projection.isLoading || clusters.isLoading ? (
            <LoadingState label="Loading the projection" />
          ) : projection.error ? (
            <ErrorState error={projection.error} onRetry={() => void projection.refetch()} />
          ) : projection.data && projection.data.points.length + projection.data.centroids.length > 0 ? (
            <ProjectionScatter
              projection={projection.data}
              clusters={clusterList}
              customerPoint={shownResult?.projection ?? null}
              customerCluster={shownResult?.cluster ?? null}
            />
          ) : (
            <EmptyState title="No projection available" />
          )}
          {shownResult && !shownResult.projection && (
            <p className="mt-2 text-xs text-slate-600">The API did not return this customer's position in the plane.</p>
          )}
        </Card>
        <Card title="Segment sizes">
          {clusters.isLoading ? (
            <LoadingState label="Loading segments" />
          ) : clusters.error ? (
            <ErrorState error={clusters.error} onRetry={() => void clusters.refetch()} />
          ) : clusterList.length ? (
            <>
              <SegmentSizes clusters={clusterList} />
              <p className="mt-2 text-xs text-slate-700">
                {clusters.data?.total_customers.toLocaleString()} customers in {clusters.data?.n_clusters} segments.
              </p>
            </>
          ) : (
            <EmptyState title="No segments" />
          )}
        </Card>
      </div>

      <Card
        title="Recent predictions"
        actions={
          <Link to="/history" className="text-sm font-medium text-blue-800 underline">
            All history
          </Link>
        }
      >
        {recent}
      </Card>
    </div>
  );
}

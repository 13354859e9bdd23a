import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button } from '@/components/ui/button';
import { Badge, Card, PageHeader, Stat } from '@/components/ui/card';
import { ConfirmMutation } from '@/components/ui/dialog';
import { EmptyState, ErrorState, LoadingState, Notice } from '@/components/ui/states';
import { numeric, Table, Td, ValueView } from '@/components/ui/table';
import { hasRole, useUser } from '@/lib/auth';
import { datasetName } from '@/lib/datasets';
import { dateTime, featureLabel, num } from '@/lib/format';
import { fieldLabel, invalidateActiveModel } from '@/lib/schema';
import type { Dataset, ModelSummary } from '@/types/api';
import { activateModel, useModel, useModels } from '../api/models';
import { ElbowCharts } from './elbow-charts';
import { MovedSegments } from './moved-segments';
import { MovementMatrix } from './movement-matrix';
import { QualityCharts } from './quality-charts';
import { RfmGrid } from './rfm-grid';
import { SegmentCustomersExport } from './segment-customers-export';
import { SegmentHeatmap } from './segment-heatmap';
import { SegmentList } from './segment-rename';
import { TrainPanel } from './train-panel';

/** The datasets the page names models by (file names, never ids alone). */
export type DatasetsView = { list: Dataset[]; failed: boolean };

const nameOf = (datasets: DatasetsView, id: string | null | undefined) =>
  datasetName(
    datasets.list.find((d) => d.dataset_id === id),
    id,
  );

function ModelDetailView({ version, datasets }: { version: string; datasets: DatasetsView }) {
  const detail = useModel(version);
  if (detail.isLoading) return <LoadingState label="Loading the model" />;
  if (detail.error) return <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />;
  const d = detail.data;
  if (!d) return null;
  const { elbow, metrics, movement } = d;
  const moves = d.moved ?? [];
  const datasetId = d.dataset_id;
  const orders = d.kind === 'transactions';
  return (
    <div className="space-y-5" data-testid="model-detail">
      <dl className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Stat
          label="Version"
          value={
            <span className="block truncate text-base" title={d.version}>
              {d.version}
            </span>
          }
        />
        <Stat
          label="Trained on"
          value={
            <span className="block truncate text-base" title={nameOf(datasets, datasetId)} data-testid="model-dataset">
              {nameOf(datasets, datasetId)}
            </span>
          }
        />
        <Stat label="Segments" value={d.clusters?.length ?? '—'} />
        <Stat label="Silhouette" value={num(metrics.silhouette_score, 3)} />
        <Stat label="Inertia" value={num(metrics.inertia, 1)} />
        <Stat label="Calinski-Harabasz" value={num(metrics.calinski_harabasz, 0)} />
        <Stat label="Davies-Bouldin" value={num(metrics.davies_bouldin, 3)} />
        {metrics.stability != null && <Stat label="Stability" value={num(metrics.stability, 3)} />}
      </dl>
      {d.schema?.features?.length ? (
        <p className="text-sm text-slate-700">
          Features:{' '}
          {d.schema.features
            .map((f) => `${fieldLabel(f)}${f.type === 'categorical' ? ' (categorical)' : ''}${f.transform === 'log' ? ' (log)' : ''}`)
            .join(', ')}
          {d.schema.id_column ? ` · customer id: ${d.schema.id_column}` : ''}
        </p>
      ) : (
        d.features && <p className="text-sm text-slate-700">Features: {d.features.map(featureLabel).join(', ')}</p>
      )}
      <div>
        <h3 className="mb-2 text-sm font-semibold">Choosing K</h3>
        {elbow ? <ElbowCharts elbow={elbow} /> : <p className="text-sm text-slate-700">No elbow data for this model.</p>}
        {d.k_selection?.stable === false && (
          <Notice tone="warning">
            No K gave segments that reproduce on resampled data: treat these segments as one possible split, not as groups the data clearly has.
          </Notice>
        )}
        {elbow && (
          <div className="mt-4">
            <QualityCharts elbow={elbow} />
          </div>
        )}
      </div>
      <div>
        <h3 className="mb-2 text-sm font-semibold">What defines each segment</h3>
        {d.clusters?.length ? <SegmentHeatmap clusters={d.clusters} /> : null}
      </div>
      {d.clusters?.length ? <RfmGrid clusters={d.clusters} /> : null}
      {orders && datasetId && d.clusters?.length ? (
        <div>
          <h3 className="mb-2 text-sm font-semibold">Customers of a segment</h3>
          <SegmentCustomersExport version={d.version} datasetId={datasetId} clusters={d.clusters} />
        </div>
      ) : null}
      <div>
        <h3 className="mb-2 text-sm font-semibold">Segments</h3>
        {d.clusters?.length ? (
          <SegmentList version={version} clusters={d.clusters} schema={d.schema ?? null} />
        ) : (
          <EmptyState title="No segments in this model" />
        )}
      </div>
      <div>
        <h3 className="mb-2 text-sm font-semibold">How segments moved since the previous model</h3>
        {movement ? (
          <MovementMatrix movement={movement} />
        ) : moves.length ? (
          <MovedSegments moved={moves} />
        ) : (
          <p className="text-sm text-slate-700">Nothing to compare: this is the first model, or the API reported no movement.</p>
        )}
      </div>
    </div>
  );
}

/** The model versions; at 1280 px every column fits the card (long cells wrap between words). */
function VersionsTable({
  models,
  selected,
  onSelect,
  canActivate,
  onActivate,
  datasets,
}: {
  models: ModelSummary[];
  selected: string | null;
  onSelect: (v: string) => void;
  canActivate: boolean;
  onActivate: (m: ModelSummary) => void;
  datasets: DatasetsView;
}) {
  return (
    <Table
      caption="Model versions"
      columns={['Version', 'Trained', numeric('K'), numeric('Silhouette'), numeric('Rows'), 'Data and features', 'Actions']}
      stack
    >
      <tbody className="divide-y divide-slate-100" data-testid="model-rows">
        {models.map((m) => (
          <tr key={m.version} data-version={m.version} className={selected === m.version ? 'bg-blue-50' : undefined}>
            <Td data-label="Version" className="whitespace-normal">
              <span className="font-medium whitespace-nowrap">{m.version}</span> {m.active && <Badge tone="green">active</Badge>}
            </Td>
            <Td data-label="Trained" className="whitespace-normal">
              {dateTime(m.created_at)}
            </Td>
            <Td data-label="K" className="text-right">
              {m.n_clusters}
            </Td>
            <Td data-label="Silhouette" className="text-right tabular-nums">
              {num(m.silhouette_score, 3)}
            </Td>
            <Td data-label="Rows" className="text-right tabular-nums">
              <ValueView value={m.rows} />
            </Td>
            <Td data-label="Data and features" className="min-w-40 whitespace-normal">
              <span className="block font-medium">{nameOf(datasets, m.dataset_id)}</span>
              <span className="block text-xs text-slate-700">{(m.features ?? []).map(featureLabel).join(', ')}</span>
            </Td>
            <Td data-label="Actions">
              <div className="flex flex-col gap-1 xl:flex-row">
                <Button
                  size="sm"
                  variant="secondary"
                  onClick={() => onSelect(m.version)}
                  aria-pressed={selected === m.version}
                  srLabel={`Details of ${m.version}`}
                >
                  Details
                </Button>
                {canActivate && !m.active && (
                  <Button size="sm" onClick={() => onActivate(m)} srLabel={`Activate ${m.version}`}>
                    Activate
                  </Button>
                )}
              </div>
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

/** The Models page: versions, training, and the chosen version's segments. */
export function ModelsPage({ datasets }: { datasets: DatasetsView }) {
  const qc = useQueryClient();
  const { user } = useUser();
  const isAdmin = hasRole(user, 'admin');
  const models = useModels();
  // ?version= opens that version (the dataset page links a freshly trained model here).
  const [params, setParams] = useSearchParams();
  const selected = params.get('version');
  const setSelected = (v: string | null) => setParams(v ? { version: v } : {}, { replace: true });
  const [toActivate, setToActivate] = useState<ModelSummary | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const activate = useMutation({
    mutationFn: (m: ModelSummary) => activateModel(m.version),
    onSuccess: (_r, m) => {
      setNotice(`Model ${m.version} is now active.`);
      setToActivate(null);
      invalidateActiveModel(qc);
    },
  });
  const active = models.data?.active_version ?? null;
  const current = selected ?? active;
  return (
    <div className="space-y-5">
      <PageHeader
        title="Models"
        description="Upload data, train models, compare versions and name segments."
        actions={active ? <Badge tone="green">Active: {active}</Badge> : undefined}
      />
      {notice && <Notice tone="success">{notice}</Notice>}
      <Card title="Versions">
        {models.isLoading ? (
          <LoadingState label="Loading models" />
        ) : models.error ? (
          <ErrorState error={models.error} onRetry={() => void models.refetch()} />
        ) : models.data?.models.length ? (
          <VersionsTable
            models={models.data.models}
            datasets={datasets}
            selected={current}
            onSelect={setSelected}
            canActivate={isAdmin}
            onActivate={(m) => {
              activate.reset();
              setToActivate(m);
            }}
          />
        ) : (
          <EmptyState title="No models yet">Train the first one below.</EmptyState>
        )}
        {!isAdmin && <p className="mt-2 text-xs text-slate-600">Only administrators can activate a model.</p>}
      </Card>
      <div className="grid grid-cols-1 gap-5 lg:grid-cols-2">
        <Card title="Train a model">
          <TrainPanel datasets={datasets.list} datasetsFailed={datasets.failed} onTrained={(v) => v && setSelected(v)} />
        </Card>
        <Card title="Your own data">
          <p className="text-sm text-slate-700">
            Upload a CSV of your customers (any columns, up to 5 GB), see each column’s profile, choose the features, the id column and transforms, and train on
            them. Or upload your orders (one row per order line): map their columns and segment the customers by recency, frequency and spend (RFM).
          </p>
          <Link to="/data" className="mt-3 inline-block font-medium text-blue-800 underline">
            Go to Data
          </Link>
        </Card>
      </div>
      {current && (
        <Card title={`Model ${current}${current === active ? ' (active)' : ''}`}>
          <ModelDetailView key={current} version={current} datasets={datasets} />
        </Card>
      )}
      <ConfirmMutation
        target={toActivate}
        mutation={activate}
        title="Activate this model?"
        message={
          <>
            Predictions will use model <strong>{toActivate?.version}</strong> from now on. You can activate the previous version again at any time.
          </>
        }
        confirmLabel="Activate"
        danger={false}
        onCancel={() => setToActivate(null)}
      />
    </div>
  );
}

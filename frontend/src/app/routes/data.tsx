import { Link, useNavigate, useParams } from 'react-router';
import { Card, PageHeader, Stat } from '@/components/ui/card';
import { ProgressBar, progressPercent } from '@/components/ui/progress';
import { EmptyState, ErrorState, LoadingState, Notice } from '@/components/ui/states';
import { hasRole, RequireAuth, useUser } from '@/lib/auth';
import { dateTime } from '@/lib/format';
import { errorText, useDataset, useDatasets } from '@/features/datasets/api/datasets';
import { DatasetList, DatasetStatusBadge } from '@/features/datasets/components/dataset-list';
import { DatasetUploadForm, fileSize } from '@/features/datasets/components/dataset-upload';
import { ProfileView } from '@/features/datasets/components/profile-view';
import { ScoringJobPanel } from '@/features/scoring/components/scoring-job-panel';

function Data() {
  const navigate = useNavigate();
  const datasets = useDatasets();
  return (
    <div className="space-y-5">
      <PageHeader title="Data" description="Upload your own customer data, see its profile, train on the columns you choose and score whole files." />
      <Card title="Upload a dataset">
        <DatasetUploadForm onUploaded={(id) => void navigate(`/data/${encodeURIComponent(id)}`)} />
      </Card>
      <Card title="Datasets">
        {datasets.isLoading ? (
          <LoadingState label="Loading datasets" />
        ) : datasets.error ? (
          <ErrorState error={datasets.error} onRetry={() => void datasets.refetch()} />
        ) : datasets.data?.length ? (
          <DatasetList datasets={datasets.data} />
        ) : (
          <EmptyState title="No datasets yet">Upload a CSV above.</EmptyState>
        )}
      </Card>
    </div>
  );
}

function DatasetDetail() {
  const { datasetId = '' } = useParams();
  const { user } = useUser();
  const dataset = useDataset(datasetId);
  const d = dataset.data;
  const title = d?.filename || datasetId;
  return (
    <div className="space-y-5">
      <PageHeader
        title={title}
        description={
          <Link to="/data" className="font-medium text-blue-800 underline">
            All datasets
          </Link>
        }
        actions={d ? <DatasetStatusBadge status={d.status} /> : undefined}
      />
      {dataset.isLoading ? (
        <LoadingState label="Loading the dataset" />
      ) : dataset.error ? (
        <ErrorState error={dataset.error} onRetry={() => void dataset.refetch()} />
      ) : d ? (
        <>
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="dataset-summary">
            <Stat label="Kind" value={d.kind} />
            <Stat label="Rows" value={typeof d.rows === 'number' ? d.rows.toLocaleString() : '—'} testId="dataset-rows-count" />
            <Stat label="Rejected rows" value={typeof d.rejected_rows === 'number' ? d.rejected_rows.toLocaleString() : '—'} />
            <Stat label="Size" value={fileSize(d.size_bytes)} />
          </dl>
          <p className="text-xs text-slate-600">Uploaded {dateTime(d.created_at)}</p>
          {(d.status === 'uploading' || d.status === 'profiling') && (
            <Card title="Profiling">
              <div className="space-y-2" data-testid="profiling">
                <ProgressBar label="Profiling progress" value={typeof d.progress === 'number' ? progressPercent(d.progress) : null} />
                <p className="text-sm text-slate-700" aria-live="polite">
                  {d.status === 'uploading' ? 'Waiting for the upload to complete…' : `Reading the file and profiling every column${typeof d.progress === 'number' ? ` · ${Math.round(progressPercent(d.progress))}%` : '…'}`}
                </p>
              </div>
            </Card>
          )}
          {d.status === 'failed' && <Notice tone="warning">This dataset could not be used: {errorText(d.error) ?? d.message ?? 'no reason given'}.</Notice>}
          {d.status === 'ready' && (
            <>
              <Card title="Profile">
                <ProfileView dataset={d} canTrain={hasRole(user, 'analyst')} />
              </Card>
              {d.kind === 'customers' && (
                <Card title="Score this file">
                  <ScoringJobPanel datasetId={d.dataset_id} />
                </Card>
              )}
            </>
          )}
        </>
      ) : null}
    </div>
  );
}

export function DataRoute() {
  return (
    <RequireAuth>
      <Data />
    </RequireAuth>
  );
}

export function DatasetRoute() {
  return (
    <RequireAuth>
      <DatasetDetail />
    </RequireAuth>
  );
}

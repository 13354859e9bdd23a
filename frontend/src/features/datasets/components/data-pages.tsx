import type { ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Card, PageHeader, Stat } from '@/components/ui/card';
import { ProgressBar, progressPercent } from '@/components/ui/progress';
import { EmptyState, ErrorState, LoadingState, Notice } from '@/components/ui/states';
import { hasRole, useUser } from '@/lib/auth';
import { dateTime } from '@/lib/format';
import { datasetName } from '@/lib/datasets';
import type { Dataset } from '@/types/api';
import { useDataset, useDatasets } from '../api/datasets';
import { DELIMITER_NAMES, ENCODING_NAMES } from '../api/orders';
import { DatasetList, DatasetStatusBadge } from './dataset-list';
import { DatasetUploadForm, fileSize } from './dataset-upload';
import { ProfileView } from './profile-view';

/** The Data page: upload (customers or orders) and the list of datasets. */
export function DataPage() {
  const navigate = useNavigate();
  const datasets = useDatasets();
  return (
    <div className="space-y-5">
      <PageHeader
        title="Data"
        description="Upload your own customer data or your orders, see its profile, train on the columns you choose and score whole files."
      />
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

/**
 * One dataset: its profile, training on it, and (for a customers file) scoring it, which the
 * route passes in as ``scoring`` (another feature).
 */
export function DatasetPage({ scoring }: { scoring: (dataset: Dataset) => ReactNode }) {
  const { datasetId = '' } = useParams();
  const { user } = useUser();
  const dataset = useDataset(datasetId);
  const d = dataset.data;
  const title = d ? datasetName(d, datasetId) : datasetId;
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
            <Stat label="Kind" value={d.kind === 'transactions' ? 'orders' : 'customers'} />
            <Stat label="Rows" value={typeof d.rows === 'number' ? d.rows.toLocaleString() : '—'} testId="dataset-rows-count" />
            <Stat label="Rejected rows" value={typeof d.rejected_rows === 'number' ? d.rejected_rows.toLocaleString() : '—'} />
            <Stat label="Size" value={fileSize(d.size_bytes)} />
          </dl>
          <p className="text-xs text-slate-600">
            Uploaded {dateTime(d.created_at)}
            {d.dialect &&
              ` · read as ${ENCODING_NAMES[d.dialect.encoding ?? 'utf-8']} text, ${DELIMITER_NAMES[d.dialect.delimiter]} separated${d.dialect.decimal_comma ? ', decimal commas' : ''}`}
          </p>
          {(d.status === 'uploading' || d.status === 'profiling') && (
            <Card title="Profiling">
              <div className="space-y-2" data-testid="profiling">
                <ProgressBar label="Profiling progress" value={typeof d.progress === 'number' ? progressPercent(d.progress) : null} />
                <p className="text-sm text-slate-700" aria-live="polite">
                  {d.status === 'uploading'
                    ? 'Waiting for the upload to complete…'
                    : `Reading the file and profiling every column${typeof d.progress === 'number' ? ` · ${Math.round(progressPercent(d.progress))}%` : '…'}`}
                </p>
              </div>
            </Card>
          )}
          {d.status === 'failed' && <Notice tone="warning">This dataset could not be used: {d.error ?? 'no reason given'}.</Notice>}
          {d.status === 'ready' && (
            <>
              <Card title="Profile">
                <ProfileView dataset={d} canTrain={hasRole(user, 'analyst')} />
              </Card>
              {d.kind === 'customers' && <Card title="Score this file">{scoring(d)}</Card>}
            </>
          )}
        </>
      ) : null}
    </div>
  );
}

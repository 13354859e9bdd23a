import { RequireAuth } from '@/lib/auth';
import { DataPage, DatasetPage } from '@/features/datasets/components/data-pages';
import { ScoringJobPanel } from '@/features/scoring/components/scoring-job-panel';

export function DataRoute() {
  return (
    <RequireAuth>
      <DataPage />
    </RequireAuth>
  );
}

export function DatasetRoute() {
  return (
    <RequireAuth>
      <DatasetPage scoring={(d) => <ScoringJobPanel datasetId={d.dataset_id} />} />
    </RequireAuth>
  );
}

import { RequireAuth } from '@/lib/auth';
import { useDatasets } from '@/features/datasets/api/datasets';
import { ModelsPage } from '@/features/models/components/models-page';

/** The models page, given the datasets it names models by (composed here: features stay apart). */
function Models() {
  const datasets = useDatasets();
  return <ModelsPage datasets={{ list: datasets.data ?? [], failed: Boolean(datasets.error) }} />;
}

export function ModelsRoute() {
  return (
    <RequireAuth role="analyst">
      <Models />
    </RequireAuth>
  );
}

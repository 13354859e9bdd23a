import type { Dataset } from '@/types/api';

/** The dataset the product ships with (segcore.layout.BUNDLED_DATASET_ID). */
export const BUNDLED_DATASET_ID = 'bundled';

/** How a person names a dataset: its file name (the bundled one by what it is), never its id alone. */
export function datasetName(dataset: Pick<Dataset, 'dataset_id' | 'filename'> | undefined, id: string | null | undefined): string {
  // A model without a dataset id was trained on the default one, the bundled dataset.
  if (!id || id === BUNDLED_DATASET_ID || dataset?.dataset_id === BUNDLED_DATASET_ID) return 'Bundled dataset';
  return dataset?.filename || id || '—';
}

import { useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router';
import { Button } from '@/components/ui/button';
import { SelectField } from '@/components/ui/field';
import { InlineError } from '@/components/ui/states';
import { KOptionsFields, TrainJobView, useActivateChoice, useKOptions, useTraining } from '@/components/training/train-fields';
import { BUNDLED_DATASET_ID } from '@/lib/datasets';
import type { TrainInput } from '@/lib/training';
import type { Dataset } from '@/types/api';

/**
 * Training from the Models page: a dataset (features from its profile's suggestions), K and the
 * seed. ``datasets`` are the listed ones (the bundled one is the default choice); order files are
 * trained from their own page, where their columns are mapped.
 */
export function TrainPanel({
  datasets,
  datasetsFailed,
  onTrained,
}: {
  datasets: Dataset[];
  datasetsFailed?: boolean;
  onTrained?: (version: string | null) => void;
}) {
  const [datasetId, setDatasetId] = useState('');
  const k = useKOptions();
  const activate = useActivateChoice();
  const training = useTraining(onTrained);
  const ready = datasets.filter((d) => d.status === 'ready' && d.kind !== 'transactions' && d.dataset_id !== BUNDLED_DATASET_ID);
  const bundledRows = datasets.find((d) => d.dataset_id === BUNDLED_DATASET_ID)?.rows;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!k.validate()) return;
    const input: TrainInput = { ...k.toInput() };
    if (activate.value !== undefined) input.activate = activate.value;
    if (datasetId) input.dataset_id = datasetId;
    training.start.mutate(input);
  };

  let featuresNote: ReactNode = 'Features: the bundled dataset’s columns.';
  if (datasetId)
    featuresNote = (
      <>
        Features: the columns the profile suggests.{' '}
        <Link to={`/data/${encodeURIComponent(datasetId)}`} className="font-medium text-blue-800 underline">
          Choose features, id column and transforms on the dataset’s page
        </Link>
        .
      </>
    );

  return (
    <div className="space-y-4">
      <form onSubmit={submit} noValidate className="space-y-3" aria-label="Train a model">
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
          <SelectField
            label="Dataset"
            name="dataset_id"
            value={datasetId}
            onChange={(e) => setDatasetId(e.target.value)}
            hint={datasetsFailed ? 'Could not list uploaded datasets.' : undefined}
          >
            <option value="">Bundled dataset{typeof bundledRows === 'number' ? ` (${bundledRows.toLocaleString()} rows)` : ''}</option>
            {ready.map((d) => (
              <option key={d.dataset_id} value={d.dataset_id}>
                {d.filename ?? d.dataset_id}
                {typeof d.rows === 'number' ? ` (${d.rows.toLocaleString()} rows)` : ''}
              </option>
            ))}
          </SelectField>
          <KOptionsFields options={k} />
        </div>
        <p className="text-sm text-slate-700">{featuresNote}</p>
        {activate.field}
        <div>
          <Button type="submit" loading={training.running} disabled={training.running}>
            Start training
          </Button>
        </div>
        <InlineError error={training.start.error} />
      </form>
      <TrainJobView training={training} />
    </div>
  );
}

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router';
import { Button } from '@/components/ui/button';
import { Badge } from '@/components/ui/card';
import { SelectField, TextField } from '@/components/ui/field';
import { ProgressBar, progressPercent } from '@/components/ui/progress';
import { InlineError, Notice } from '@/components/ui/states';
import { hasRole, useUser } from '@/lib/auth';
import { num } from '@/lib/format';
import { useDatasets } from '@/features/datasets/api/datasets';
import { invalidateActiveModel } from '@/features/schema/api/schema';
import { isFinal, startTraining, useJob, type TrainInput } from '../api/models';

/** The contract's largest K (segcore's job request). */
export const MAX_K = 15;

type KState = { mode: 'auto' | 'fixed'; k: string; kMin: string; kMax: string };

/** The K options of a training run, their checks and their part of the request. */
export function useKOptions() {
  const [state, setState] = useState<KState>({ mode: 'auto', k: '4', kMin: '2', kMax: '10' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const validate = (): boolean => {
    const errs: Record<string, string> = {};
    const int = (v: string) => v.trim() !== '' && Number.isInteger(Number(v));
    if (state.mode === 'fixed' && (!int(state.k) || Number(state.k) < 2 || Number(state.k) > MAX_K)) errs.k = `K must be a whole number from 2 to ${MAX_K}.`;
    if (state.mode === 'auto') {
      if (!int(state.kMin) || Number(state.kMin) < 2 || Number(state.kMin) > MAX_K) errs.k_min = `Use a whole number from 2 to ${MAX_K}.`;
      if (!int(state.kMax) || Number(state.kMax) < Number(state.kMin) || Number(state.kMax) > MAX_K) errs.k_max = `Use a whole number from the minimum up to ${MAX_K}.`;
    }
    setErrors(errs);
    return Object.keys(errs).length === 0;
  };
  const toInput = (): Pick<TrainInput, 'k' | 'k_min' | 'k_max'> =>
    state.mode === 'fixed' ? { k: Number(state.k) } : { k_min: Number(state.kMin), k_max: Number(state.kMax) };
  return { state, setState, errors, validate, toInput };
}

export function KOptionsFields({ options }: { options: ReturnType<typeof useKOptions> }) {
  const { state, setState, errors } = options;
  const set = (patch: Partial<KState>) => setState((s) => ({ ...s, ...patch }));
  return (
    <>
      <SelectField label="Number of segments (K)" name="mode" value={state.mode} onChange={(e) => set({ mode: e.target.value as KState['mode'] })}>
        <option value="auto">Choose automatically (silhouette)</option>
        <option value="fixed">Fixed K</option>
      </SelectField>
      {state.mode === 'fixed' ? (
        <TextField label="K" name="k" type="number" min={2} max={MAX_K} value={state.k} onChange={(e) => set({ k: e.target.value })} error={errors.k} />
      ) : (
        <div className="grid grid-cols-2 gap-3">
          <TextField label="Smallest K" name="k_min" type="number" min={2} max={MAX_K} value={state.kMin} onChange={(e) => set({ kMin: e.target.value })} error={errors.k_min} />
          <TextField label="Largest K" name="k_max" type="number" min={2} max={MAX_K} value={state.kMax} onChange={(e) => set({ kMax: e.target.value })} error={errors.k_max} />
        </div>
      )}
    </>
  );
}

/** Only administrators may activate (an analyst asking for it gets 403): they see the choice. */
export function useActivateChoice() {
  const { user } = useUser();
  const canActivate = hasRole(user, 'admin');
  const [activate, setActivate] = useState(true);
  const field = canActivate ? (
    <label className="inline-flex items-center gap-2 text-sm">
      <input type="checkbox" className="h-4 w-4" name="activate" checked={activate} onChange={(e) => setActivate(e.target.checked)} />
      Activate the new model when training succeeds
    </label>
  ) : (
    <p className="text-xs text-slate-600">The new model is not activated: an administrator activates it from the Models page.</p>
  );
  return { field, value: canActivate ? activate : undefined };
}

/** Starts `POST /train` and follows the job. */
export function useTraining(onTrained?: (version: string | null) => void) {
  const qc = useQueryClient();
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useJob(jobId);
  const start = useMutation({
    mutationFn: (input: TrainInput) => startTraining(input),
    onMutate: () => setJobId(null),
    onSuccess: (j) => setJobId(j.job_id),
  });
  const status = job.data?.status;
  useEffect(() => {
    if (status === 'succeeded') {
      invalidateActiveModel(qc);
      onTrained?.(job.data?.model_version ?? null);
    }
  }, [status]);
  const running = start.isPending || (jobId !== null && !isFinal(status));
  return { start, job, jobId, running };
}

/** The followed job: state, a progress bar, the stage, and how it ended. */
export function TrainJobView({ training }: { training: ReturnType<typeof useTraining> }) {
  const { job, jobId } = training;
  if (!jobId) return null;
  const status = job.data?.status;
  const pctDone = status === 'succeeded' ? 100 : progressPercent(job.data?.progress);
  const jobError = job.data?.error ? (typeof job.data.error === 'string' ? job.data.error : job.data.error.message) : null;
  return (
    <div className="space-y-2 rounded-lg border border-slate-200 p-3" data-testid="train-job" data-status={status ?? 'queued'} aria-live="polite">
      <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
        <span className="min-w-0 break-all">
          Job <code className="text-xs">{jobId}</code>
        </span>
        <Badge tone={status === 'succeeded' ? 'green' : status === 'failed' ? 'red' : 'blue'}>{status ?? 'queued'}</Badge>
      </div>
      <ProgressBar label="Training progress" value={pctDone} />
      <p className="text-sm text-slate-700">
        Stage: <strong>{job.data?.stage ?? (status === 'queued' ? 'waiting to start' : '—')}</strong> · {Math.round(pctDone)}%
      </p>
      {job.error && <InlineError error={job.error} />}
      {status === 'failed' && <Notice tone="warning">Training failed: {jobError ?? 'no reason given'}. The active model is unchanged.</Notice>}
      {status === 'succeeded' && (
        <Notice tone="success">
          Trained model <strong data-testid="trained-version">{job.data?.model_version}</strong>
          {job.data?.metrics && typeof job.data.metrics === 'object' && 'silhouette_score' in job.data.metrics
            ? ` (silhouette ${num(Number(job.data.metrics.silhouette_score), 3)})`
            : ''}
          .
        </Notice>
      )}
    </div>
  );
}

/** Training from the Models page: a dataset (features from its profile's suggestions) and K. */
export function TrainPanel({ onTrained }: { onTrained?: (version: string | null) => void }) {
  const datasets = useDatasets();
  const [datasetId, setDatasetId] = useState('');
  const k = useKOptions();
  const activate = useActivateChoice();
  const training = useTraining(onTrained);
  const ready = (datasets.data ?? []).filter((d) => d.status === 'ready' && d.kind !== 'transactions');

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
          <SelectField label="Dataset" name="dataset_id" value={datasetId} onChange={(e) => setDatasetId(e.target.value)} hint={datasets.error ? 'Could not list uploaded datasets.' : undefined}>
            <option value="">Bundled dataset</option>
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

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';
import { Badge } from '@/components/ui/card';
import { InlineError, Notice } from '@/components/ui/states';
import { featureLabel, num } from '@/lib/format';
import { FEATURES } from '@/types/api';
import { isFinal, progressPercent, startTraining, useDatasets, useJob, type TrainInput } from '../api/models';

export function TrainPanel({ onTrained }: { onTrained?: (version: string | null) => void }) {
  const qc = useQueryClient();
  const groupId = useId();
  const datasets = useDatasets();
  const [datasetId, setDatasetId] = useState('');
  const [mode, setMode] = useState<'auto' | 'fixed'>('auto');
  const [k, setK] = useState('4');
  const [kMin, setKMin] = useState('2');
  const [kMax, setKMax] = useState('10');
  const [features, setFeatures] = useState<string[]>([...FEATURES]);
  const [activate, setActivate] = useState(true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useJob(jobId);

  const start = useMutation({
    mutationFn: (input: TrainInput) => startTraining(input),
    onSuccess: (j) => setJobId(j.job_id),
  });

  const status = job.data?.status;
  useEffect(() => {
    if (status === 'succeeded') {
      void qc.invalidateQueries({ queryKey: ['models'] });
      void qc.invalidateQueries({ queryKey: ['segments'] });
      void qc.invalidateQueries({ queryKey: ['admin'] });
      onTrained?.(job.data?.model_version ?? null);
    }
  }, [status]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    const int = (v: string) => Number.isInteger(Number(v)) && v.trim() !== '';
    if (mode === 'fixed' && (!int(k) || Number(k) < 2 || Number(k) > 15)) errs.k = 'K must be a whole number from 2 to 15.';
    if (mode === 'auto') {
      if (!int(kMin) || Number(kMin) < 2) errs.k_min = 'Use a whole number of at least 2.';
      if (!int(kMax) || Number(kMax) < Number(kMin) || Number(kMax) > 15) errs.k_max = 'Use a whole number from the minimum up to 15.';
      if (Number(kMin) > 15) errs.k_min = 'Use a whole number from 2 to 15.';
    }
    if (features.length < 2) errs.features = 'Choose at least two features.';
    setErrors(errs);
    if (Object.keys(errs).length) return;
    const input: TrainInput = { features, activate };
    if (datasetId) input.dataset_id = datasetId;
    if (mode === 'fixed') input.k = Number(k);
    else {
      input.k_min = Number(kMin);
      input.k_max = Number(kMax);
    }
    setJobId(null);
    start.mutate(input);
  };

  const running = start.isPending || (jobId !== null && !isFinal(status));
  const pctDone = status === 'succeeded' ? 100 : progressPercent(job.data?.progress);
  const jobError = job.data?.error ? (typeof job.data.error === 'string' ? job.data.error : job.data.error.message) : null;

  return (
    <div className="space-y-4">
      <form onSubmit={submit} noValidate className="space-y-3" aria-label="Train a model">
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
          <SelectField label="Dataset" name="dataset_id" value={datasetId} onChange={(e) => setDatasetId(e.target.value)} hint={datasets.error ? 'Could not list uploaded datasets.' : undefined}>
            <option value="">Bundled dataset</option>
            {(datasets.data ?? []).map((d) => (
              <option key={d.dataset_id} value={d.dataset_id}>
                {d.name ?? d.dataset_id}
                {d.rows !== undefined ? ` (${d.rows} rows)` : ''}
              </option>
            ))}
          </SelectField>
          <SelectField label="Number of segments (K)" name="mode" value={mode} onChange={(e) => setMode(e.target.value as 'auto' | 'fixed')}>
            <option value="auto">Choose automatically (silhouette)</option>
            <option value="fixed">Fixed K</option>
          </SelectField>
          {mode === 'fixed' ? (
            <TextField label="K" name="k" type="number" min={2} max={15} value={k} onChange={(e) => setK(e.target.value)} error={errors.k} />
          ) : (
            <div className="grid grid-cols-2 gap-3">
              <TextField label="Smallest K" name="k_min" type="number" min={2} max={15} value={kMin} onChange={(e) => setKMin(e.target.value)} error={errors.k_min} />
              <TextField label="Largest K" name="k_max" type="number" min={2} max={15} value={kMax} onChange={(e) => setKMax(e.target.value)} error={errors.k_max} />
            </div>
          )}
        </div>
        <fieldset aria-describedby={errors.features ? `${groupId}-err` : undefined}>
          <legend className="text-sm font-medium text-slate-800">Features</legend>
          <div className="mt-1 flex flex-wrap gap-4">
            {FEATURES.map((f) => (
              <label key={f} className="inline-flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  className="h-4 w-4"
                  checked={features.includes(f)}
                  onChange={(e) => setFeatures((prev) => (e.target.checked ? [...prev, f] : prev.filter((x) => x !== f)))}
                />
                {featureLabel(f)}
              </label>
            ))}
          </div>
          {errors.features && (
            <p id={`${groupId}-err`} role="alert" className="mt-1 text-xs font-medium text-red-700">
              {errors.features}
            </p>
          )}
        </fieldset>
        <label className="inline-flex items-center gap-2 text-sm">
          <input type="checkbox" className="h-4 w-4" name="activate" checked={activate} onChange={(e) => setActivate(e.target.checked)} />
          Activate the new model when training succeeds
        </label>
        <div>
          <Button type="submit" loading={running} disabled={running}>
            Start training
          </Button>
        </div>
        <InlineError error={start.error} />
      </form>

      {jobId && (
        <div className="space-y-2 rounded-lg border border-slate-200 p-3" data-testid="train-job" data-status={status ?? 'queued'} aria-live="polite">
          <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
            <span>
              Job <code className="text-xs">{jobId}</code>
            </span>
            <Badge tone={status === 'succeeded' ? 'green' : status === 'failed' ? 'red' : 'blue'}>{status ?? 'queued'}</Badge>
          </div>
          <div className="h-2.5 w-full overflow-hidden rounded bg-slate-200" role="progressbar" aria-label="Training progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(pctDone)}>
            <div className="h-full bg-blue-700 transition-all" style={{ width: `${pctDone}%` }} />
          </div>
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
      )}
    </div>
  );
}

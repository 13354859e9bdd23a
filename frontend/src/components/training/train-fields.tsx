import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Badge } from '@/components/ui/card';
import { SelectField, TextField } from '@/components/ui/field';
import { ProgressBar, progressPercent } from '@/components/ui/progress';
import { InlineError, Notice } from '@/components/ui/states';
import { hasRole, useUser } from '@/lib/auth';
import { num } from '@/lib/format';
import { invalidateActiveModel } from '@/lib/schema';
import { isFinal, stageText, startTraining, useJob, type TrainInput } from '@/lib/training';

/** The contract's largest K (segcore's job request). */
export const MAX_K = 15;

/** The contract's largest seed (a 32-bit unsigned integer). */
export const MAX_SEED = 2 ** 32 - 1;

type KState = { mode: 'auto' | 'fixed'; k: string; kMin: string; kMax: string; seed: string };

/** The K options and the seed of a training run, their checks and their part of the request. */
export function useKOptions() {
  const [state, setState] = useState<KState>({ mode: 'auto', k: '4', kMin: '2', kMax: '10', seed: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const validate = (): boolean => {
    const errs: Record<string, string> = {};
    const int = (v: string) => v.trim() !== '' && Number.isInteger(Number(v));
    if (state.mode === 'fixed' && (!int(state.k) || Number(state.k) < 2 || Number(state.k) > MAX_K)) errs.k = `K must be a whole number from 2 to ${MAX_K}.`;
    if (state.mode === 'auto') {
      if (!int(state.kMin) || Number(state.kMin) < 2 || Number(state.kMin) > MAX_K) errs.k_min = `Use a whole number from 2 to ${MAX_K}.`;
      if (!int(state.kMax) || Number(state.kMax) < Number(state.kMin) || Number(state.kMax) > MAX_K)
        errs.k_max = `Use a whole number from the minimum up to ${MAX_K}.`;
    }
    if (state.seed.trim() !== '' && (!int(state.seed) || Number(state.seed) < 0 || Number(state.seed) > MAX_SEED))
      errs.seed = `The seed is a whole number from 0 to ${MAX_SEED}.`;
    setErrors(errs);
    return Object.keys(errs).length === 0;
  };
  const toInput = (): Pick<TrainInput, 'k' | 'k_min' | 'k_max' | 'seed'> => ({
    ...(state.mode === 'fixed' ? { k: Number(state.k) } : { k_min: Number(state.kMin), k_max: Number(state.kMax) }),
    ...(state.seed.trim() !== '' ? { seed: Number(state.seed) } : {}),
  });
  return { state, setState, errors, validate, toInput };
}

export function KOptionsFields({ options }: { options: ReturnType<typeof useKOptions> }) {
  const { state, setState, errors } = options;
  const set = (patch: Partial<KState>) => setState((s) => ({ ...s, ...patch }));
  const kField = (label: string, name: 'k' | 'k_min' | 'k_max', key: 'k' | 'kMin' | 'kMax') => (
    <TextField
      label={label}
      name={name}
      type="number"
      min={2}
      max={MAX_K}
      value={state[key]}
      onChange={(e) => set({ [key]: e.target.value })}
      error={errors[name]}
    />
  );
  return (
    <>
      <SelectField label="Number of segments (K)" name="mode" value={state.mode} onChange={(e) => set({ mode: e.target.value as KState['mode'] })}>
        <option value="auto">Choose automatically (silhouette)</option>
        <option value="fixed">Fixed K</option>
      </SelectField>
      {state.mode === 'fixed' ? (
        kField('K', 'k', 'k')
      ) : (
        <div className="grid grid-cols-2 gap-3">
          {kField('Smallest K', 'k_min', 'kMin')}
          {kField('Largest K', 'k_max', 'kMax')}
        </div>
      )}
      <TextField
        label="Seed (optional)"
        name="seed"
        type="number"
        min={0}
        max={MAX_SEED}
        inputMode="numeric"
        value={state.seed}
        placeholder="42"
        onChange={(e) => set({ seed: e.target.value })}
        error={errors.seed}
        hint="The same data, options and seed train the same model."
      />
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
  const jobError = job.data?.error ?? null;
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
        Stage: <strong data-testid="train-stage">{stageText(job.data?.stage ?? (status === 'queued' ? 'queued' : null))}</strong> · {Math.round(pctDone)}%
      </p>
      {job.error && <InlineError error={job.error} />}
      {status === 'failed' && <Notice tone="warning">Training failed: {jobError ?? 'no reason given'}. The active model is unchanged.</Notice>}
      {status === 'succeeded' && (
        <Notice tone="success">
          Trained model <strong data-testid="trained-version">{job.data?.model_version}</strong>
          {job.data?.metrics?.silhouette_score != null ? ` (silhouette ${num(job.data.metrics.silhouette_score, 3)})` : ''}.
        </Notice>
      )}
    </div>
  );
}

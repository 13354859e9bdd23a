import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';
import type { ClusterInfo } from '@/types/api';
import type { HistoryFilters } from '../api/history';

export function validateFilters(f: HistoryFilters): Partial<Record<keyof HistoryFilters, string>> {
  const e: Partial<Record<keyof HistoryFilters, string>> = {};
  const check = (k: 'min_confidence' | 'max_confidence') => {
    const v = f[k];
    if (v === undefined || v === '') return;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0 || n > 100) e[k] = 'Use a percentage from 0 to 100.';
  };
  check('min_confidence');
  check('max_confidence');
  if (!e.min_confidence && !e.max_confidence && f.min_confidence && f.max_confidence && Number(f.min_confidence) > Number(f.max_confidence)) {
    e.max_confidence = 'The maximum must not be below the minimum.';
  }
  if (f.from && f.to && f.from > f.to) e.to = 'The end date must not be before the start date.';
  return e;
}

export function HistoryFiltersForm({ value, clusters, onApply }: { value: HistoryFilters; clusters: ClusterInfo[]; onApply: (f: HistoryFilters) => void }) {
  const [f, setF] = useState<HistoryFilters>(value);
  const [errors, setErrors] = useState<ReturnType<typeof validateFilters>>({});
  const set = (k: keyof HistoryFilters) => (e: { target: { value: string } }) => setF((prev) => ({ ...prev, [k]: e.target.value }));
  const percentField = (k: 'min_confidence' | 'max_confidence', label: string) => (
    <TextField label={label} type="number" min={0} max={100} name={k} value={f[k] ?? ''} onChange={set(k)} error={errors[k]} />
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errs = validateFilters(f);
    setErrors(errs);
    if (Object.keys(errs).length) return;
    onApply(f);
  };
  const clear = () => {
    setF({});
    setErrors({});
    onApply({});
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Filter history" className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-6 lg:items-end">
      <TextField label="From" type="date" name="from" value={f.from ?? ''} onChange={set('from')} error={errors.from} />
      <TextField label="To" type="date" name="to" value={f.to ?? ''} onChange={set('to')} error={errors.to} />
      <SelectField label="Segment" name="cluster" value={f.cluster ?? ''} onChange={set('cluster')}>
        <option value="">All segments</option>
        {clusters.map((c) => (
          <option key={c.cluster_id} value={String(c.cluster_id)}>
            {c.cluster_name}
          </option>
        ))}
      </SelectField>
      {percentField('min_confidence', 'Min confidence (%)')}
      {percentField('max_confidence', 'Max confidence (%)')}
      <div className="flex gap-2">
        <Button type="submit">Apply filters</Button>
        <Button variant="secondary" onClick={clear}>
          Clear
        </Button>
      </div>
    </form>
  );
}

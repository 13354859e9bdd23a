import type { TrainFeature } from '@/lib/training';
import type { ColumnProfile } from '@/types/api';

/** What the analyst uses a column for. */
export type ColumnUse = 'numeric' | 'categorical' | 'id' | 'ignore';
export type ColumnChoice = { use: ColumnUse; log: boolean; label: string; unit: string };
export type Selection = Record<string, ColumnChoice>;

export const USE_LABELS: Record<ColumnUse, string> = {
  numeric: 'Numeric feature',
  categorical: 'Categorical feature',
  id: 'Customer id',
  ignore: 'Ignore',
};

/** The uses that make sense for a column of this type. */
export function usesFor(col: ColumnProfile): ColumnUse[] {
  switch (col.type) {
    case 'numeric':
      return ['numeric', 'categorical', 'id', 'ignore'];
    case 'categorical':
      return ['categorical', 'id', 'ignore'];
    case 'id':
    case 'text':
      return ['id', 'categorical', 'ignore'];
    default:
      return ['ignore'];
  }
}

/** The profile suggests a log transform (skewed, money-like, never negative). */
export function suggestsLog(col: ColumnProfile): boolean {
  const t = col.suggested_transform ?? (col as { transform?: unknown }).transform;
  return t === 'log';
}

/** The profile's suggestions: its features (typed by column type), its id column, a log where suggested. */
export function initialSelection(columns: ColumnProfile[]): Selection {
  const sel: Selection = {};
  let idTaken = false;
  for (const col of columns) {
    let use: ColumnUse = 'ignore';
    if (col.suggested === 'feature') use = col.type === 'numeric' ? 'numeric' : usesFor(col).includes('categorical') ? 'categorical' : 'ignore';
    else if (col.suggested === 'id' && !idTaken) {
      use = 'id';
      idTaken = true;
    }
    sel[col.name] = { use, log: use === 'numeric' && suggestsLog(col), label: '', unit: '' };
  }
  return sel;
}

/** Changes one column's use; a dataset has one id column, so choosing a new one frees the old. */
export function withUse(sel: Selection, name: string, use: ColumnUse, col?: ColumnProfile): Selection {
  const next: Selection = {};
  for (const [k, v] of Object.entries(sel)) next[k] = use === 'id' && v.use === 'id' && k !== name ? { ...v, use: 'ignore' } : v;
  const prev = next[name] ?? { use: 'ignore', log: false, label: '', unit: '' };
  next[name] = { ...prev, use, log: use === 'numeric' ? prev.log || (col ? suggestsLog(col) : false) : false };
  return next;
}

export const chosenFeatures = (sel: Selection) => Object.entries(sel).filter(([, c]) => c.use === 'numeric' || c.use === 'categorical');

/** Why the selection cannot be trained yet, or null. */
export function selectionError(sel: Selection): string | null {
  if (chosenFeatures(sel).length < 2) return 'Choose at least two feature columns.';
  return null;
}

/** The `features` and `id_column` of `POST /train`, in the dataset's column order. */
export function toTrainRequest(sel: Selection): { features: TrainFeature[]; id_column?: string } {
  const features: TrainFeature[] = chosenFeatures(sel).map(([name, c]) => {
    const f: TrainFeature = { name, type: c.use as 'numeric' | 'categorical' };
    if (c.use === 'numeric') f.transform = c.log ? 'log' : 'none';
    if (c.label.trim()) f.label = c.label.trim();
    if (c.unit.trim()) f.unit = c.unit.trim();
    return f;
  });
  const id = Object.entries(sel).find(([, c]) => c.use === 'id')?.[0];
  return id ? { features, id_column: id } : { features };
}

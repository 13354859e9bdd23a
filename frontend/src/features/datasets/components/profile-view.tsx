import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Button } from '@/components/ui/button';
import { Badge } from '@/components/ui/card';
import { SelectField, TextField } from '@/components/ui/field';
import { InlineError } from '@/components/ui/states';
import { fieldErrorsText, num, pct } from '@/lib/format';
import { formatValue } from '@/lib/schema-format';
import { KOptionsFields, TrainJobView, useActivateChoice, useKOptions, useTraining } from '@/components/training/train-fields';
import type { TrainInput } from '@/lib/training';
import type { ColumnProfile, Dataset } from '@/types/api';
import { detectDateOrder, mappingError, rememberedMapping, suggestMapping, toColumns, type DateChoice, type OrderMapping } from '../api/orders';
import {
  chosenFeatures,
  initialSelection,
  selectionError,
  suggestsLog,
  toTrainRequest,
  USE_LABELS,
  usesFor,
  withUse,
  type ColumnChoice,
  type ColumnUse,
} from '../api/selection';
import { ColumnHistogram, TopValues } from './distribution-charts';
import { OrderMappingFields } from './order-mapping';

/** Sample values of a profiled column (its bounds and most frequent values), to detect a date order. */
function sampleValues(column: ColumnProfile | undefined): string[] {
  if (!column) return [];
  const top = column.top_values;
  const tops = Array.isArray(top) ? top.map((t) => t.value) : top ? Object.keys(top) : [];
  return [column.min, column.max, ...tops].filter((v): v is string => typeof v === 'string');
}

const TYPE_TONES = { numeric: 'blue', categorical: 'amber', id: 'slate', date: 'slate', text: 'slate' } as const;

function ColumnStats({ column, rows }: { column: ColumnProfile; rows: number | null }) {
  const items: [string, string][] = [
    ['Missing', `${column.missing.toLocaleString()}${rows ? ` (${pct(column.missing / rows, 1)})` : ''}`],
    ['Distinct', `${column.distinct_exact === false ? '≈ ' : ''}${column.distinct.toLocaleString()}`],
  ];
  if (column.type === 'numeric') {
    items.push(['Min', formatValue(column.min)], ['Max', formatValue(column.max)], ['Mean', num(column.mean)], ['Std', num(column.std)]);
  }
  return (
    <dl className="grid grid-cols-2 gap-x-3 gap-y-0.5 text-xs sm:grid-cols-3">
      {items.map(([k, v]) => (
        <div key={k} className="flex justify-between gap-2">
          <dt className="text-slate-600">{k}</dt>
          <dd className="tabular-nums text-slate-900">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function ColumnCard({
  column,
  rows,
  choice,
  onChange,
  editable,
}: {
  column: ColumnProfile;
  rows: number | null;
  choice?: ColumnChoice;
  onChange: (use: ColumnUse | null, patch?: Partial<ColumnChoice>) => void;
  editable: boolean;
}) {
  const id = useId();
  const isFeature = choice?.use === 'numeric' || choice?.use === 'categorical';
  return (
    <li className="min-w-0 space-y-2 rounded-lg border border-slate-200 bg-white p-3" data-testid="column-card" data-column={column.name}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="min-w-0 break-all font-semibold text-slate-900">{column.name}</h3>
        <div className="flex flex-wrap gap-1">
          <Badge tone={TYPE_TONES[column.type] ?? 'slate'}>{column.type}</Badge>
          <Badge tone={column.suggested === 'ignore' ? 'slate' : 'green'}>suggested: {column.suggested}</Badge>
          {suggestsLog(column) && <Badge tone="amber">log suggested</Badge>}
        </div>
      </div>
      <ColumnStats column={column} rows={rows} />
      {column.type === 'numeric' ? (
        <ColumnHistogram column={column} />
      ) : column.type === 'categorical' || column.type === 'text' ? (
        <TopValues column={column} rows={rows} />
      ) : null}
      {editable && choice && (
        <div className="space-y-2 border-t border-slate-100 pt-2">
          <SelectField id={`${id}-use`} label={`Use ${column.name} as`} value={choice.use} onChange={(e) => onChange(e.target.value as ColumnUse)}>
            {usesFor(column).map((u) => (
              <option key={u} value={u}>
                {USE_LABELS[u]}
                {u === 'categorical' && column.type !== 'categorical' ? ` (${column.distinct.toLocaleString()} values)` : ''}
              </option>
            ))}
          </SelectField>
          {choice.use === 'numeric' && (
            <label className="inline-flex items-center gap-2 text-sm">
              <input type="checkbox" className="h-4 w-4" checked={choice.log} onChange={(e) => onChange(null, { log: e.target.checked })} />
              Log transform {column.name}
              {suggestsLog(column) ? ' (suggested: skewed)' : ''}
            </label>
          )}
          {isFeature && (
            <div className="grid grid-cols-1 gap-2 sm:grid-cols-2">
              <TextField
                id={`${id}-label`}
                label={`Label for ${column.name} (optional)`}
                value={choice.label}
                maxLength={100}
                placeholder={column.name.replace(/_/g, ' ')}
                onChange={(e) => onChange(null, { label: e.target.value })}
              />
              {choice.use === 'numeric' && (
                <TextField
                  id={`${id}-unit`}
                  label={`Unit of ${column.name} (optional)`}
                  value={choice.unit}
                  maxLength={100}
                  placeholder="e.g. k$, days"
                  onChange={(e) => onChange(null, { unit: e.target.value })}
                />
              )}
            </div>
          )}
        </div>
      )}
    </li>
  );
}

function RejectedRows({ dataset }: { dataset: Dataset }) {
  const errors = dataset.errors;
  if (!dataset.rejected_rows && !errors.length) return null;
  return (
    <div className="space-y-1">
      <h3 className="text-sm font-semibold">Rejected rows ({(dataset.rejected_rows ?? errors.length).toLocaleString()})</h3>
      <p className="text-xs text-slate-700">Rows with invalid values are counted and left out, never repaired. The first {errors.length} are listed.</p>
      <ul className="max-h-56 list-disc overflow-auto pl-5 text-sm text-slate-800" data-testid="rejected-rows">
        {errors.map((e, i) => (
          <li key={`${e.row}-${i}`}>
            <strong>Row {e.row}</strong>
            {e.customer_id ? ` (customer ${e.customer_id})` : ''}: {fieldErrorsText(e.errors)}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * A ready dataset's profile, column by column; analysts pick the features (numeric or
 * categorical), the id column and log transforms, then train on them.
 */
export function ProfileView({ dataset, canTrain }: { dataset: Dataset; canTrain: boolean }) {
  const [selection, setSelection] = useState(() => initialSelection(dataset.columns));
  const [selectionMsg, setSelectionMsg] = useState<string | null>(null);
  const k = useKOptions();
  const activate = useActivateChoice();
  const training = useTraining();
  const transactions = dataset.kind === 'transactions';
  const editable = canTrain && !transactions;
  const columnNames = dataset.columns.map((c) => c.name);
  const [remembered] = useState(() => (transactions ? rememberedMapping(dataset.dataset_id) : null));
  const [mapping, setMapping] = useState<OrderMapping>(() => remembered?.columns ?? suggestMapping(columnNames));
  const [dateOrder, setDateOrder] = useState<DateChoice>(remembered?.dateOrder ?? 'auto');

  const change = (col: ColumnProfile) => (use: ColumnUse | null, patch?: Partial<ColumnChoice>) => {
    setSelectionMsg(null);
    setSelection((sel) => {
      const next = use ? withUse(sel, col.name, use, col) : sel;
      return patch ? { ...next, [col.name]: { ...next[col.name]!, ...patch } } : next;
    });
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const selErr = transactions ? mappingError(mapping) : selectionError(selection);
    setSelectionMsg(selErr);
    const kOk = k.validate();
    if (selErr || !kOk) return;
    const input: TrainInput = { dataset_id: dataset.dataset_id, ...k.toInput() };
    if (transactions) {
      input.columns = toColumns(mapping);
      if (dateOrder !== 'auto') input.date_order = dateOrder;
    } else Object.assign(input, toTrainRequest(selection));
    if (activate.value !== undefined) input.activate = activate.value;
    training.start.mutate(input);
  };

  const chosen = chosenFeatures(selection);
  const idColumn = Object.entries(selection).find(([, c]) => c.use === 'id')?.[0];

  return (
    <div className="space-y-4">
      {transactions && (
        <p className="text-sm text-slate-700">
          An orders file: training turns it, per customer, into recency, frequency, monetary value, average order value and tenure (RFM) and segments on those.
          Cancellations and returns are netted; lines without a customer or a usable date or price are counted and left out.
        </p>
      )}
      <ul className="grid grid-cols-1 gap-3 md:grid-cols-2 xl:grid-cols-3" aria-label="Columns">
        {dataset.columns.map((col) => (
          <ColumnCard key={col.name} column={col} rows={dataset.rows} choice={selection[col.name]} onChange={change(col)} editable={editable} />
        ))}
      </ul>
      <RejectedRows dataset={dataset} />
      {canTrain && (
        <form onSubmit={submit} noValidate className="space-y-3 rounded-lg border border-slate-200 bg-slate-50 p-3" aria-label="Train on this dataset">
          <h3 className="text-sm font-semibold">Train a model on this dataset</h3>
          {!transactions && (
            <p className="text-sm text-slate-800" data-testid="selection-summary" aria-live="polite">
              {chosen.length ? `Features: ${chosen.map(([name, c]) => `${name} (${c.use}${c.log ? ', log' : ''})`).join(', ')}.` : 'No feature columns chosen.'}{' '}
              {idColumn ? `Customer id: ${idColumn}.` : 'No customer id column.'}
            </p>
          )}
          {transactions && (
            <OrderMappingFields
              columns={columnNames}
              mapping={mapping}
              onChange={(m) => {
                setMapping(m);
                setSelectionMsg(null);
              }}
              dateOrder={dateOrder}
              onDateOrder={setDateOrder}
              detected={detectDateOrder(sampleValues(dataset.columns.find((c) => c.name === mapping.date)))}
            />
          )}
          {selectionMsg && (
            <p role="alert" className="text-xs font-medium text-red-700">
              {selectionMsg}
            </p>
          )}
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
            <KOptionsFields options={k} />
          </div>
          {activate.field}
          <div>
            <Button type="submit" loading={training.running} disabled={training.running}>
              {transactions ? 'Train on these orders' : 'Train on these columns'}
            </Button>
          </div>
          <InlineError error={training.start.error} />
          <TrainJobView training={training} />
          {training.job.data?.status === 'succeeded' && (
            <Link
              to={`/models?version=${encodeURIComponent(training.job.data.model_version ?? '')}`}
              className="inline-block text-sm font-medium text-blue-800 underline"
              data-testid="trained-model-link"
            >
              {transactions ? 'See its segments: the RFM grid and each segment’s customers' : 'Compare it with the other versions on the Models page'}
            </Link>
          )}
        </form>
      )}
    </div>
  );
}

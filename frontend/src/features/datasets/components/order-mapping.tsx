import { useId } from 'react';
import { SelectField } from '@/components/ui/field';
import { Table, Td, Th } from '@/components/ui/table';
import type { DateOrder, OrderRole } from '@/lib/training';
import { DELIMITER_NAMES, ROLES, type DateChoice, type OrderMapping, type Preview } from '../api/orders';

const ROLE_LABELS = Object.fromEntries(ROLES.map((r) => [r.role, r.label])) as Record<OrderRole, string>;
const DATE_LABELS: Record<'iso' | DateOrder, string> = {
  iso: 'ISO (year first)',
  'day-first': 'day first (31/12/2010)',
  'month-first': 'month first (12/31/2010)',
};

/** The first rows of the file as they were parsed, each column headed by the role it has. */
export function OrderPreviewTable({ preview, mapping }: { preview: Preview; mapping: OrderMapping }) {
  const roleOf = (column: string) => (Object.entries(mapping) as [OrderRole, string][]).find(([, c]) => c === column)?.[0];
  return (
    <div className="space-y-1" data-testid="orders-preview">
      <p className="text-xs text-slate-700">
        The first {preview.rows.length} rows as read ({DELIMITER_NAMES[preview.delimiter]} separated, {preview.header.length} columns).
      </p>
      <Table caption="Preview of the first rows">
        <thead>
          <tr>
            {preview.header.map((h, i) => {
              const role = roleOf(h);
              return (
                <Th key={`${h}-${i}`} className={role ? 'bg-blue-50' : ''}>
                  <span className="block normal-case">{h}</span>
                  <span className="block text-[11px] font-normal normal-case text-slate-600">{role ? ROLE_LABELS[role] : 'not used'}</span>
                </Th>
              );
            })}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {preview.rows.map((row, r) => (
            <tr key={r}>
              {preview.header.map((_, c) => (
                <Td key={c}>{row[c] ?? ''}</Td>
              ))}
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}

/**
 * One select per role over the file's columns, pre-selected from the header, and how slashed
 * dates read (detected, or chosen when the analyst knows the file better).
 */
export function OrderMappingFields({
  columns,
  mapping,
  onChange,
  dateOrder,
  onDateOrder,
  detected,
  error,
}: {
  columns: string[];
  mapping: OrderMapping;
  onChange: (m: OrderMapping) => void;
  dateOrder: DateChoice;
  onDateOrder: (d: DateChoice) => void;
  detected: 'iso' | DateOrder | null;
  error?: string | null;
}) {
  const id = useId();
  return (
    <fieldset className="space-y-3" data-testid="orders-mapping">
      <legend className="text-sm font-semibold text-slate-900">Which column is which</legend>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {ROLES.map(({ role, label, hint }) => (
          <SelectField
            key={role}
            id={`${id}-${role}`}
            label={label}
            hint={hint}
            value={mapping[role] ?? ''}
            onChange={(e) => onChange({ ...mapping, [role]: e.target.value || undefined })}
          >
            <option value="">— none —</option>
            {columns.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </SelectField>
        ))}
        <SelectField
          id={`${id}-dates`}
          label="Dates read"
          value={dateOrder}
          onChange={(e) => onDateOrder(e.target.value as DateChoice)}
          hint={detected ? `Detected from the rows: ${DATE_LABELS[detected]}.` : 'Detected from the file when training.'}
        >
          <option value="auto">As detected{detected ? ` (${DATE_LABELS[detected]})` : ''}</option>
          <option value="day-first">Day first (31/12/2010)</option>
          <option value="month-first">Month first (12/31/2010)</option>
        </SelectField>
      </div>
      {error && (
        <p role="alert" className="text-xs font-medium text-red-700">
          {error}
        </p>
      )}
    </fieldset>
  );
}

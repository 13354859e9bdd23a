import type { ReactNode, TdHTMLAttributes } from 'react';

/** A column heading: its text, or its content and classes (`text-right` for numbers). */
export type Column = string | { label: ReactNode; className?: string };

/** A right-aligned column heading, for numbers. */
export const numeric = (label: string): Column => ({ label, className: 'text-right' });

/** A horizontally scrollable table wrapper with a caption for screen readers and, given `columns`,
 * its header row. With `stack`, each row becomes a card on a phone (cells show their `data-label`;
 * see index.css). */
export function Table({ caption, columns, children, stack = false }: { caption: string; columns?: Column[]; children: ReactNode; stack?: boolean }) {
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white" tabIndex={0} role="region" aria-label={caption}>
      <table className={`min-w-full divide-y divide-slate-200 text-left text-sm${stack ? ' stack-table' : ''}`}>
        <caption className="sr-only">{caption}</caption>
        {columns && (
          <thead>
            <tr>
              {columns.map((c, i) =>
                typeof c === 'string' ? (
                  <Th key={i}>{c}</Th>
                ) : (
                  <Th key={i} className={c.className}>
                    {c.label}
                  </Th>
                ),
              )}
            </tr>
          </thead>
        )}
        {children}
      </table>
    </div>
  );
}

/** Cells keep to one line unless the caller chooses another `whitespace-*` (one class wins, not CSS order). */
const wrap = (className: string) => (/(^|\s)whitespace-/.test(className) ? '' : 'whitespace-nowrap');

export function Th({ children, className = '' }: { children?: ReactNode; className?: string }) {
  return (
    <th scope="col" className={`${wrap(className)} bg-slate-50 px-3 py-2 text-xs font-semibold uppercase tracking-wide text-slate-700 ${className}`}>
      {children}
    </th>
  );
}

export function Td({ children, className = '', ...rest }: TdHTMLAttributes<HTMLTableCellElement> & { 'data-testid'?: string; 'data-label'?: string }) {
  return (
    <td className={`${wrap(className)} px-3 py-2 text-slate-800 ${className}`} {...rest}>
      {children}
    </td>
  );
}

/** Renders any JSON-ish value readably (for fields the contract leaves open). */
export function ValueView({ value }: { value: unknown }): ReactNode {
  if (value === null || value === undefined) return <span className="text-slate-500">—</span>;
  if (typeof value === 'number') return Number.isInteger(value) ? value : value.toFixed(4);
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  return <code className="text-xs wrap-anywhere">{JSON.stringify(value)}</code>;
}

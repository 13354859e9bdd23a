import { num, pct } from '@/lib/format';
import type { ColumnProfile } from '@/types/api';
import { columnBins, median, topValues } from '../api/distribution';

/** A small histogram of a numeric column (the profile's bins, or drawn from its quantiles). */
export function ColumnHistogram({ column }: { column: ColumnProfile }) {
  const bins = columnBins(column);
  if (!bins.length) return <p className="text-xs text-slate-600">No distribution in the profile.</p>;
  const max = Math.max(...bins.map((b) => b.share), 1e-9);
  const med = median(column);
  const lo = bins[0]!.from;
  const hi = bins[bins.length - 1]!.to;
  const label = `Histogram of ${column.name} from ${num(lo)} to ${num(hi)}${med !== null ? `, median ${num(med)}` : ''}`;
  return (
    <figure className="space-y-1">
      <svg viewBox={`0 0 ${bins.length * 10} 40`} preserveAspectRatio="none" className="h-14 w-full" role="img" aria-label={label} data-testid="histogram">
        {bins.map((b, i) => {
          const h = (b.share / max) * 38;
          return (
            <rect key={i} x={i * 10 + 0.5} y={40 - h} width={9} height={h} className="fill-blue-700">
              <title>{`${num(b.from)} to ${num(b.to)}: ${pct(b.share, 1)}`}</title>
            </rect>
          );
        })}
      </svg>
      <figcaption className="flex justify-between text-xs text-slate-600">
        <span>{num(lo)}</span>
        {med !== null && <span>median {num(med)}</span>}
        <span>{num(hi)}</span>
      </figcaption>
    </figure>
  );
}

/** The most frequent values as bars, with counts and shares of the rows. */
export function TopValues({ column, rows, limit = 6 }: { column: ColumnProfile; rows: number | null; limit?: number }) {
  const values = topValues(column);
  if (!values.length) return <p className="text-xs text-slate-600">No frequent values in the profile.</p>;
  const total = rows && rows > 0 ? rows : values.reduce((s, v) => s + v.count, 0);
  const shown = values.slice(0, limit);
  return (
    <ul className="space-y-1" aria-label={`Most frequent values of ${column.name}`}>
      {shown.map((v) => (
        <li key={v.value} className="text-xs">
          <div className="flex justify-between gap-2">
            <span className="min-w-0 truncate font-medium" title={v.value}>
              {v.value === '' ? '(empty)' : v.value}
            </span>
            <span className="tabular-nums text-slate-700">
              {v.count.toLocaleString()} ({pct(v.count / total, 1)})
            </span>
          </div>
          <div className="mt-0.5 h-1.5 w-full rounded bg-slate-100" aria-hidden="true">
            <div className="h-1.5 rounded bg-blue-700" style={{ width: `${Math.max(1, (v.count / total) * 100)}%` }} />
          </div>
        </li>
      ))}
      {values.length > limit && <li className="text-xs text-slate-600">and {values.length - limit} more in the profile</li>}
    </ul>
  );
}

/** `progress` may be a fraction or a percentage; returns 0-100. */
export function progressPercent(p: number | null | undefined): number {
  if (p === null || p === undefined || !Number.isFinite(p)) return 0;
  return Math.max(0, Math.min(100, p <= 1 ? p * 100 : p));
}

/** A labelled progress bar (`role="progressbar"`, 0-100); without `value` it is indeterminate. */
export function ProgressBar({ label, value, valueText }: { label: string; value?: number | null; valueText?: string }) {
  const known = value !== undefined && value !== null && Number.isFinite(value);
  const pct = known ? Math.max(0, Math.min(100, value)) : 0;
  return (
    <div
      className="h-2.5 w-full overflow-hidden rounded bg-slate-200"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={known ? Math.round(pct) : undefined}
      aria-valuetext={valueText ?? (known ? `${Math.round(pct)}%` : undefined)}
    >
      <div
        className={known ? 'h-full bg-blue-700 transition-all' : 'h-full w-1/3 animate-pulse bg-blue-700'}
        style={known ? { width: `${pct}%` } : undefined}
      />
    </div>
  );
}

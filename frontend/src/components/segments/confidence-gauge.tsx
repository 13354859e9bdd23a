/** A semicircular gauge in plain SVG (no chart library on this path). */
export function ConfidenceGauge({ value, size = 160 }: { value: number; size?: number }) {
  const v = Math.max(0, Math.min(1, Number.isFinite(value) ? value : 0));
  const r = 60;
  const cx = 80;
  const cy = 76;
  const angle = Math.PI * (1 - v);
  const x = cx + r * Math.cos(angle);
  const y = cy - r * Math.sin(angle);
  const large = 0; // the arc never exceeds 180 degrees
  const color = v >= 0.75 ? '#15803d' : v >= 0.5 ? '#b45309' : '#b91c1c';
  const label = v >= 0.75 ? 'high' : v >= 0.5 ? 'moderate' : 'low';
  return (
    <figure className="flex flex-col items-center" aria-label={`Confidence ${Math.round(v * 100)}%, ${label}`} role="img">
      <svg viewBox="0 0 160 90" width={size} height={(size * 90) / 160} aria-hidden="true">
        <path d={`M ${cx - r} ${cy} A ${r} ${r} 0 0 1 ${cx + r} ${cy}`} fill="none" stroke="#e2e8f0" strokeWidth="14" strokeLinecap="round" />
        {v > 0 && (
          <path
            d={`M ${cx - r} ${cy} A ${r} ${r} 0 ${large} 1 ${x.toFixed(2)} ${y.toFixed(2)}`}
            fill="none"
            stroke={color}
            strokeWidth="14"
            strokeLinecap="round"
          />
        )}
        <text x={cx} y={cy - 8} textAnchor="middle" fontSize="22" fontWeight="700" fill="#0f172a">
          {Math.round(v * 100)}%
        </text>
      </svg>
      <figcaption className="text-xs text-slate-700">Confidence ({label})</figcaption>
    </figure>
  );
}

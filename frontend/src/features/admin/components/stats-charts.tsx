import { WrappedTick } from '@/components/ui/chart-tick';
import { Bar, BarChart, CartesianGrid, Cell, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { featureLabel, segmentColor } from '@/lib/format';

export function SeriesChart({
  data,
  label,
  kind = 'line',
  colorOf,
}: {
  data: { label: string; value: number }[];
  label: string;
  kind?: 'line' | 'bar';
  colorOf?: (label: string, index: number) => string;
}) {
  const total = data.reduce((s, d) => s + d.value, 0);
  return (
    <div className="h-56" role="img" aria-label={`${label}: ${data.length} points, ${total} in total`}>
      <ResponsiveContainer width="100%" height="100%">
        {kind === 'line' ? (
          <LineChart data={data} margin={{ left: 0, right: 12 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="label" fontSize={11} tickFormatter={(v: string) => v.slice(5)} minTickGap={16} />
            <YAxis allowDecimals={false} fontSize={12} width={40} />
            <Tooltip />
            <Line type="monotone" dataKey="value" name={label} stroke="#1d4ed8" strokeWidth={2} dot={false} isAnimationActive={false} />
          </LineChart>
        ) : (
          <BarChart data={data} layout="vertical" margin={{ left: 8, right: 16 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" allowDecimals={false} fontSize={12} />
            <YAxis type="category" dataKey="label" width={120} tick={<WrappedTick width={120} />} interval={0} />
            <Tooltip />
            <Bar dataKey="value" name={label} isAnimationActive={false}>
              {data.map((d, i) => (
                <Cell key={d.label} fill={colorOf ? colorOf(d.label, i) : segmentColor(i)} />
              ))}
            </Bar>
          </BarChart>
        )}
      </ResponsiveContainer>
    </div>
  );
}

export function DriftChart({ features }: { features: { feature: string; psi: number | null }[] }) {
  const data = features.map((f) => ({ feature: featureLabel(f.feature), psi: f.psi ?? 0 }));
  return (
    <div className="h-56" role="img" aria-label={`Population stability index per feature: ${data.map((d) => `${d.feature} ${d.psi.toFixed(3)}`).join(', ')}`}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ left: 8, right: 16 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" fontSize={12} domain={[0, (max: number) => Math.max(0.3, max)]} tickFormatter={(v: number) => v.toFixed(2)} />
          <YAxis type="category" dataKey="feature" width={120} tick={<WrappedTick width={120} />} interval={0} />
          <ReferenceLine x={0.1} stroke="#b45309" strokeDasharray="4 2" />
          <ReferenceLine x={0.25} stroke="#b91c1c" strokeDasharray="4 2" />
          <Tooltip formatter={(v) => Number(v).toFixed(3)} />
          <Bar dataKey="psi" name="PSI" isAnimationActive={false}>
            {data.map((d) => (
              <Cell key={d.feature} fill={d.psi >= 0.25 ? '#b91c1c' : d.psi >= 0.1 ? '#d97706' : '#15803d'} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Elbow } from '@/types/api';
import { usedK } from './quality-charts';

export function ElbowCharts({ elbow }: { elbow: Partial<Elbow> }) {
  const ks = elbow.k_range ?? [];
  const data = ks.map((k, i) => ({ k, inertia: elbow.inertias?.[i] ?? null, silhouette: elbow.silhouette_scores?.[i] ?? null }));
  if (!data.length) return <p className="text-sm text-slate-700">No elbow data for this model (trained with a fixed K).</p>;
  const optimal = usedK(elbow);
  return (
    <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
      <figure>
        <figcaption className="mb-1 text-sm font-medium">Inertia by K (elbow)</figcaption>
        <div className="h-56" role="img" aria-label={`Inertia for K from ${ks[0]} to ${ks[ks.length - 1]}${optimal ? `; chosen K is ${optimal}` : ''}`}>
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={data} margin={{ left: 8, right: 12 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="k" fontSize={12} />
              <YAxis fontSize={12} width={56} tickFormatter={(v: number) => (v >= 1000 ? `${Math.round(v / 1000)}k` : String(Math.round(v)))} />
              <Tooltip formatter={(v) => Number(v).toFixed(1)} />
              {optimal !== undefined && (
                <ReferenceLine x={optimal} stroke="#b45309" strokeDasharray="4 2" label={{ value: `K=${optimal}`, fontSize: 11, fill: '#92400e' }} />
              )}
              <Line type="monotone" dataKey="inertia" name="Inertia" stroke="#1d4ed8" strokeWidth={2} dot isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        </div>
      </figure>
      <figure>
        <figcaption className="mb-1 text-sm font-medium">Silhouette score by K</figcaption>
        <div
          className="h-56"
          role="img"
          aria-label={`Silhouette score for K from ${ks[0]} to ${ks[ks.length - 1]}${optimal ? `; the model uses K ${optimal}` : ''}`}
        >
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={data} margin={{ left: 8, right: 12 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="k" fontSize={12} />
              <YAxis fontSize={12} width={44} domain={['auto', 'auto']} tickFormatter={(v: number) => v.toFixed(2)} />
              <Tooltip formatter={(v) => Number(v).toFixed(3)} />
              {optimal !== undefined && (
                <ReferenceLine x={optimal} stroke="#b45309" strokeDasharray="4 2" label={{ value: `K=${optimal}`, fontSize: 11, fill: '#92400e' }} />
              )}
              <Line type="monotone" dataKey="silhouette" name="Silhouette" stroke="#059669" strokeWidth={2} dot connectNulls isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        </div>
      </figure>
    </div>
  );
}

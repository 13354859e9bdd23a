import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Elbow } from '@/types/api';

type Measure = { key: keyof Elbow; title: string; hint: string; digits: number };

/** Every measure the trainer reports per K, besides inertia and silhouette (elbow-charts). */
export const MEASURES: Measure[] = [
  { key: 'calinski_harabasz_scores', title: 'Calinski-Harabasz by K', hint: 'higher is better', digits: 0 },
  { key: 'davies_bouldin_scores', title: 'Davies-Bouldin by K', hint: 'lower is better', digits: 3 },
  { key: 'stability_scores', title: 'Stability by K (bootstrap agreement)', hint: 'closer to 1 is better', digits: 3 },
  { key: 'min_segment_stability', title: 'Least stable segment by K', hint: '0.6 or more: no segment dissolves on resampled data', digits: 3 },
];

/** The K the model uses: the analyst's k or the rule's choice. */
export const usedK = (elbow: Partial<Elbow>): number | undefined => elbow.chosen_k ?? elbow.optimal_k ?? undefined;

export function QualityCharts({ elbow }: { elbow: Partial<Elbow> }) {
  const ks = elbow.k_range ?? [];
  const used = usedK(elbow);
  const available = MEASURES.filter((m) => Array.isArray(elbow[m.key]));
  if (!ks.length || !available.length) return null;
  return (
    <div className="space-y-3" data-testid="quality-charts">
      {elbow.rule && <p className="text-sm text-slate-700">How K is chosen: {elbow.rule}.</p>}
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        {available.map((m) => {
          const values = elbow[m.key] as number[];
          const data = ks.map((k, i) => ({ k, value: values[i] ?? null }));
          const at = used === undefined ? undefined : values[ks.indexOf(used)];
          return (
            <figure key={m.key}>
              <figcaption className="mb-1 text-sm font-medium">
                {m.title} <span className="font-normal text-slate-600">({m.hint})</span>
              </figcaption>
              <div
                className="h-44"
                role="img"
                aria-label={`${m.title}${used !== undefined && at !== undefined ? `; ${at.toFixed(m.digits)} at the K used, ${used}` : ''}`}
              >
                <ResponsiveContainer width="100%" height="100%">
                  <LineChart data={data} margin={{ left: 8, right: 12 }}>
                    <CartesianGrid strokeDasharray="3 3" />
                    <XAxis dataKey="k" fontSize={12} />
                    <YAxis fontSize={12} width={48} domain={['auto', 'auto']} tickFormatter={(v: number) => v.toFixed(m.digits === 0 ? 0 : 2)} />
                    <Tooltip formatter={(v) => Number(v).toFixed(m.digits)} />
                    {used !== undefined && (
                      <ReferenceLine x={used} stroke="#b45309" strokeDasharray="4 2" label={{ value: `K=${used}`, fontSize: 11, fill: '#92400e' }} />
                    )}
                    <Line type="monotone" dataKey="value" name={m.title} stroke="#334155" strokeWidth={2} dot connectNulls isAnimationActive={false} />
                  </LineChart>
                </ResponsiveContainer>
              </div>
            </figure>
          );
        })}
      </div>
    </div>
  );
}

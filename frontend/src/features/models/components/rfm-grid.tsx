import { CartesianGrid, Cell, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from 'recharts';
import { segmentColors } from '@/lib/segment-colors';
import type { ClusterInfo } from '@/types/api';

export type RfmPoint = { id: number; name: string; recency: number; frequency: number; monetary: number; size: number };

/** Segments of a model trained on RFM features (recency, frequency, monetary centroids), or null. */
export function rfmPoints(clusters: ClusterInfo[]): RfmPoint[] | null {
  const points: RfmPoint[] = [];
  for (const cluster of clusters) {
    const centroid = cluster.centroid;
    if (Array.isArray(centroid)) return null;
    const { recency_days: recency, frequency, monetary } = centroid;
    if (recency === undefined || frequency === undefined || monetary === undefined) return null;
    points.push({ id: cluster.cluster_id, name: cluster.cluster_name, recency, frequency, monetary, size: cluster.size });
  }
  return points.length ? points : null;
}

const fmt = (value: number, digits = 0) => value.toLocaleString('en-US', { maximumFractionDigits: digits });

/** The RFM grid: recency (days since the last order, recent on the right) by frequency, bubbles sized by spend. */
export function RfmGrid({ clusters }: { clusters: ClusterInfo[] }) {
  const points = rfmPoints(clusters);
  if (!points) return null;
  const colors = segmentColors(clusters);
  return (
    <figure data-testid="rfm-grid">
      <figcaption className="mb-1 text-sm font-medium">RFM grid: recency by frequency, sized by net spend</figcaption>
      <div className="h-64" role="img" aria-label={`RFM grid of ${points.length} segments`}>
        <ResponsiveContainer width="100%" height="100%">
          <ScatterChart margin={{ left: 8, right: 16, top: 8 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis type="number" dataKey="recency" name="Days since last order" reversed fontSize={12} />
            <YAxis type="number" dataKey="frequency" name="Orders" fontSize={12} width={44} />
            <ZAxis type="number" dataKey="monetary" name="Net spend" range={[80, 1600]} />
            <Tooltip formatter={(v) => fmt(Number(v), 1)} />
            <Scatter data={points} fillOpacity={0.7} isAnimationActive={false}>
              {points.map((p) => (
                <Cell key={p.id} fill={colors.byId(p.id)} />
              ))}
            </Scatter>
          </ScatterChart>
        </ResponsiveContainer>
      </div>
      <table className="mt-2 w-full text-sm" aria-label="RFM segments">
        <thead>
          <tr>
            <th className="text-left">Segment</th>
            <th className="text-right">Days since last order</th>
            <th className="text-right">Orders</th>
            <th className="text-right">Net spend</th>
            <th className="text-right">Customers</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.name} data-segment={p.name}>
              <td>
                <span className="flex items-center gap-2">
                  <span
                    className="inline-block h-3 w-3 shrink-0 rounded-full"
                    style={{ background: colors.byId(p.id) }}
                    data-color={colors.byId(p.id)}
                    aria-hidden="true"
                  />
                  {p.name}
                </span>
              </td>
              <td className="text-right tabular-nums">{fmt(p.recency)}</td>
              <td className="text-right tabular-nums">{fmt(p.frequency, 1)}</td>
              <td className="text-right tabular-nums">{fmt(p.monetary)}</td>
              <td className="text-right tabular-nums">{fmt(p.size)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

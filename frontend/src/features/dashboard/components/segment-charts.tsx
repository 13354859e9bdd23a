import { WrappedTick } from '@/components/ui/chart-tick';
import { Bar, BarChart, CartesianGrid, Cell, Legend, ReferenceLine, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from 'recharts';
import { Table, Td, Th } from '@/components/ui/table';
import { num, pct } from '@/lib/format';
import { segmentColors } from '@/lib/segment-colors';
import { formatValue, numericAverage } from '@/lib/schema-format';
import { fieldLabel } from '@/lib/schema';
import type { ClusterInfo, CustomerFeatures, ModelSchema } from '@/types/api';
import type { Projection } from '../api/segments';

/** Size-weighted averages of the segments: the population's average per numeric feature. */
export function populationAverages(clusters: ClusterInfo[], names: string[]): Record<string, number> {
  const total = clusters.reduce((s, c) => s + (c.size || 0), 0) || 1;
  return Object.fromEntries(names.map((n) => [n, clusters.reduce((s, c) => s + (numericAverage(c, n) ?? 0) * (c.size || 0), 0) / total]));
}

/** The population's share of one category of a categorical feature. */
function populationShare(clusters: ClusterInfo[], feature: string, category: string): number {
  const total = clusters.reduce((s, c) => s + (c.size || 0), 0) || 1;
  return clusters.reduce((s, c) => s + (c.category_shares?.[feature]?.[category] ?? 0) * (c.size || 0), 0) / total;
}

/** The segment's averages (and category shares) next to the whole population, and the customer's values when given. */
export function SegmentProfile({
  clusters,
  clusterId,
  customer,
  schema,
}: {
  clusters: ClusterInfo[];
  clusterId: number;
  customer?: CustomerFeatures | null;
  schema: ModelSchema;
}) {
  const seg = clusters.find((c) => c.cluster_id === clusterId);
  if (!seg) return <p className="text-sm text-slate-700">This segment is not in the active model any more.</p>;
  const modelled = schema.features.filter((f) => !f.display_only);
  const numeric = modelled.filter((f) => f.type === 'numeric');
  const pop = populationAverages(
    clusters,
    numeric.map((f) => f.name),
  );
  const data = numeric.map((f) => {
    const average = numericAverage(seg, f.name);
    return { label: fieldLabel(f), diff: pop[f.name] && average !== null ? (average / pop[f.name]! - 1) * 100 : 0 };
  });
  const rows = modelled.map((f) => {
    if (f.type === 'numeric') {
      return { f, customer: num(customer?.[f.name] as number, 1), segment: num(numericAverage(seg, f.name), 1), population: num(pop[f.name], 1) };
    }
    const shares = seg.category_shares?.[f.name] ?? {};
    const top = Object.entries(shares).sort((a, b) => b[1] - a[1])[0]?.[0];
    const category = typeof customer?.[f.name] === 'string' ? (customer[f.name] as string) : top;
    if (!category) return { f, customer: formatValue(customer?.[f.name]), segment: '—', population: '—' };
    return {
      f,
      customer: formatValue(customer?.[f.name]),
      segment: `${category} ${pct(shares[category] ?? 0)}`,
      population: `${category} ${pct(populationShare(clusters, f.name, category))}`,
    };
  });
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-800">
        <strong>{seg.cluster_name}</strong>: {seg.description} ({pct(seg.share, 1)} of customers)
      </p>
      <Table caption={`${seg.cluster_name} compared with the population`}>
        <thead>
          <tr>
            <Th>Feature</Th>
            {customer && <Th className="text-right">Customer</Th>}
            <Th className="text-right">Segment</Th>
            <Th className="text-right">Population</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr key={r.f.name}>
              <Td>{fieldLabel(r.f)}</Td>
              {customer && <Td className="text-right tabular-nums">{r.customer}</Td>}
              <Td className="text-right tabular-nums">{r.segment}</Td>
              <Td className="text-right tabular-nums">{r.population}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
      {data.length > 0 && (
        <div
          style={{ height: `${Math.max(120, data.length * 36 + 48)}px` }}
          role="img"
          aria-label={`How ${seg.cluster_name} differs from the population average, in percent`}
        >
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={data} layout="vertical" margin={{ left: 16, right: 16 }}>
              <CartesianGrid strokeDasharray="3 3" horizontal={false} />
              <XAxis type="number" tickFormatter={(v: number) => `${v > 0 ? '+' : ''}${Math.round(v)}%`} fontSize={12} />
              <YAxis type="category" dataKey="label" width={110} tick={<WrappedTick width={110} />} interval={0} />
              <ReferenceLine x={0} stroke="#475569" />
              <Tooltip formatter={(v) => `${Number(v) > 0 ? '+' : ''}${Number(v).toFixed(1)}% vs population`} />
              <Bar dataKey="diff" name="Difference from population" isAnimationActive={false}>
                {data.map((d) => (
                  <Cell key={d.label} fill={d.diff >= 0 ? '#15803d' : '#b91c1c'} />
                ))}
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
    </div>
  );
}

/** Scatter of the training sample in the 2-D projection, centroids, and the customer's point. */
export function ProjectionScatter({
  projection,
  clusters,
  customerPoint,
  customerCluster,
}: {
  projection: Projection;
  clusters: ClusterInfo[];
  customerPoint?: { x: number; y: number } | null;
  customerCluster?: number | null;
}) {
  const names = new Map(clusters.map((c) => [c.cluster_id, c.cluster_name]));
  const colors = segmentColors(clusters);
  const [xLabel, yLabel] = projection.axisLabels ?? ['Component 1', 'Component 2'];
  const ids = Array.from(new Set([...projection.points.map((p) => p.cluster), ...clusters.map((c) => c.cluster_id)])).sort((a, b) => a - b);
  return (
    <div>
      <div
        className="h-80"
        role="img"
        aria-label={`Scatter plot of ${projection.points.length} customers in two dimensions, coloured by segment, with ${projection.centroids.length} segment centres${customerPoint ? ' and this customer' : ''}`}
      >
        <ResponsiveContainer width="100%" height="100%">
          <ScatterChart margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis type="number" dataKey="x" name={xLabel} fontSize={12} tickFormatter={(v: number) => v.toFixed(1)} />
            <YAxis type="number" dataKey="y" name={yLabel} fontSize={12} width={36} tickFormatter={(v: number) => v.toFixed(1)} />
            <ZAxis range={[18, 18]} />
            <Tooltip cursor={{ strokeDasharray: '3 3' }} formatter={(v) => Number(v).toFixed(2)} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {ids.map((id) => (
              <Scatter
                key={id}
                name={names.get(id) ?? `Segment ${id}`}
                data={projection.points.filter((p) => p.cluster === id)}
                fill={colors.byId(id)}
                fillOpacity={0.45}
                isAnimationActive={false}
              />
            ))}
            {projection.centroids.length > 0 && (
              <Scatter name="Segment centres" data={projection.centroids} fill="#0f172a" shape="diamond" isAnimationActive={false} />
            )}
            {customerPoint && (
              <Scatter
                name="This customer"
                data={[{ ...customerPoint, cluster: customerCluster ?? -1 }]}
                fill="#ffffff"
                stroke="#0f172a"
                strokeWidth={3}
                shape="star"
                isAnimationActive={false}
              />
            )}
          </ScatterChart>
        </ResponsiveContainer>
      </div>
      <p className="mt-1 text-xs text-slate-700" data-testid="map-axes">
        Across: {xLabel} →. Up: {yLabel} →.
      </p>
    </div>
  );
}

export function SegmentSizes({ clusters }: { clusters: ClusterInfo[] }) {
  const data = clusters.map((c) => ({ name: c.cluster_name, size: c.size, id: c.cluster_id, share: c.share }));
  const colors = segmentColors(clusters);
  return (
    <div className="h-64" role="img" aria-label={`Segment sizes: ${data.map((d) => `${d.name} ${d.size}`).join(', ')}`}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ left: 8, right: 16 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" fontSize={12} />
          <YAxis type="category" dataKey="name" width={120} tick={<WrappedTick width={120} />} interval={0} />
          <Tooltip
            formatter={(v, _n, item) => `${Number(v).toLocaleString()} customers (${pct((item?.payload as { share?: number } | undefined)?.share ?? 0, 1)})`}
          />
          <Bar dataKey="size" name="Customers" isAnimationActive={false}>
            {data.map((d) => (
              <Cell key={d.id} fill={colors.byId(d.id)} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

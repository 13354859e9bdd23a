import { Table, Td, Th } from '@/components/ui/table';
import { featureLabel, pct } from '@/lib/format';
import { segmentColors } from '@/lib/segment-colors';
import type { ClusterInfo } from '@/types/api';

/** Background of a cell for a value in standard deviations: blue above average, red below. */
export function heatColor(z: number): string {
  const strength = Math.min(Math.abs(z) / 2, 1);
  const alpha = (0.12 + 0.7 * strength).toFixed(2);
  return z >= 0 ? `rgba(29, 78, 216, ${alpha})` : `rgba(185, 28, 28, ${alpha})`;
}

/** Segments x features: how far each segment's centre lies from the population average, in SD. */
export function SegmentHeatmap({ clusters }: { clusters: ClusterInfo[] }) {
  const profiled = clusters.filter((c) => c.z_profile);
  if (!profiled.length) return <p className="text-sm text-slate-700">This model has no segment profiles (trained before they existed).</p>;
  const features = Object.keys(profiled[0]?.z_profile ?? {});
  const colors = segmentColors(clusters);
  return (
    <div data-testid="segment-heatmap">
      <Table caption="Segment centres against the population average, in standard deviations">
        <thead>
          <tr>
            <Th>Segment</Th>
            <Th className="text-right">Customers</Th>
            {features.map((f) => (
              <Th key={f} className="text-right">
                {featureLabel(f)}
              </Th>
            ))}
            <Th className="text-right">Stability</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {profiled.map((c) => (
            <tr key={c.cluster_id}>
              <Td>
                <span className="flex items-center gap-2 font-medium">
                  <span className="inline-block h-3 w-3 rounded-full" style={{ background: colors.byId(c.cluster_id) }} aria-hidden="true" />
                  {c.cluster_name}
                </span>
                {c.defined_by && <span className="block text-xs text-slate-700">{c.defined_by}</span>}
              </Td>
              <Td className="text-right tabular-nums">{pct(c.share, 1)}</Td>
              {features.map((f) => {
                const z = c.z_profile?.[f] ?? 0;
                return (
                  <Td key={f} className="text-right font-medium tabular-nums text-slate-950" style={{ background: heatColor(z) }}>
                    {z >= 0 ? '+' : ''}
                    {z.toFixed(1)} SD
                  </Td>
                );
              })}
              <Td className="text-right tabular-nums">{c.stability === undefined ? '—' : c.stability.toFixed(2)}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}

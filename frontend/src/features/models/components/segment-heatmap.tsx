import { Table, Td, Th } from '@/components/ui/table';
import { featureLabel, pct } from '@/lib/format';
import { segmentColors } from '@/lib/segment-colors';
import type { ClusterInfo } from '@/types/api';

const BLUE = [29, 78, 216] as const;
const RED = [185, 28, 28] as const;
const alphaOf = (z: number) => 0.12 + 0.7 * Math.min(Math.abs(z) / 2, 1);

/** Background of a cell for a value in standard deviations: blue above average, red below. */
export function heatColor(z: number): string {
  const [r, g, b] = z >= 0 ? BLUE : RED;
  return `rgba(${r}, ${g}, ${b}, ${alphaOf(z).toFixed(2)})`;
}

/** Dark text on light cells, white on dark ones: whichever passes WCAG AA (4.5:1) on the cell's colour over white. */
export function heatText(z: number): string {
  const a = alphaOf(z);
  const channel = (c: number) => {
    const v = (255 * (1 - a) + c * a) / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  const [r, g, b] = z >= 0 ? BLUE : RED;
  const luminance = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  // Contrast with black is (L + 0.05) / 0.05, with white 1.05 / (L + 0.05): the larger wins.
  return (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) ? 'text-slate-950' : 'text-white';
}

/** A categorical feature's categories, and each one's share of all the segments' customers together. */
export type CategoryColumn = { feature: string; category: string; overall: number };

/** The categories of every categorical feature, with the share in the whole training set (size-weighted). */
export function categoryColumns(clusters: ClusterInfo[]): CategoryColumn[] {
  const totals = new Map<string, Map<string, number>>();
  const weight = clusters.reduce((sum, c) => sum + (c.share ?? 0), 0) || 1;
  for (const c of clusters) {
    for (const [feature, shares] of Object.entries(c.category_shares ?? {})) {
      const t = totals.get(feature) ?? new Map<string, number>();
      for (const [category, share] of Object.entries(shares)) t.set(category, (t.get(category) ?? 0) + share * (c.share ?? 0));
      totals.set(feature, t);
    }
  }
  return [...totals].flatMap(([feature, t]) => [...t].sort((a, b) => b[1] - a[1]).map(([category, sum]) => ({ feature, category, overall: sum / weight })));
}

/**
 * Segments x features: how far each segment's centre lies from the population average, in SD,
 * and for each categorical feature the share of each category in the segment (coloured by how
 * far it is from the share in all customers: blue above, red below).
 */
export function SegmentHeatmap({ clusters }: { clusters: ClusterInfo[] }) {
  const profiled = clusters.filter((c) => c.z_profile);
  if (!profiled.length) return <p className="text-sm text-slate-700">This model has no segment profiles (trained before they existed).</p>;
  const categories = categoryColumns(profiled);
  const categorical = new Set(categories.map((c) => c.feature));
  // Category columns (``gender=Female``) are shown as shares, not in SD.
  const features = Object.keys(profiled[0]?.z_profile ?? {}).filter((f) => !categorical.has(f.split('=')[0]!));
  const colors = segmentColors(clusters);
  return (
    <div data-testid="segment-heatmap">
      <Table caption="Segment centres against the population average, in standard deviations" stack>
        <thead>
          <tr>
            <Th>Segment</Th>
            <Th className="text-right">Customers</Th>
            {features.map((f) => (
              <Th key={f} className="text-right">
                {featureLabel(f)}
              </Th>
            ))}
            {categories.map((c) => (
              <Th key={`${c.feature}=${c.category}`} className="text-right">
                {featureLabel(c.feature)}: {c.category}
              </Th>
            ))}
            <Th className="text-right">Stability</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {profiled.map((c) => (
            <tr key={c.cluster_id}>
              <Td data-label="Segment" className="min-w-56 whitespace-normal">
                <span className="flex items-center gap-2 font-medium">
                  <span className="inline-block h-3 w-3 rounded-full" style={{ background: colors.byId(c.cluster_id) }} aria-hidden="true" />
                  {c.cluster_name}
                </span>
                {c.defined_by && <span className="block text-xs text-slate-700">{c.defined_by}</span>}
              </Td>
              <Td data-label="Customers" className="text-right tabular-nums">
                {pct(c.share, 1)}
              </Td>
              {features.map((f) => {
                const z = c.z_profile?.[f] ?? 0;
                return (
                  <Td
                    key={f}
                    data-label={featureLabel(f)}
                    className={`text-right font-medium tabular-nums ${heatText(z)}`}
                    style={{ background: heatColor(z) }}
                  >
                    {z >= 0 ? '+' : ''}
                    {z.toFixed(1)} SD
                  </Td>
                );
              })}
              {categories.map((col) => {
                const share = c.category_shares?.[col.feature]?.[col.category] ?? 0;
                const diff = share - col.overall;
                return (
                  <Td
                    key={`${col.feature}=${col.category}`}
                    data-label={`${featureLabel(col.feature)}: ${col.category}`}
                    className={`text-right font-medium tabular-nums ${heatText(diff * 8)}`}
                    style={{ background: heatColor(diff * 8) }}
                    data-testid="category-share"
                    title={`${pct(share, 0)} of ${c.cluster_name} against ${pct(col.overall, 0)} of all customers`}
                  >
                    {pct(share, 0)}
                  </Td>
                );
              })}
              <Td data-label="Stability" className="text-right tabular-nums">
                {c.stability == null ? '—' : c.stability.toFixed(2)}
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}

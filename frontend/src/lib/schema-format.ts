import { featureLabel, num, pct } from '@/lib/format';
import type { ClusterInfo, CustomerFeatures, ModelSchema, SchemaFeature } from '@/types/api';
/** A feature's short label (no unit), for one-line summaries. */
const shortLabel = (f: SchemaFeature) => f.label?.trim() || featureLabel(f.name);

/** The features to show: the schema's, or (without one) whatever the object carries. */
function featuresOf(schema: ModelSchema | null | undefined, names: string[]): SchemaFeature[] {
  if (schema?.features.length) return schema.features;
  return names.map((name) => ({ name, label: featureLabel(name), type: 'numeric' as const }));
}

/** A segment's average of a numeric feature (`averages` gives a categorical feature its most common value). */
export function numericAverage(cluster: ClusterInfo, name: string): number | null {
  const value = cluster.averages[name];
  return typeof value === 'number' ? value : null;
}

/** A feature's value as a person reads it. */
export function formatValue(value: unknown): string {
  if (typeof value === 'number') return num(value, 2);
  if (value === null || value === undefined || value === '') return '—';
  return String(value);
}

/** "Age 45.5 · Annual income 30.3 · Gender mostly Female (60%)" for a segment. */
export function clusterSummary(cluster: ClusterInfo, schema: ModelSchema | null | undefined): string {
  const parts: string[] = [];
  for (const f of featuresOf(schema, Object.keys(cluster.averages)).filter((x) => !x.display_only)) {
    const label = shortLabel(f);
    if (f.type === 'categorical') {
      const shares = Object.entries(cluster.category_shares?.[f.name] ?? {}).sort((a, b) => b[1] - a[1]);
      if (shares.length) parts.push(`${label} mostly ${shares[0]![0]} (${pct(shares[0]![1])})`);
    } else {
      const average = numericAverage(cluster, f.name);
      if (average !== null) parts.push(`${label} ${num(average, 1)}`);
    }
  }
  return parts.join(' · ');
}

/** "Age 50 · Annual income 120 · Gender Female" for one customer's values. */
export function customerSummary(data: CustomerFeatures | null | undefined, schema: ModelSchema | null | undefined): string {
  if (!data) return '—';
  const names = Object.keys(data);
  const fields = featuresOf(schema, names).filter((f) => f.name in data);
  // Values the schema does not name (an older model's fields) are shown too, by their own names.
  const extra = names.filter((n) => !fields.some((f) => f.name === n) && data[n] !== null && data[n] !== undefined);
  const parts = [...fields.map((f) => `${shortLabel(f)} ${formatValue(data[f.name])}`), ...extra.map((n) => `${featureLabel(n)} ${formatValue(data[n])}`)];
  return parts.length ? parts.join(' · ') : '—';
}

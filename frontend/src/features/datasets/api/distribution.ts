import type { ColumnProfile } from '@/types/api';

/** A quantile level from the profile's key: "0.25", "25%", "p25", "q25" or "median". */
export function quantileLevel(key: string): number | null {
  const k = key.trim().toLowerCase();
  if (k === 'median') return 0.5;
  if (k === 'min') return 0;
  if (k === 'max') return 1;
  const m = /^(?:p|q)?(\d+(?:\.\d+)?)(%)?$/.exec(k);
  if (!m) return null;
  const n = Number(m[1]);
  const level = m[2] || /^[pq]/.test(k) || n > 1 ? n / 100 : n;
  return level >= 0 && level <= 1 ? level : null;
}

/** The profile's quantiles as (level, value) points, sorted, with min and max at 0 and 1. */
export function quantilePoints(col: Pick<ColumnProfile, 'quantiles' | 'min' | 'max'>): { level: number; value: number }[] {
  const points: { level: number; value: number }[] = [];
  for (const [key, value] of Object.entries(col.quantiles ?? {})) {
    const level = quantileLevel(key);
    if (level !== null && Number.isFinite(value)) points.push({ level, value });
  }
  const { min, max } = col;
  if (typeof min === 'number' && Number.isFinite(min) && !points.some((p) => p.level === 0)) points.push({ level: 0, value: min });
  if (typeof max === 'number' && Number.isFinite(max) && !points.some((p) => p.level === 1)) points.push({ level: 1, value: max });
  points.sort((a, b) => a.level - b.level || a.value - b.value);
  // Quantiles never decrease; drop anything that would (rounding in the source).
  const out: { level: number; value: number }[] = [];
  for (const p of points) if (!out.length || p.value >= out[out.length - 1]!.value) out.push(p);
  return out;
}

/**
 * The cumulative share of values <= x, linear between known quantiles (right-continuous: a
 * value repeated at several levels is a jump).
 */
function cdf(points: { level: number; value: number }[], x: number): number {
  if (!points.length) return 0;
  const first = points[0]!;
  const last = points[points.length - 1]!;
  if (x < first.value) return 0;
  if (x >= last.value) return 1;
  let i = 0;
  while (i + 1 < points.length && points[i + 1]!.value <= x) i++;
  const a = points[i]!;
  const b = points[i + 1]!;
  return a.level + ((b.level - a.level) * (x - a.value)) / (b.value - a.value);
}

export type Bin = { from: number; to: number; share: number };

/**
 * A histogram of equal-width bins from the profile's quantiles (the values themselves never
 * leave storage): each bin's share is the rise of the interpolated distribution over it.
 */
export function histogramFromQuantiles(col: Pick<ColumnProfile, 'quantiles' | 'min' | 'max'>, bins = 12): Bin[] {
  const points = quantilePoints(col);
  if (points.length < 2) return [];
  const lo = points[0]!.value;
  const hi = points[points.length - 1]!.value;
  if (hi === lo) return [{ from: lo, to: hi, share: 1 }];
  const width = (hi - lo) / bins;
  const out: Bin[] = [];
  let prev = 0; // everything below the first edge (none); the first bin takes the jump at `lo`
  for (let i = 0; i < bins; i++) {
    const to = i === bins - 1 ? hi : lo + width * (i + 1);
    const c = cdf(points, to);
    out.push({ from: lo + width * i, to, share: Math.max(0, c - prev) });
    prev = c;
  }
  return out;
}

/**
 * The column's distribution as bins: the profile's own histogram when it has one (counts of
 * equal-width bins), else one drawn from its quantiles.
 */
export function columnBins(col: Pick<ColumnProfile, 'quantiles' | 'min' | 'max' | 'histogram'>, bins = 12): Bin[] {
  const h = col.histogram;
  if (h && Array.isArray(h.edges) && Array.isArray(h.counts) && h.counts.length && h.edges.length === h.counts.length + 1) {
    const total = h.counts.reduce((s, c) => s + c, 0);
    if (total > 0) return h.counts.map((c, i) => ({ from: h.edges[i]!, to: h.edges[i + 1]!, share: c / total }));
  }
  return histogramFromQuantiles(col, bins);
}

/** The most frequent values with their counts, most frequent first. */
export function topValues(col: Pick<ColumnProfile, 'top_values'>): { value: string; count: number }[] {
  return [...(col.top_values ?? [])].sort((a, b) => b.count - a.count);
}

/** The median from the quantiles, when they have one. */
export function median(col: Pick<ColumnProfile, 'quantiles' | 'min' | 'max'>): number | null {
  const p = quantilePoints(col).find((x) => x.level === 0.5);
  return p ? p.value : null;
}

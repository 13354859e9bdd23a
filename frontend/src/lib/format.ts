import { paletteColor } from '@/lib/segment-colors';
export function pct(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return `${(value * 100).toFixed(digits)}%`;
}

export function num(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString('en-GB', {
    year: 'numeric',
    month: 'short',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
}

export function dateOnly(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString('en-GB', { year: 'numeric', month: 'short', day: '2-digit' });
}

/** A column name made readable ("annual_income" -> "Annual income"), for features no schema labels. */
export function featureLabel(feature: string): string {
  const words = feature.replace(/_/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Palette colour of a segment id: the fallback when the model's own colours are not at hand
 * (useSegmentColors gives those). */
export function segmentColor(cluster: number): string {
  return paletteColor(cluster);
}

export function cx(...classes: (string | false | null | undefined)[]): string {
  return classes.filter(Boolean).join(' ');
}

/** "age: not a number; income: missing": the API's field errors as one line. */
export function fieldErrorsText(errors: { field: string; message: string }[]): string {
  return errors.map((e) => [e.field, e.message].filter(Boolean).join(': ')).join('; ');
}

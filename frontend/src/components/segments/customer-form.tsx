import { useState, type FormEvent, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';
import { fieldLabel } from '@/lib/schema';
import type { CustomerFeatures, FeatureValue, ModelSchema, SchemaFeature } from '@/types/api';

/** The form's text per feature name (what the person typed or chose). */
export type CustomerValues = Record<string, string>;
export type CustomerErrors = Record<string, string | undefined>;

export function emptyValues(schema: ModelSchema): CustomerValues {
  return Object.fromEntries(schema.features.map((f) => [f.name, '']));
}

/** The rules of `GET /schema`: finite numbers, integers where `integer`, hard `min`/`max`, known categories. */
export const isOptional = (f: SchemaFeature) => f.required === false;

export function validateValue(f: SchemaFeature, raw: string): string | undefined {
  const label = f.label?.trim() || f.name;
  const text = raw.trim();
  if (!text) return isOptional(f) ? undefined : `${label} is required.`;
  if (f.type === 'categorical') {
    const known = f.categories ?? [];
    if (known.length && !known.some((c) => c.toLowerCase() === text.toLowerCase())) return `${label} must be one of ${known.join(', ')}.`;
    return undefined;
  }
  const n = Number(text);
  if (!Number.isFinite(n)) return `${label} must be a number.`;
  if (f.integer && !Number.isInteger(n)) return `${label} must be a whole number.`;
  const hasMin = typeof f.min === 'number';
  const hasMax = typeof f.max === 'number';
  if (hasMin && hasMax && (n < f.min! || n > f.max!)) return `${label} must be between ${f.min} and ${f.max}.`;
  if (hasMin && n < f.min!) return `${label} must be at least ${f.min}.`;
  if (hasMax && n > f.max!) return `${label} must be at most ${f.max}.`;
  return undefined;
}

export function validateCustomer(schema: ModelSchema, v: CustomerValues): CustomerErrors {
  const errors: CustomerErrors = {};
  for (const f of schema.features) {
    const err = validateValue(f, v[f.name] ?? '');
    if (err) errors[f.name] = err;
  }
  return errors;
}

/** The request body's features: numbers as numbers, categories as the schema spells them. */
export function toFeatures(schema: ModelSchema, v: CustomerValues): CustomerFeatures {
  const out: CustomerFeatures = {};
  for (const f of schema.features) {
    const text = (v[f.name] ?? '').trim();
    if (!text && isOptional(f)) continue;
    if (f.type === 'numeric') out[f.name] = Number(text);
    else out[f.name] = f.categories?.find((c) => c.toLowerCase() === text.toLowerCase()) ?? text;
  }
  return out;
}

/** The form's text from stored features (a profile's), for the fields of this schema. */
export function fromFeatures(schema: ModelSchema, features: Record<string, FeatureValue | undefined>): CustomerValues {
  const out: CustomerValues = {};
  for (const f of schema.features) {
    const v = features[f.name];
    if (v === undefined || v === null) out[f.name] = '';
    else if (f.type === 'categorical') out[f.name] = f.categories?.find((c) => c.toLowerCase() === String(v).toLowerCase()) ?? String(v);
    else out[f.name] = String(v);
  }
  return out;
}

function rangeHint(f: SchemaFeature): string | undefined {
  const parts: string[] = [];
  const hasMin = typeof f.min === 'number';
  const hasMax = typeof f.max === 'number';
  if (hasMin && hasMax) parts.push(`${f.min}-${f.max}`);
  else if (hasMin) parts.push(`at least ${f.min}`);
  else if (hasMax) parts.push(`at most ${f.max}`);
  if (f.integer) parts.push('whole number');
  return parts.length ? parts.join(', ') : undefined;
}

function FeatureField({
  f,
  id,
  value,
  error,
  onChange,
  onBlur,
}: {
  f: SchemaFeature;
  id: string;
  value: string;
  error?: string;
  onChange: (v: string) => void;
  onBlur: () => void;
}) {
  const optional = isOptional(f);
  const label = optional ? `${fieldLabel(f)} (optional)` : fieldLabel(f);
  if (f.type === 'categorical') {
    return (
      <SelectField
        id={id}
        label={label}
        name={f.name}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onBlur={onBlur}
        error={error}
        required={!optional}
      >
        <option value="">{optional ? 'Not given' : 'Choose…'}</option>
        {(f.categories ?? []).map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </SelectField>
    );
  }
  return (
    <TextField
      id={id}
      label={label}
      name={f.name}
      type="number"
      inputMode={f.integer ? 'numeric' : 'decimal'}
      min={f.min ?? undefined}
      max={f.max ?? undefined}
      step={f.integer ? 1 : 'any'}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      onBlur={onBlur}
      error={error}
      hint={rangeHint(f)}
      required={!optional}
    />
  );
}

type Props = {
  schema: ModelSchema;
  initial?: CustomerValues;
  submitLabel?: string;
  busy?: boolean;
  serverErrors?: Record<string, string>;
  onSubmit: (features: CustomerFeatures, values: CustomerValues) => void;
  /** Extra fields rendered above the features (e.g. a profile's name). */
  before?: ReactNode;
  after?: ReactNode;
  extraValid?: () => boolean;
  idPrefix?: string;
};

/** The customer form generated from the active schema, with inline validation per field (on blur, then as you type). */
export function CustomerForm({
  schema,
  initial,
  submitLabel = 'Predict segment',
  busy,
  serverErrors,
  onSubmit,
  before,
  after,
  extraValid,
  idPrefix = 'customer',
}: Props) {
  const [values, setValues] = useState<CustomerValues>(() => ({ ...emptyValues(schema), ...initial }));
  const [errors, setErrors] = useState<CustomerErrors>({});
  const [touched, setTouched] = useState<Record<string, boolean>>({});

  const change = (f: SchemaFeature) => (value: string) => {
    setValues((v) => ({ ...v, [f.name]: value }));
    if (touched[f.name] || errors[f.name]) setErrors((er) => ({ ...er, [f.name]: validateValue(f, value) }));
  };
  const blur = (f: SchemaFeature) => () => {
    setTouched((t) => ({ ...t, [f.name]: true }));
    setErrors((er) => ({ ...er, [f.name]: validateValue(f, values[f.name] ?? '') }));
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const all = validateCustomer(schema, values);
    setErrors(all);
    setTouched(Object.fromEntries(schema.features.map((f) => [f.name, true])));
    const extraOk = extraValid ? extraValid() : true;
    if (Object.keys(all).length || !extraOk) return;
    onSubmit(toFeatures(schema, values), values);
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-label="Customer" data-model-version={schema.model_version}>
      {before}
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        {schema.features.map((f, i) => (
          <FeatureField
            key={f.name}
            f={f}
            id={`${idPrefix}-f${i}`}
            value={values[f.name] ?? ''}
            error={errors[f.name] ?? serverErrors?.[f.name] ?? serverErrors?.[`features.${f.name}`]}
            onChange={change(f)}
            onBlur={blur(f)}
          />
        ))}
      </div>
      {after}
      <Button type="submit" loading={busy}>
        {submitLabel}
      </Button>
    </form>
  );
}

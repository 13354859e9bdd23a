import { useState, type FormEvent, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';
import type { CustomerFeatures } from '@/types/api';

export type CustomerValues = { sex: string; age: string; annual_income: string; spending_score: string; purchase_frequency: string };
export type CustomerErrors = Partial<Record<keyof CustomerValues, string>>;

export const EMPTY_CUSTOMER: CustomerValues = { sex: '', age: '', annual_income: '', spending_score: '', purchase_frequency: '' };

/** The contract's ranges (API.md "Customer features"). */
export const RANGES = {
  age: { min: 18, max: 100, integer: true, label: 'Age' },
  annual_income: { min: 0, max: 10000, integer: false, label: 'Annual income' },
  spending_score: { min: 1, max: 100, integer: true, label: 'Spending score' },
  purchase_frequency: { min: 0, max: 365, integer: true, label: 'Purchases per year' },
} as const;

type NumKey = keyof typeof RANGES;
const NUM_KEYS = Object.keys(RANGES) as NumKey[];

export function validateField(key: keyof CustomerValues, raw: string): string | undefined {
  if (key === 'sex') {
    return raw === '' || /^(male|female|m|f)$/i.test(raw) ? undefined : 'Choose Male, Female or leave it empty.';
  }
  const rule = RANGES[key];
  const text = raw.trim();
  if (!text) return `${rule.label} is required.`;
  const n = Number(text);
  if (!Number.isFinite(n)) return `${rule.label} must be a number.`;
  if (rule.integer && !Number.isInteger(n)) return `${rule.label} must be a whole number.`;
  if (n < rule.min || n > rule.max) return `${rule.label} must be between ${rule.min} and ${rule.max}.`;
  return undefined;
}

export function validateCustomer(v: CustomerValues): CustomerErrors {
  const errors: CustomerErrors = {};
  for (const key of ['sex', ...NUM_KEYS] as (keyof CustomerValues)[]) {
    const err = validateField(key, v[key]);
    if (err) errors[key] = err;
  }
  return errors;
}

export function toFeatures(v: CustomerValues): CustomerFeatures {
  return {
    sex: v.sex || null,
    age: Number(v.age),
    annual_income: Number(v.annual_income),
    spending_score: Number(v.spending_score),
    purchase_frequency: Number(v.purchase_frequency),
  };
}

export function fromFeatures(f: Partial<CustomerFeatures>): CustomerValues {
  const s = (n: number | undefined | null) => (n === undefined || n === null ? '' : String(n));
  const sex = (f.sex ?? '').toString();
  return {
    sex: /^m/i.test(sex) ? 'Male' : /^f/i.test(sex) ? 'Female' : '',
    age: s(f.age),
    annual_income: s(f.annual_income),
    spending_score: s(f.spending_score),
    purchase_frequency: s(f.purchase_frequency),
  };
}

type Props = {
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

/** The customer form with inline validation per field (on blur, then as you type). */
export function CustomerForm({ initial = EMPTY_CUSTOMER, submitLabel = 'Predict segment', busy, serverErrors, onSubmit, before, after, extraValid, idPrefix = 'customer' }: Props) {
  const [values, setValues] = useState<CustomerValues>(initial);
  const [errors, setErrors] = useState<CustomerErrors>({});
  const [touched, setTouched] = useState<Partial<Record<keyof CustomerValues, boolean>>>({});

  const change = (key: keyof CustomerValues) => (e: { target: { value: string } }) => {
    const value = e.target.value;
    setValues((v) => ({ ...v, [key]: value }));
    if (touched[key] || errors[key]) setErrors((er) => ({ ...er, [key]: validateField(key, value) }));
  };
  const blur = (key: keyof CustomerValues) => () => {
    setTouched((t) => ({ ...t, [key]: true }));
    setErrors((er) => ({ ...er, [key]: validateField(key, values[key]) }));
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const all = validateCustomer(values);
    setErrors(all);
    setTouched({ sex: true, age: true, annual_income: true, spending_score: true, purchase_frequency: true });
    const extraOk = extraValid ? extraValid() : true;
    if (Object.keys(all).length || !extraOk) return;
    onSubmit(toFeatures(values), values);
  };

  const err = (key: keyof CustomerValues) => errors[key] ?? serverErrors?.[key];

  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-label="Customer">
      {before}
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <SelectField id={`${idPrefix}-sex`} label="Sex (optional)" name="sex" value={values.sex} onChange={change('sex')} onBlur={blur('sex')} error={err('sex')}>
          <option value="">Not given</option>
          <option value="Male">Male</option>
          <option value="Female">Female</option>
        </SelectField>
        <TextField id={`${idPrefix}-age`} label="Age" name="age" type="number" inputMode="numeric" min={18} max={100} step={1} value={values.age} onChange={change('age')} onBlur={blur('age')} error={err('age')} hint="18-100 years" required />
        <TextField id={`${idPrefix}-income`} label="Annual income (thousands)" name="annual_income" type="number" inputMode="decimal" min={0} max={10000} step="any" value={values.annual_income} onChange={change('annual_income')} onBlur={blur('annual_income')} error={err('annual_income')} hint="0-10000, in thousands" required />
        <TextField id={`${idPrefix}-spending`} label="Spending score" name="spending_score" type="number" inputMode="numeric" min={1} max={100} step={1} value={values.spending_score} onChange={change('spending_score')} onBlur={blur('spending_score')} error={err('spending_score')} hint="1-100" required />
        <TextField id={`${idPrefix}-frequency`} label="Purchases per year" name="purchase_frequency" type="number" inputMode="numeric" min={0} max={365} step={1} value={values.purchase_frequency} onChange={change('purchase_frequency')} onBlur={blur('purchase_frequency')} error={err('purchase_frequency')} hint="0-365" required />
      </div>
      {after}
      <Button type="submit" loading={busy}>
        {submitLabel}
      </Button>
    </form>
  );
}

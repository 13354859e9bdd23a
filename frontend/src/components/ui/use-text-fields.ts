import { useState, type ChangeEvent } from 'react';

/** What binds a TextField to one of a form's values: `<TextField label="Email" {...field('email')} />`. */
export type FieldBinding = { name: string; value: string; onChange: (e: ChangeEvent<HTMLInputElement>) => void; error?: string };

/** A form's text values, each field named by its key and showing `errors[key]`. */
export function useTextFields<K extends string>(initial: Record<K, string>, errors: Partial<Record<string, string>>) {
  const [values, setValues] = useState(initial);
  const field = (key: K): FieldBinding => ({
    name: key,
    value: values[key],
    onChange: (e) => setValues((prev) => ({ ...prev, [key]: e.target.value })),
    error: errors[key],
  });
  return { values, setValues, field };
}

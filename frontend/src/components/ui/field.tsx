import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { cx } from '@/lib/format';

const CONTROL = 'block w-full rounded-md border bg-white px-3 py-2 text-sm text-slate-900 shadow-sm placeholder:text-slate-500 disabled:bg-slate-100';

type Common = { label: ReactNode; error?: string | null; hint?: ReactNode; className?: string };

function describedBy(id: string, error?: string | null, hint?: ReactNode, extra?: string) {
  return [error ? `${id}-error` : null, hint ? `${id}-hint` : null, extra ?? null].filter(Boolean).join(' ') || undefined;
}

function FieldShell({ id, label, error, hint, className, children }: Common & { id: string; children: ReactNode }) {
  return (
    <div className={cx('space-y-1', className)}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="text-xs font-medium text-red-700" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

export function TextField({
  label,
  error,
  hint,
  className,
  controlClassName,
  id,
  ...input
}: Common & InputHTMLAttributes<HTMLInputElement> & { controlClassName?: string }) {
  const auto = useId();
  const fid = id ?? auto;
  return (
    <FieldShell id={fid} label={label} error={error} hint={hint} className={className}>
      <input
        id={fid}
        className={controlClassName ?? cx(CONTROL, error ? 'border-red-600' : 'border-slate-400')}
        aria-invalid={error ? true : undefined}
        {...input}
        aria-describedby={describedBy(fid, error, hint, input['aria-describedby'])}
      />
    </FieldShell>
  );
}

export function SelectField({ label, error, hint, className, id, children, ...select }: Common & SelectHTMLAttributes<HTMLSelectElement>) {
  const auto = useId();
  const fid = id ?? auto;
  return (
    <FieldShell id={fid} label={label} error={error} hint={hint} className={className}>
      <select
        id={fid}
        className={cx(CONTROL, error ? 'border-red-600' : 'border-slate-400')}
        aria-invalid={error ? true : undefined}
        {...select}
        aria-describedby={describedBy(fid, error, hint, select['aria-describedby'])}
      >
        {children}
      </select>
    </FieldShell>
  );
}

export function TextAreaField({ label, error, hint, className, id, ...area }: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const auto = useId();
  const fid = id ?? auto;
  return (
    <FieldShell id={fid} label={label} error={error} hint={hint} className={className}>
      <textarea
        id={fid}
        className={cx(CONTROL, error ? 'border-red-600' : 'border-slate-400')}
        aria-invalid={error ? true : undefined}
        {...area}
        aria-describedby={describedBy(fid, error, hint, area['aria-describedby'])}
      />
    </FieldShell>
  );
}

const FILE_CONTROL =
  'block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-blue-700 file:px-3 file:py-2 file:font-medium file:text-white hover:file:bg-blue-800';

/** A file chooser (CSV by default) with its label, hint and error; `onFile` gets the chosen file or null. */
export function FileField({
  onFile,
  accept = '.csv,text/csv',
  ...rest
}: Common & Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'onChange'> & { onFile: (file: File | null) => void }) {
  return <TextField {...rest} type="file" accept={accept} controlClassName={FILE_CONTROL} onChange={(e) => onFile(e.target.files?.[0] ?? null)} />;
}

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Stat } from '@/components/ui/card';
import { InlineError } from '@/components/ui/states';
import { Table, Td, Th, ValueView } from '@/components/ui/table';
import { featureLabel } from '@/lib/format';
import { uploadDataset } from '../api/models';

const MAX = 10 * 1024 * 1024;

function errorText(e: unknown): string {
  if (typeof e === 'string') return e;
  if (e && typeof e === 'object') {
    const o = e as Record<string, unknown>;
    const row = o.row !== undefined ? `Row ${String(o.row)}: ` : '';
    const msg = o.message ?? o.error ?? (Array.isArray(o.errors) ? o.errors.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join('; ') : null);
    return `${row}${o.field ? `${String(o.field)}: ` : ''}${msg ? String(msg) : JSON.stringify(e)}`;
  }
  return String(e);
}

export function DatasetUpload() {
  const id = useId();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [progress, setProgress] = useState(0);
  const up = useMutation({
    mutationFn: (f: File) => uploadDataset(f, setProgress),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['datasets'] }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!file) return setFileError('Choose a CSV file first.');
    if (file.size > MAX) return setFileError('The file is larger than 10 MB.');
    setFileError(null);
    setProgress(0);
    up.mutate(file);
  };
  const r = up.data;
  return (
    <div className="space-y-4">
      <form onSubmit={submit} className="space-y-3" aria-label="Upload a dataset">
        <div className="space-y-1">
          <label htmlFor={id} className="block text-sm font-medium">
            Training data (CSV, up to 10 MB)
          </label>
          <input
            id={id}
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setFileError(null);
              up.reset();
            }}
            className="block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-blue-700 file:px-3 file:py-2 file:font-medium file:text-white hover:file:bg-blue-800"
          />
          {fileError && (
            <p role="alert" className="text-xs font-medium text-red-700">
              {fileError}
            </p>
          )}
        </div>
        <Button type="submit" loading={up.isPending} disabled={!file}>
          Upload dataset
        </Button>
        {up.isPending && (
          <p className="text-xs text-slate-700" aria-live="polite">
            {progress < 1 ? `Uploading… ${Math.round(progress * 100)}%` : 'Uploaded; checking rows…'}
          </p>
        )}
        <InlineError error={up.error} />
      </form>
      {r && (
        <div className="space-y-3" data-testid="dataset-result">
          <dl className="grid grid-cols-1 gap-3 sm:grid-cols-3">
            <Stat label="Dataset" value={<span className="break-all text-sm">{r.dataset_id}</span>} />
            <Stat label="Rows accepted" value={r.rows.toLocaleString()} />
            <Stat label="Rows rejected" value={r.rejected_rows.toLocaleString()} />
          </dl>
          <Table caption="Column mapping">
            <thead>
              <tr>
                <Th>Feature</Th>
                <Th>Column found in the file</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {Object.entries(r.columns).map(([canonical, header]) => (
                <tr key={canonical}>
                  <Td>{featureLabel(canonical)}</Td>
                  <Td>
                    <ValueView value={header} />
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
          {r.errors.length > 0 && (
            <div>
              <h3 className="text-sm font-semibold">Rejected rows</h3>
              <ul className="mt-1 max-h-56 list-disc overflow-auto pl-5 text-sm text-slate-800">
                {r.errors.slice(0, 200).map((e, i) => (
                  <li key={i}>{errorText(e)}</li>
                ))}
              </ul>
              {r.errors.length > 200 && <p className="text-xs text-slate-600">Showing the first 200 of {r.errors.length}.</p>}
            </div>
          )}
        </div>
      )}
    </div>
  );
}

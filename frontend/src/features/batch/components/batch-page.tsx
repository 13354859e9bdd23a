import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Button } from '@/components/ui/button';
import { FileField } from '@/components/ui/field';
import { Card, PageHeader } from '@/components/ui/card';
import { ProgressBar } from '@/components/ui/progress';
import { EmptyState, InlineError } from '@/components/ui/states';
import { saveBlob } from '@/lib/api-client';
import { segmentCustomersCsv } from '@/lib/segment-csv';
import { batchResultsCsv, MAX_CSV_BYTES, scoreCsv, templateColumns, templateCsv } from '@/features/batch/api/batch';
import { syncModelVersion, useSchema } from '@/lib/schema';
import type { BatchResponse } from '@/types/api';
import { BatchResults } from './batch-results';

export function BatchPage() {
  const inputId = useId();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [progress, setProgress] = useState(0);
  const [result, setResult] = useState<BatchResponse | null>(null);
  const schema = useSchema();

  const scoring = useMutation({
    mutationFn: (f: File) => scoreCsv(f, setProgress),
    onMutate: () => {
      setProgress(0);
      setResult(null);
    },
    onSuccess: (r) => {
      setResult(r);
      syncModelVersion(qc, r.model_version);
      void qc.invalidateQueries({ queryKey: ['history'] });
    },
  });
  // The results the API stored with the batch's history entry: nothing is scored (or recorded) again.
  const download = useMutation({
    mutationFn: ({ batchId }: { batchId: string; filename: string }) => batchResultsCsv(batchId),
    onSuccess: (blob, { filename }) => saveBlob(blob, filename),
  });
  // One segment's customers, from the same stored results.
  const [segment, setSegment] = useState('');
  const exportSegment = useMutation({
    mutationFn: async ({ batchId, name }: { batchId: string; name: string }) =>
      new Blob([segmentCustomersCsv(await (await batchResultsCsv(batchId)).text(), name)], { type: 'text/csv' }),
    onSuccess: (blob, { name }) => saveBlob(blob, `segment-${name.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}.csv`),
  });

  const choose = (f: File | null) => {
    setFile(f);
    setResult(null);
    scoring.reset();
    download.reset();
    if (!f) return setFileError(null);
    if (f.size > MAX_CSV_BYTES) return setFileError('The file is larger than 5 MB; split it into smaller files.');
    if (f.size === 0) return setFileError('The file is empty.');
    setFileError(null);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!file) return setFileError('Choose a CSV file first.');
    if (fileError) return;
    scoring.mutate(file);
  };

  return (
    <div className="space-y-5">
      <PageHeader title="Batch scoring" description="Upload a CSV of customers and score every row." />
      <Card title="Upload">
        <form onSubmit={submit} className="space-y-3" aria-label="Upload a CSV">
          <FileField
            label="CSV file (up to 5 MB)"
            name="file"
            onFile={choose}
            error={fileError}
            hint={
              <span data-testid="batch-columns">
                {schema.data ? (
                  <>
                    A header row with <code>{templateColumns(schema.data).join(', ')}</code> (the id is optional; common variants of the names work too).{' '}
                    <button
                      type="button"
                      className="font-medium text-blue-800 underline"
                      onClick={() => saveBlob(new Blob([templateCsv(schema.data!)], { type: 'text/csv' }), `template-${schema.data!.model_version}.csv`)}
                    >
                      Download the template
                    </button>
                  </>
                ) : (
                  'A header row with the active model’s columns.'
                )}{' '}
                Larger files: upload them on the{' '}
                <Link to="/data" className="font-medium text-blue-800 underline">
                  Data
                </Link>{' '}
                page and score them with a job.
              </span>
            }
          />
          {file && !fileError && (
            <p className="text-sm text-slate-700">
              {file.name} · {(file.size / 1024).toFixed(1)} KB
            </p>
          )}
          <div className="flex flex-wrap gap-2">
            <Button type="submit" loading={scoring.isPending} disabled={!file || Boolean(fileError)}>
              Score file
            </Button>
            {result && file && (
              <Button
                variant="secondary"
                loading={download.isPending}
                onClick={() => download.mutate({ batchId: result.batch_id, filename: `${file.name.replace(/\.csv$/i, '')}-scored.csv` })}
              >
                Download results (CSV)
              </Button>
            )}
            {result && Object.keys(result.summary).length > 0 && (
              <span className="flex flex-wrap items-center gap-2">
                <label className="text-sm" htmlFor={`${inputId}-segment`}>
                  Segment
                </label>
                <select
                  id={`${inputId}-segment`}
                  className="rounded border border-slate-300 px-2 py-1 text-sm"
                  value={segment}
                  onChange={(e) => setSegment(e.target.value)}
                >
                  <option value="">Choose…</option>
                  {Object.keys(result.summary).map((name) => (
                    <option key={name} value={name}>
                      {name}
                    </option>
                  ))}
                </select>
                <Button
                  variant="secondary"
                  disabled={!segment}
                  loading={exportSegment.isPending}
                  onClick={() => exportSegment.mutate({ batchId: result.batch_id, name: segment })}
                >
                  Export segment customers (CSV)
                </Button>
              </span>
            )}
          </div>
          {scoring.isPending && (
            <div className="space-y-1">
              <ProgressBar label="Upload progress" value={progress * 100} />
              <p className="text-xs text-slate-700" aria-live="polite">
                {progress < 1 ? `Uploading… ${Math.round(progress * 100)}%` : 'Uploaded; scoring…'}
              </p>
            </div>
          )}
          <InlineError error={scoring.error} />
          <InlineError error={download.error} />
          <InlineError error={exportSegment.error} />
        </form>
      </Card>

      {!result && !scoring.isPending && <EmptyState title="No file scored yet">Results, a chart per segment and any row errors appear here.</EmptyState>}

      {result && (
        <BatchResults
          key={result.batch_id}
          count={result.count}
          failed={result.failed}
          modelVersion={result.model_version}
          summary={result.summary}
          results={result.results}
        />
      )}
    </div>
  );
}

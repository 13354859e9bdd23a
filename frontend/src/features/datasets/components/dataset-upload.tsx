import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { FileField } from '@/components/ui/field';
import { ProgressBar } from '@/components/ui/progress';
import { InlineError } from '@/components/ui/states';
import type { DatasetKind } from '@/types/api';
import { datasetsKey, MAX_UPLOAD_BYTES, uploadDataset, type UploadPhase } from '../api/datasets';
import { detectDateOrder, mappingError, readPreview, rememberMapping, suggestMapping, type DateChoice, type OrderMapping, type Preview } from '../api/orders';
import { OrderMappingFields, OrderPreviewTable } from './order-mapping';

export function fileSize(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '—';
  const units = ['B', 'KB', 'MB', 'GB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(1)} ${units[i]}`;
}

const PHASE_TEXT: Record<UploadPhase, string> = {
  starting: 'Preparing the upload…',
  uploading: 'Uploading',
  completing: 'Uploaded; starting the profile…',
};

/**
 * Upload a CSV straight to storage (a presigned upload, with the browser's own progress),
 * then hand it to the API for profiling. For an orders file the first rows are read here and
 * shown as parsed, with the columns mapped to their roles (kept for the dataset's training).
 */
export function DatasetUploadForm({ onUploaded }: { onUploaded: (datasetId: string) => void }) {
  const id = useId();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [kind, setKind] = useState<DatasetKind>('customers');
  const [fileError, setFileError] = useState<string | null>(null);
  const [phase, setPhase] = useState<UploadPhase | null>(null);
  const [progress, setProgress] = useState(0);
  const abort = useRef<AbortController | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [mapping, setMapping] = useState<OrderMapping>({});
  const [dateOrder, setDateOrder] = useState<DateChoice>('auto');
  const [mappingMsg, setMappingMsg] = useState<string | null>(null);
  const orders = kind === 'transactions';

  // An orders file: read its first rows and suggest the mapping from its header.
  useEffect(() => {
    setPreview(null);
    setPreviewError(null);
    setMappingMsg(null);
    if (!orders || !file || fileError) return;
    let live = true;
    readPreview(file).then(
      (p) => {
        if (!live) return;
        if (!p.header.length) return setPreviewError('The file has no header row.');
        setPreview(p);
        setMapping(suggestMapping(p.header));
        setDateOrder('auto');
      },
      () => live && setPreviewError('The file could not be read.'),
    );
    return () => {
      live = false;
    };
  }, [orders, file, fileError]);

  const up = useMutation({
    mutationFn: ({ f, k }: { f: File; k: DatasetKind }) => {
      abort.current = new AbortController();
      return uploadDataset(f, k, { phase: setPhase, progress: setProgress, signal: abort.current.signal });
    },
    onSettled: () => {
      setPhase(null);
      // 'all': onSuccess has already left the list's page, so the list is inactive; refetched now,
      // the Models page that follows names the new dataset by its file name from its first paint.
      void qc.invalidateQueries({ queryKey: datasetsKey, refetchType: 'all' });
    },
    onSuccess: (datasetId, { k }) => {
      if (k === 'transactions') rememberMapping(datasetId, { columns: mapping, dateOrder });
      onUploaded(datasetId);
    },
  });

  const choose = (f: File | null) => {
    setFile(f);
    up.reset();
    if (!f) return setFileError(null);
    if (f.size === 0) return setFileError('The file is empty.');
    if (f.size > MAX_UPLOAD_BYTES) return setFileError('The file is larger than 5 GB.');
    if (!/\.(csv|txt)$/i.test(f.name) && f.type && !/csv|text\/plain/i.test(f.type)) return setFileError('Choose a CSV file.');
    setFileError(null);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!file) return setFileError('Choose a CSV file first.');
    if (fileError) return;
    if (orders && preview) {
      const err = mappingError(mapping);
      setMappingMsg(err);
      if (err) return;
    }
    setProgress(0);
    up.mutate({ f: file, k: kind });
  };

  const aborted = up.error instanceof DOMException && up.error.name === 'AbortError';
  const pct = Math.round(progress * 100);

  return (
    <form onSubmit={submit} className="space-y-3" aria-label="Upload a dataset">
      <div className="space-y-1">
        <FileField
          label="CSV file (up to 5 GB)"
          onFile={choose}
          disabled={up.isPending}
          error={fileError}
          hint="Comma, semicolon or tab separated (UTF-8, UTF-16 or Windows-1252), a header row, any columns. The file goes straight to storage, then it is profiled."
        />
        {file && !fileError && (
          <p className="text-sm text-slate-700">
            {file.name} · {fileSize(file.size)}
          </p>
        )}
      </div>
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium text-slate-800">What each row is</legend>
        <div className="flex flex-wrap gap-x-5 gap-y-1">
          <label className="inline-flex items-center gap-2 text-sm">
            <input
              type="radio"
              name={`${id}-kind`}
              value="customers"
              checked={kind === 'customers'}
              onChange={() => setKind('customers')}
              className="h-4 w-4"
            />
            A customer (one row per customer)
          </label>
          <label className="inline-flex items-center gap-2 text-sm">
            <input
              type="radio"
              name={`${id}-kind`}
              value="transactions"
              checked={kind === 'transactions'}
              onChange={() => setKind('transactions')}
              className="h-4 w-4"
            />
            An order line (orders, segmented by RFM)
          </label>
        </div>
      </fieldset>
      {orders && previewError && <p className="text-sm text-red-700">{previewError}</p>}
      {orders && preview && (
        <div className="min-w-0 space-y-3 rounded-lg border border-slate-200 p-3">
          <OrderPreviewTable preview={preview} mapping={mapping} />
          <OrderMappingFields
            columns={preview.header}
            mapping={mapping}
            onChange={(m) => {
              setMapping(m);
              setMappingMsg(null);
            }}
            dateOrder={dateOrder}
            onDateOrder={setDateOrder}
            detected={mapping.date ? detectDateOrder(preview.rows.map((r) => r[preview.header.indexOf(mapping.date!)] ?? '')) : null}
            error={mappingMsg}
          />
        </div>
      )}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" loading={up.isPending} disabled={!file || Boolean(fileError)}>
          Upload
        </Button>
        {up.isPending && (
          <Button variant="secondary" onClick={() => abort.current?.abort()}>
            Cancel upload
          </Button>
        )}
      </div>
      {up.isPending && phase && (
        <div className="space-y-1" data-testid="upload-progress">
          <ProgressBar label="Upload progress" value={phase === 'starting' ? 0 : phase === 'completing' ? 100 : pct} />
          <span className="sr-only" aria-live="polite">
            {PHASE_TEXT[phase]}
          </span>
          <p className="text-xs text-slate-700">
            {phase === 'uploading' ? `${PHASE_TEXT.uploading}… ${pct}%${file ? ` of ${fileSize(file.size)}` : ''}` : PHASE_TEXT[phase]}
          </p>
        </div>
      )}
      {aborted ? <p className="text-sm text-slate-700">Upload cancelled.</p> : <InlineError error={up.error} />}
    </form>
  );
}

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Badge } from '@/components/ui/card';
import { ProgressBar, progressPercent } from '@/components/ui/progress';
import { InlineError, Notice } from '@/components/ui/states';
import { dateTime } from '@/lib/format';
import { isFinal } from '@/lib/training';
import { startScoringJob, useScoringJob } from '../api/scoring';

/** The last job started on a dataset, kept for this browser tab so coming back shows it. */
const storageKey = (datasetId: string) => `scoring-job:${datasetId}`;
function rememberedJob(datasetId: string): string | null {
  try {
    return window.sessionStorage.getItem(storageKey(datasetId));
  } catch {
    return null;
  }
}

/** Scores every row of a dataset with the active model in a background job; the result is a CSV link. */
export function ScoringJobPanel({ datasetId }: { datasetId: string }) {
  const qc = useQueryClient();
  const [jobId, setJobId] = useState<string | null>(() => rememberedJob(datasetId));
  const job = useScoringJob(jobId);
  const start = useMutation({
    mutationFn: () => startScoringJob(datasetId),
    onSuccess: (j) => {
      setJobId(j.job_id);
      try {
        window.sessionStorage.setItem(storageKey(datasetId), j.job_id);
      } catch {
        /* storage unavailable: the job is still followed while the page is open */
      }
    },
  });
  const j = job.data;
  const status = j?.status;
  useEffect(() => {
    if (status === 'succeeded') void qc.invalidateQueries({ queryKey: ['history'] });
  }, [status]);
  const running = start.isPending || (jobId !== null && !isFinal(status));
  const pctDone = status === 'succeeded' ? 100 : progressPercent(j?.progress);
  const jobError = j?.error ?? null;
  const summary = Object.entries(j?.summary ?? {});

  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-700">
        Score every row of this file with the active model. The result is a CSV with every column of the file plus the segment, confidence, atypical flag and
        any error per row.
      </p>
      <Button onClick={() => start.mutate()} loading={running} disabled={running}>
        Start a scoring job
      </Button>
      <InlineError error={start.error} />
      {jobId && (
        <div className="space-y-2 rounded-lg border border-slate-200 p-3" data-testid="scoring-job" data-status={status ?? 'queued'}>
          <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
            <span className="min-w-0 break-all">
              Scoring job <code className="text-xs">{jobId}</code>
            </span>
            <Badge tone={status === 'succeeded' ? 'green' : status === 'failed' ? 'red' : 'blue'}>{status ?? 'queued'}</Badge>
          </div>
          <ProgressBar label="Scoring progress" value={pctDone} />
          <p className="text-sm text-slate-700" aria-live="polite">
            {typeof j?.rows === 'number' ? `${j.rows.toLocaleString()} rows scored` : 'Waiting to start'}
            {typeof j?.failed === 'number' && j.failed > 0 ? `, ${j.failed.toLocaleString()} with errors` : ''} · {Math.round(pctDone)}%
          </p>
          {job.error && <InlineError error={job.error} />}
          {status === 'failed' && <Notice tone="warning">The scoring job failed: {jobError ?? 'no reason given'}.</Notice>}
          {summary.length > 0 && (
            <ul className="flex flex-wrap gap-2 text-sm" aria-label="Rows per segment">
              {summary.map(([name, n]) => (
                <li key={name}>
                  <Badge>
                    {name}: {n.toLocaleString()}
                  </Badge>
                </li>
              ))}
            </ul>
          )}
          {status === 'succeeded' && j?.download_url && (
            <p className="text-sm">
              <a href={j.download_url} className="font-medium text-blue-800 underline" download data-testid="scoring-download">
                Download the scored CSV
              </a>
              {j.expires_at && <span className="text-slate-700"> (link valid until {dateTime(j.expires_at)})</span>}
            </p>
          )}
        </div>
      )}
    </div>
  );
}

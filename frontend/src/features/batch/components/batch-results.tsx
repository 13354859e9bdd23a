import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { SegmentLabel } from '@/components/segments/segment-label';
import { Card, Stat } from '@/components/ui/card';
import { Notice } from '@/components/ui/states';
import { Table, Td, Th } from '@/components/ui/table';
import { fieldErrorsText, pct } from '@/lib/format';
import { useSegmentColors } from '@/lib/segments';
import type { BatchRow, BatchRowError } from '@/types/api';
import { BatchSummaryChart } from './batch-summary-chart';

export const RESULTS_PAGE = 50;

export const rowErrors = (r: BatchRowError): string => fieldErrorsText(r.errors);

export type BatchResultsProps = {
  /** Every row received (scored + failed) and the rows with errors. */
  count: number;
  failed: number;
  modelVersion: string;
  summary: Record<string, number>;
  results: BatchRow[];
};

/** A scored batch: counts, rows per segment, row errors and every result row, a page at a time
 * (the batch page after scoring, and a batch's history entry). */
export function BatchResults({ count, failed, modelVersion, summary, results }: BatchResultsProps) {
  const [page, setPage] = useState(0);
  const colors = useSegmentColors();
  const errors = results.filter((r): r is BatchRowError => 'errors' in r);
  const pages = Math.max(1, Math.ceil(results.length / RESULTS_PAGE));
  const current = Math.min(page, pages - 1);
  const pageRows = results.slice(current * RESULTS_PAGE, current * RESULTS_PAGE + RESULTS_PAGE);
  const hasIds = results.some((r) => r.customer_id);
  return (
    <>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="batch-summary">
        <Stat label="Rows" value={count.toLocaleString()} testId="batch-count" />
        <Stat label="Scored" value={(count - failed).toLocaleString()} />
        <Stat label="Rejected" value={failed.toLocaleString()} testId="batch-failed" />
        <Stat label="Model" value={<span className="text-base wrap-anywhere">{modelVersion}</span>} />
      </dl>
      {failed > 0 && <Notice tone="warning">{failed} row(s) could not be scored; see the errors below. The other rows were scored.</Notice>}
      <div className="grid grid-cols-1 gap-5 lg:grid-cols-2">
        <Card title="Rows per segment">
          <BatchSummaryChart summary={summary} failed={failed} />
        </Card>
        <Card title={`Row errors (${errors.length})`}>
          {errors.length === 0 ? (
            <p className="text-sm text-slate-700">Every row was scored.</p>
          ) : (
            <ul className="max-h-64 space-y-1 overflow-auto text-sm wrap-anywhere" data-testid="batch-errors">
              {errors.map((r) => (
                <li key={r.row}>
                  <strong>
                    Row {r.row}
                    {r.customer_id ? ` (customer ${r.customer_id})` : ''}:
                  </strong>{' '}
                  {rowErrors(r)}
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
      <Card title={`Results (${results.length.toLocaleString()} rows)`}>
        <Table caption="Scored rows" stack>
          <thead>
            <tr>
              <Th>Row</Th>
              {hasIds && <Th>Customer id</Th>}
              <Th>Segment</Th>
              <Th className="text-right">Confidence</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100" data-testid="batch-result-rows">
            {pageRows.map((r) => (
              <tr key={r.row}>
                <Td data-label="Row">{r.row}</Td>
                {hasIds && <Td data-label="Customer id">{r.customer_id ?? '—'}</Td>}
                {'errors' in r ? (
                  <Td data-label="Rejected" className="whitespace-normal text-red-800 wrap-anywhere" colSpan={2}>
                    Rejected: {rowErrors(r)}
                  </Td>
                ) : (
                  <>
                    <Td data-label="Segment" className="whitespace-normal">
                      <SegmentLabel name={r.cluster_name} color={colors.byId(r.cluster)} atypical={r.atypical} />
                    </Td>
                    <Td data-label="Confidence" className="text-right tabular-nums">
                      {pct(r.confidence, 1)}
                    </Td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </Table>
        {pages > 1 && (
          <nav aria-label="Result pages" className="mt-3 flex items-center justify-between gap-2">
            <Button variant="secondary" size="sm" disabled={current === 0} onClick={() => setPage(current - 1)}>
              Previous
            </Button>
            <span className="text-sm" data-testid="result-page">
              Page {current + 1} of {pages}
            </span>
            <Button variant="secondary" size="sm" disabled={current >= pages - 1} onClick={() => setPage(current + 1)}>
              Next
            </Button>
          </nav>
        )}
      </Card>
    </>
  );
}

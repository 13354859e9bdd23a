import { Link } from 'react-router';
import { SegmentLabel } from '@/components/segments/segment-label';
import { Badge } from '@/components/ui/card';
import { type Column, numeric, Table, Td } from '@/components/ui/table';
import { dateTime, pct } from '@/lib/format';
import { useSegmentColors } from '@/lib/segments';
import { customerSummary } from '@/lib/schema-format';
import { useSchema } from '@/lib/schema';
import type { HistoryEntry, ModelSchema } from '@/types/api';

/** The features the entry was given, labelled by the active schema where it has them. */
function entrySummary(e: HistoryEntry, schema: ModelSchema | null | undefined): string {
  if (!e.customer_data) return e.kind === 'batch' ? 'Batch' : '—';
  return customerSummary(e.customer_data, schema);
}

const COLUMNS: Column[] = ['When', 'Kind', 'Segment', numeric('Confidence'), 'Customer', 'Model', { label: <span className="sr-only">Details</span> }];

export function HistoryTable({ entries, caption = 'Predictions' }: { entries: HistoryEntry[]; caption?: string }) {
  const colors = useSegmentColors();
  const schema = useSchema();
  return (
    <Table caption={caption} columns={COLUMNS} stack>
      <tbody className="divide-y divide-slate-100" data-testid="history-rows">
        {entries.map((e) => (
          <tr key={e.id}>
            <Td data-label="When">{dateTime(e.created_at)}</Td>
            <Td data-label="Kind">
              <span>
                <Badge tone={e.kind === 'batch' ? 'amber' : 'slate'}>{e.kind}</Badge>
                {e.profile_id && <span className="ml-1 text-xs text-slate-600">profile</span>}
              </span>
            </Td>
            <Td data-label="Segment" data-testid="history-segment">
              <SegmentLabel
                name={e.cluster_name ?? (e.kind === 'batch' ? 'several' : '—')}
                color={e.cluster_name ? colors.byName(e.cluster_name, e.cluster ?? 0) : undefined}
                atypical={e.atypical}
              />
            </Td>
            <Td data-label="Confidence" className="text-right tabular-nums">
              {pct(e.confidence, 1)}
            </Td>
            <Td data-label="Customer" className="min-w-56 whitespace-normal">
              {entrySummary(e, schema.data)}
            </Td>
            <Td data-label="Model" className="wrap-anywhere">
              {e.model_version}
            </Td>
            <Td>
              <Link
                to={`/history/${encodeURIComponent(e.id)}`}
                className="font-medium text-blue-800 underline"
                aria-label={`Details of the entry from ${dateTime(e.created_at)}`}
              >
                Details
              </Link>
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

import { numeric, Table, Td } from '@/components/ui/table';
import { num } from '@/lib/format';
import type { MovedSegment } from '@/types/api';

/** Each new segment beside the previous model's segment it matched, when no movement matrix was kept. */
export function MovedSegments({ moved }: { moved: MovedSegment[] }) {
  return (
    <Table caption="Segment movement" columns={['Segment', 'Matched previous segment', numeric('Centroid shift (standardised)')]} stack>
      <tbody className="divide-y divide-slate-100">
        {moved.map((m) => (
          <tr key={m.cluster_id}>
            <Td data-label="Segment" className="whitespace-normal">
              {m.name}
            </Td>
            <Td data-label="Matched previous segment" className="whitespace-normal">
              {m.previous_name ?? 'none (a new segment)'}
            </Td>
            <Td data-label="Centroid shift (standardised)" className="text-right tabular-nums">
              {m.centroid_shift === null ? '—' : num(m.centroid_shift, 2)}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

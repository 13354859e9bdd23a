import { Link } from 'react-router';
import { Badge } from '@/components/ui/card';
import { numeric, Table, Td } from '@/components/ui/table';
import { datasetName } from '@/lib/datasets';
import { dateTime } from '@/lib/format';
import type { Dataset, DatasetStatus } from '@/types/api';
import { fileSize } from './dataset-upload';

export const STATUS_TONES: Record<DatasetStatus, 'blue' | 'green' | 'red' | 'amber'> = { uploading: 'amber', profiling: 'blue', ready: 'green', failed: 'red' };

export function DatasetStatusBadge({ status }: { status: DatasetStatus | undefined }) {
  return status ? <Badge tone={STATUS_TONES[status] ?? 'blue'}>{status}</Badge> : <span className="text-slate-500">—</span>;
}

/** The datasets by filename, newest first (as the API lists them). */
export function DatasetList({ datasets }: { datasets: Dataset[] }) {
  return (
    <Table caption="Datasets" columns={['File', 'Kind', 'Status', numeric('Rows'), numeric('Size'), 'Uploaded']} stack>
      <tbody className="divide-y divide-slate-100" data-testid="dataset-rows">
        {datasets.map((d) => (
          <tr key={d.dataset_id}>
            <Td data-label="File">
              <Link to={`/data/${encodeURIComponent(d.dataset_id)}`} className="font-medium text-blue-800 underline">
                {datasetName(d, d.dataset_id)}
              </Link>
            </Td>
            <Td data-label="Kind">{d.kind === 'transactions' ? 'orders' : 'customers'}</Td>
            <Td data-label="Status">
              <DatasetStatusBadge status={d.status} />
            </Td>
            <Td data-label="Rows" className="text-right tabular-nums">
              {typeof d.rows === 'number' ? d.rows.toLocaleString() : '—'}
            </Td>
            <Td data-label="Size" className="text-right tabular-nums">
              {fileSize(d.size_bytes)}
            </Td>
            <Td data-label="Uploaded">{dateTime(d.created_at)}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

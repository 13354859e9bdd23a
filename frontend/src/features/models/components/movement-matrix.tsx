import { Table, Td, Th } from '@/components/ui/table';
import { pct } from '@/lib/format';
import type { Movement } from '@/types/api';

/** Where the training customers were (previous model, rows) and are (this model, columns). */
export function MovementMatrix({ movement }: { movement: Movement }) {
  const { names, previous_names: previous, matrix } = movement;
  return (
    <div className="space-y-2" data-testid="movement-matrix">
      <p className="text-sm text-slate-800">
        Against {movement.previous_version}: {pct(movement.moved_share, 1)} of {movement.customers.toLocaleString()} customers changed segment name;{' '}
        {movement.stayed.toLocaleString()} stayed.
      </p>
      <Table caption="Customers per previous segment (rows) and new segment (columns)">
        <thead>
          <tr>
            <Th>Previous \ new</Th>
            {names.map((n) => (
              <Th key={n} className="text-right">
                {n}
              </Th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {previous.map((p, i) => (
            <tr key={p}>
              <th scope="row" className="whitespace-nowrap bg-slate-50 px-3 py-2 text-left text-xs font-semibold text-slate-700">
                {p}
              </th>
              {names.map((n, j) => {
                const count = matrix[i]?.[j] ?? 0;
                const same = p.toLowerCase() === n.toLowerCase();
                return (
                  <Td key={n} className={`text-right tabular-nums ${same ? 'bg-green-50 font-semibold' : count ? 'bg-amber-50' : 'text-slate-500'}`}>
                    {count.toLocaleString()}
                  </Td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}

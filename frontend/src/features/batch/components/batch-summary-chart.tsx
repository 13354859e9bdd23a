import { WrappedTick } from '@/components/ui/chart-tick';
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useSegmentColors } from '@/lib/segments';

const REJECTED = 'Rejected rows';

export function BatchSummaryChart({ summary, failed }: { summary: Record<string, number>; failed: number }) {
  const colors = useSegmentColors();
  const data = [...Object.entries(summary).map(([name, n]) => ({ name, n })), ...(failed ? [{ name: REJECTED, n: failed }] : [])];
  return (
    <div className="h-64" role="img" aria-label={`Rows per segment: ${data.map((d) => `${d.name} ${d.n}`).join(', ')}`}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ left: 8, right: 16 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} fontSize={12} />
          <YAxis type="category" dataKey="name" width={120} tick={<WrappedTick width={120} />} interval={0} />
          <Tooltip />
          <Bar dataKey="n" name="Rows" isAnimationActive={false}>
            {data.map((d, i) => (
              <Cell key={d.name} fill={d.name === REJECTED ? '#64748b' : colors.byName(d.name, i)} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

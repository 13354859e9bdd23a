import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useSegmentColors } from '@/features/dashboard/api/segments';

const REJECTED = 'Rejected rows';

export function BatchSummaryChart({ summary, failed }: { summary: Record<string, number>; failed: number }) {
  const colors = useSegmentColors();
  const data = [...Object.entries(summary).map(([name, n]) => ({ name, n })), ...(failed ? [{ name: REJECTED, n: failed }] : [])];
  return (
    <div className="h-64" role="img" aria-label={`Rows per segment: ${data.map((d) => `${d.name} ${d.n}`).join(', ')}`}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ left: 0, right: 8, bottom: 40 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" interval={0} angle={-20} textAnchor="end" fontSize={11} />
          <YAxis allowDecimals={false} fontSize={12} width={40} />
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

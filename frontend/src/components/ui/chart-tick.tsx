import { Text } from 'recharts';

type TickProps = { x?: number | string; y?: number | string; payload?: { value?: unknown }; width?: number };

/** A category axis label that wraps onto a second line instead of being clipped at the chart's
 * edge ("Potential Customers", not "l Customers"). Use as `<YAxis tick={<WrappedTick width={w} />} />`
 * with the axis's own width. Text follows the page's colour (currentColor) in both schemes. */
export function WrappedTick({ x = 0, y = 0, payload, width = 100 }: TickProps) {
  return (
    <Text x={Number(x) - 4} y={Number(y)} width={width - 8} textAnchor="end" verticalAnchor="middle" fontSize={11} fill="currentColor" maxLines={2}>
      {String(payload?.value ?? '')}
    </Text>
  );
}

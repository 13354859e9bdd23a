type TickProps = { x?: number | string; y?: number | string; payload?: { value?: unknown }; width?: number };

const CHAR_PX = 6.2; // average width of a character at 11 px

/** Words in at most two lines of `maxChars`; the second ends with "…" when the rest does not fit. */
export function tickLines(text: string, maxChars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (!line || `${line} ${word}`.length <= maxChars) line = line ? `${line} ${word}` : word;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= 2) return lines;
  const second = lines.slice(1).join(' ');
  return [lines[0]!, second.length > maxChars ? `${second.slice(0, maxChars - 1)}…` : second];
}

/** A category axis label that wraps onto a second line instead of being clipped at the chart's
 * edge ("Potential Customers", not "l Customers"). Use as `<YAxis tick={<WrappedTick width={w} />} />`
 * with the axis's own width. Its text reads as one string ("Potential Targets"). */
export function WrappedTick({ x = 0, y = 0, payload, width = 100 }: TickProps) {
  const lines = tickLines(String(payload?.value ?? ''), Math.max(4, Math.floor((width - 8) / CHAR_PX)));
  const top = Number(y) - ((lines.length - 1) * 13) / 2;
  return (
    <text x={Number(x) - 4} y={top} textAnchor="end" dominantBaseline="central" fontSize={11} fill="currentColor" className="recharts-text">
      {lines.map((l, i) => (
        <tspan key={i} x={Number(x) - 4} dy={i === 0 ? 0 : 13}>
          {i < lines.length - 1 ? `${l} ` : l}
        </tspan>
      ))}
    </text>
  );
}

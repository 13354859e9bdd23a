import type { ReactNode } from 'react';
import { Badge } from '@/components/ui/card';

/**
 * A segment in a table row (history, scored batch rows): its colour dot, its name, and a badge
 * when the customer fits no segment well. The dot carries its colour in `data-color` for the
 * browser tests that check every page draws a segment in the same colour.
 */
export function SegmentLabel({ name, color, atypical }: { name: ReactNode; color?: string; atypical?: boolean | null }) {
  return (
    <span>
      {color && <span className="mr-1.5 inline-block h-2.5 w-2.5 rounded-full" style={{ background: color }} data-color={color} aria-hidden="true" />}
      {name}
      {atypical === true && (
        <span className="ml-1">
          <Badge tone="amber">fits no segment well</Badge>
        </span>
      )}
    </span>
  );
}

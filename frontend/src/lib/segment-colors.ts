/**
 * One colour per segment, everywhere. The model document carries each segment's `color`
 * (inherited across retrains with its name); documents without one use this palette in
 * segment order, the same palette and order as segcore/profile.py on the server.
 */
export const SEGMENT_PALETTE = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#D55E00',
  '#56B4E9',
  '#8C564B',
  '#7F7F7F',
  '#BCBD22',
  '#332288',
  '#AA4499',
  '#117733',
  '#882255',
  '#44AA99',
  '#999933',
] as const;

export function paletteColor(index: number): string {
  const n = SEGMENT_PALETTE.length;
  return SEGMENT_PALETTE[((index % n) + n) % n] ?? SEGMENT_PALETTE[0];
}

type ColoredSegment = { cluster_id: number; cluster_name: string; color?: string | null };

export type SegmentColors = {
  /** Colour of a segment by its id in the active model. */
  byId: (id: number) => string;
  /** Colour of a segment by its name (history, batch summaries, admin statistics). */
  byName: (name: string, fallbackIndex?: number) => string;
};

export function segmentColors(segments: ColoredSegment[] | undefined): SegmentColors {
  const ids = new Map<number, string>();
  const names = new Map<string, string>();
  (segments ?? []).forEach((s) => {
    const color = s.color || paletteColor(s.cluster_id);
    ids.set(s.cluster_id, color);
    names.set(s.cluster_name.toLowerCase(), color);
  });
  return {
    byId: (id) => ids.get(id) ?? paletteColor(id),
    byName: (name, fallbackIndex = 0) => names.get(name.toLowerCase()) ?? paletteColor(fallbackIndex),
  };
}

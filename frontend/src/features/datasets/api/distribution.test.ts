import { describe, expect, it } from 'vitest';
import { columnBins, histogramFromQuantiles, quantileLevel, quantilePoints, topValues } from './distribution';

describe('a histogram from quantiles', () => {
  it('reads the quantile levels the profile may name', () => {
    expect(['0.25', '25%', 'p25', 'q25', '25', 'median', '0.05', 'p5', 'x'].map(quantileLevel)).toEqual([0.25, 0.25, 0.25, 0.25, 0.25, 0.5, 0.05, 0.05, null]);
  });

  it('gives equal bins to a uniform distribution, and the shares add up to one', () => {
    const bins = histogramFromQuantiles({ min: 0, max: 100, quantiles: { '0.25': 25, '0.5': 50, '0.75': 75 } }, 4);
    expect(bins.map((b) => [b.from, b.to])).toEqual([
      [0, 25],
      [25, 50],
      [50, 75],
      [75, 100],
    ]);
    expect(bins.map((b) => b.share)).toEqual([0.25, 0.25, 0.25, 0.25]);
  });

  it('piles the mass where the quantiles are close (a right-skewed column)', () => {
    // Half the customers spend up to 10, the other half between 10 and 100.
    const bins = histogramFromQuantiles({ min: 0, max: 100, quantiles: { '0.5': 10 } }, 10);
    expect(bins[0]!.share).toBeCloseTo(0.5);
    expect(bins.slice(1).every((b) => Math.abs(b.share - 0.5 / 9) < 1e-9)).toBe(true);
    expect(bins.reduce((s, b) => s + b.share, 0)).toBeCloseTo(1);
  });

  it('keeps a value repeated over several quantiles as a spike in its bin', () => {
    const bins = histogramFromQuantiles({ min: 1, max: 5, quantiles: { '0.25': 1, '0.5': 1, '0.75': 3 } }, 4);
    expect(bins.map((b) => Number(b.share.toFixed(3)))).toEqual([0.625, 0.125, 0.125, 0.125]);
  });

  it("copes with a constant column, the profiler's p-keys and a profile without quantiles", () => {
    expect(histogramFromQuantiles({ min: 7, max: 7, quantiles: { '0.5': 7 } })).toEqual([{ from: 7, to: 7, share: 1 }]);
    expect(quantilePoints({ min: 0, max: 12, quantiles: { p95: 10, p05: 1, p50: 5 } })).toEqual([
      { level: 0, value: 0 },
      { level: 0.05, value: 1 },
      { level: 0.5, value: 5 },
      { level: 0.95, value: 10 },
      { level: 1, value: 12 },
    ]);
    expect(histogramFromQuantiles({ quantiles: null })).toEqual([]);
  });
});

describe("a column's bins", () => {
  it("prefers the profile's own histogram to one drawn from quantiles", () => {
    const col = { min: 0, max: 30, quantiles: { p50: 5 }, histogram: { edges: [0, 10, 20, 30], counts: [6, 3, 1], sampled: false } };
    expect(columnBins(col)).toEqual([
      { from: 0, to: 10, share: 0.6 },
      { from: 10, to: 20, share: 0.3 },
      { from: 20, to: 30, share: 0.1 },
    ]);
    expect(columnBins({ ...col, histogram: null }, 3).map((b) => b.from)).toEqual([0, 10, 20]);
  });
});

describe('top values', () => {
  it('lists the most frequent first', () => {
    expect(
      topValues({
        top_values: [
          { value: 'online', count: 3 },
          { value: 'store', count: 9 },
        ],
      }),
    ).toEqual([
      { value: 'store', count: 9 },
      { value: 'online', count: 3 },
    ]);
  });
});

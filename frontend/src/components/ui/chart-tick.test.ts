import { describe, expect, it } from 'vitest';
import { tickLines } from './chart-tick';

describe('chart category labels', () => {
  it('wrap onto a second line instead of being clipped', () => {
    expect(tickLines('Potential Customers', 12)).toEqual(['Potential', 'Customers']);
    expect(tickLines('Loyal', 12)).toEqual(['Loyal']);
  });

  it('keep to two lines, ending the second with an ellipsis when the rest does not fit', () => {
    const [first, second] = tickLines('Young Impulsive Spenders Who Buy Often', 12);
    expect(first).toBe('Young');
    expect(second).toHaveLength(12);
    expect(second!.endsWith('…')).toBe(true);
  });
});

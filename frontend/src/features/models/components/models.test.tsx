import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { modelDetailFixture } from '@/testing/fixtures';
import { renderApp } from '@/testing/test-utils';
import { normalizeCluster } from '@/lib/segments';

describe('model segments', () => {
  it('reads clusters in the GET /clusters shape (centroid keyed by feature, extra fields ignored)', () => {
    const raw = (modelDetailFixture.clusters as unknown as Record<string, unknown>[])[1]!;
    expect(normalizeCluster(raw, 1)).toEqual({
      cluster_id: 1,
      cluster_name: 'Budget Shoppers',
      description: 'Low income, low spending',
      size: 3000,
      share: 0.6,
      color: null,
      averages: { age: 45.5, annual_income: 30.25, spending_score: 20.5, purchase_frequency: 8.75 },
      category_shares: null,
      centroid: { age: 45.5, annual_income: 30.25, spending_score: 20.5, purchase_frequency: 8.75 },
    });
  });

  it('still reads the older detail shape (id, name, means per feature)', () => {
    const c = normalizeCluster(
      { id: 2, name: 'Savers', size: 10, share: 0.1, mean: { age: 40, annual_income: 50, spending_score: 30, purchase_frequency: 5 } },
      2,
    );
    expect(c).toMatchObject({ cluster_id: 2, cluster_name: 'Savers', averages: { age: 40, annual_income: 50, spending_score: 30, purchase_frequency: 5 } });
  });

  it("shows the active model's segments with their sizes and averages", async () => {
    renderApp('/models', { role: 'analyst' });
    const detail = await screen.findByTestId('model-detail');
    const budget = (await within(detail).findByText('Budget Shoppers')).closest('li')!;
    expect(budget).toHaveTextContent('3,000 customers (60.0%) · Age 45.5 · Annual income 30.3 · Spending score 20.5 · Purchase frequency 8.8');
    expect(within(detail).getByText('High-Value Customers').closest('li')).toHaveTextContent(
      'Age 35.3 · Annual income 110.5 · Spending score 80.1 · Purchase frequency 30.4',
    );
    expect(within(detail).getByRole('button', { name: 'Rename Budget Shoppers' })).toBeInTheDocument();
  });
});

import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ClusterInfo } from '@/types/api';
import { RfmGrid, rfmPoints } from './rfm-grid';

function cluster(name: string, centroid: Record<string, number>, size = 10, id = 0): ClusterInfo {
  return {
    cluster_id: id,
    cluster_name: name,
    description: '',
    size,
    share: 0,
    color: '#2563eb',
    averages: centroid,
    avg_age: null,
    avg_income: null,
    avg_spending_score: null,
    avg_purchase_frequency: null,
    centroid,
  };
}

const rfm = [
  cluster('Champions', { recency_days: 5, frequency: 26.2, monetary: 1907, average_order_value: 73, tenure_days: 509 }, 150),
  cluster('Hibernating', { recency_days: 207, frequency: 1, monetary: 22.3, average_order_value: 22, tenure_days: 207 }, 300, 1),
];

describe('RFM grid', () => {
  it('takes recency, frequency and monetary from the centroids', () => {
    expect(rfmPoints(rfm)).toEqual([
      { id: 0, name: 'Champions', recency: 5, frequency: 26.2, monetary: 1907, size: 150 },
      { id: 1, name: 'Hibernating', recency: 207, frequency: 1, monetary: 22.3, size: 300 },
    ]);
  });

  it('is not shown for a model without RFM features', () => {
    expect(rfmPoints([cluster('Budget Shoppers', { annual_income: 30, spending_score: 20 })])).toBeNull();
    const { container } = render(<RfmGrid clusters={[cluster('Budget Shoppers', { annual_income: 30, spending_score: 20 })]} />);
    expect(container).toBeEmptyDOMElement();
  });

  it('lists every segment with its recency, orders, spend and size', () => {
    render(<RfmGrid clusters={rfm} />);
    const table = screen.getByRole('table', { name: 'RFM segments' });
    expect(within(table).getByText('Champions').closest('tr')).toHaveTextContent('Champions526.21,907150');
    expect(within(table).getByText('Hibernating').closest('tr')).toHaveTextContent('Hibernating207122300');
  });
});

import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { API, modelDetailFixture } from '@/testing/fixtures';
import { server } from '@/testing/server';
import { renderApp } from '@/testing/test-utils';

describe('model segments', () => {
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

  it('lists which previous segment each segment matched when the model kept no movement matrix', async () => {
    server.use(
      http.get(`${API}/models/:version`, () =>
        HttpResponse.json({
          ...modelDetailFixture,
          previous_version: 'v20251201-000000',
          movement: null,
          moved: [
            { cluster_id: 0, name: 'High-Value Customers', previous_cluster_id: 1, previous_name: 'Big Spenders', centroid_shift: 0.123 },
            { cluster_id: 1, name: 'Budget Shoppers', previous_cluster_id: null, previous_name: null, centroid_shift: null },
          ],
        }),
      ),
    );
    renderApp('/models', { role: 'analyst' });
    const table = await screen.findByRole('table', { name: 'Segment movement' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => Array.from(r.querySelectorAll('td')).map((td) => td.textContent))).toEqual([
      ['High-Value Customers', 'Big Spenders', '0.12'],
      ['Budget Shoppers', 'none (a new segment)', '—'],
    ]);
  });
});

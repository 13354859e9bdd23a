import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { API, batchEntryFixture, historyFixture, predictionFixture } from '@/testing/fixtures';
import { server } from '@/testing/server';
import { renderApp } from '@/testing/test-utils';
import type { BatchRow } from '@/types/api';

const entry = (body: Record<string, unknown>) => server.use(http.get(`${API}/history/:id`, () => HttpResponse.json(body as never)));

describe('a single prediction in history', () => {
  it('shows its explanation and the probability of every segment', async () => {
    const p = predictionFixture();
    entry({
      ...historyFixture(1)[0],
      id: 'h-1',
      cluster: p.cluster,
      cluster_name: p.cluster_name,
      confidence: p.confidence,
      explanation: p.explanation,
      probabilities: p.probabilities,
    });
    renderApp('/history/h-1', { role: 'user' });
    expect(await screen.findByTestId('explanation-summary')).toHaveTextContent(p.explanation.summary);
    const bars = screen.getByRole('list', { name: 'Probability per segment' });
    expect(within(bars).getAllByRole('listitem')).toHaveLength(p.probabilities.length);
    expect(screen.getByRole('list', { name: 'What decided it' })).toBeInTheDocument();
  });

  it('says why an older entry has no explanation', async () => {
    entry({ ...historyFixture(1)[0], id: 'h-old' });
    renderApp('/history/h-old', { role: 'user' });
    expect(await screen.findByText(/before explanations were kept/)).toBeInTheDocument();
    expect(screen.getByText('90.0%')).toBeInTheDocument();
  });
});

describe('a batch in history', () => {
  const rows: BatchRow[] = Array.from({ length: 120 }, (_, i) =>
    i === 7
      ? { row: i + 1, errors: [{ field: 'age', message: 'must be a number' }] }
      : { row: i + 1, cluster: i % 2, cluster_name: i % 2 ? 'Budget Shoppers' : 'High-Value Customers', confidence: i % 3 ? 0.8216 : 1, atypical: false },
  );

  it('reads as a summary, formats every confidence the same way and pages through all rows', async () => {
    entry({ ...batchEntryFixture, count: 120, failed: 1, summary: { 'High-Value Customers': 60, 'Budget Shoppers': 59 }, results: rows });
    const { user } = renderApp(`/history/${batchEntryFixture.id}`, { role: 'user' });
    await screen.findByRole('heading', { name: 'Batch scoring' });
    expect(screen.getByTestId('batch-count')).toHaveTextContent('120');
    expect(screen.getByTestId('batch-failed')).toHaveTextContent('1');
    // No raw "More:" block, no "Segment —" card for a batch.
    expect(screen.queryByText(/More/)).not.toBeInTheDocument();
    expect(screen.queryByText('Segment', { selector: 'dt' })).not.toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Scored rows' });
    const confidences = within(table)
      .getAllByRole('cell')
      .map((c) => c.textContent ?? '')
      .filter((t) => /^\d/.test(t) && t.includes('.'));
    expect(confidences.length).toBeGreaterThan(0);
    for (const c of confidences) expect(c).toMatch(/^\d{1,3}\.\d%$/);
    expect(screen.getByTestId('result-page')).toHaveTextContent('Page 1 of 3');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByTestId('result-page')).toHaveTextContent('Page 3 of 3');
    const last = within(screen.getByTestId('batch-result-rows')).getAllByRole('row');
    expect(last).toHaveLength(20);
    expect(last.at(-1)).toHaveTextContent(/^120/);
  });
});

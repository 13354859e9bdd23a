import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { API, historyFixture } from '@/testing/fixtures';
import { server } from '@/testing/server';
import { renderApp } from '@/testing/test-utils';
import { filtersToQuery } from '../api/history';
import { validateFilters } from './history-filters';

describe('history filters', () => {
  it('maps form values to API query parameters', () => {
    expect(filtersToQuery({ from: '2026-02-01', to: '2026-02-28', cluster: '1', min_confidence: '50', max_confidence: '90' })).toEqual({
      from: '2026-02-01T00:00:00Z',
      to: '2026-02-28T23:59:59Z',
      cluster: '1',
      min_confidence: 0.5,
      max_confidence: 0.9,
    });
    expect(validateFilters({ min_confidence: '80', max_confidence: '20' })).toEqual({ max_confidence: 'The maximum must not be below the minimum.' });
    expect(validateFilters({ min_confidence: '120' })).toEqual({ min_confidence: 'Use a percentage from 0 to 100.' });
    expect(validateFilters({ from: '2026-03-01', to: '2026-02-01' })).toEqual({ to: 'The end date must not be before the start date.' });
  });

  it('sends the filters, shows the empty state, and pages with the cursor', async () => {
    const requests: URLSearchParams[] = [];
    server.use(
      http.get(`${API}/history`, ({ request }) => {
        const params = new URL(request.url).searchParams;
        requests.push(params);
        if (params.get('cluster') === '1') return HttpResponse.json({ history: [], total: 0, next_cursor: null });
        if (params.get('cursor') === 'c2')
          return HttpResponse.json({ history: historyFixture(1, { id: 'page2', cluster_name: 'Budget Shoppers', cluster: 1 }), total: 21, next_cursor: null });
        return HttpResponse.json({ history: historyFixture(20), total: 21, next_cursor: 'c2' });
      }),
    );
    const { user, router } = renderApp('/history', { role: 'user' });
    expect(await screen.findByTestId('history-total')).toHaveTextContent('21 in total');
    expect(screen.getAllByTestId('history-segment')).toHaveLength(20);

    await user.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() => expect(screen.getAllByTestId('history-segment')).toHaveLength(1));
    expect(screen.getByText('Page 2')).toBeInTheDocument();
    expect(requests.at(-1)?.get('cursor')).toBe('c2');
    await user.click(screen.getByRole('button', { name: 'Previous page' }));
    await waitFor(() => expect(screen.getAllByTestId('history-segment')).toHaveLength(20));

    await user.selectOptions(await screen.findByRole('combobox', { name: 'Segment' }), 'Budget Shoppers');
    await user.type(screen.getByLabelText('Min confidence (%)'), '50');
    await user.type(screen.getByLabelText('From'), '2026-02-01');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));

    expect(await screen.findByText('No predictions match these filters')).toBeInTheDocument();
    const last = requests.at(-1)!;
    expect(last.get('cluster')).toBe('1');
    expect(last.get('min_confidence')).toBe('0.5');
    expect(last.get('from')).toBe('2026-02-01T00:00:00Z');
    expect(last.has('cursor')).toBe(false);
    expect(router.state.location.search).toContain('cluster=1');
  });

  it('rejects an invalid range inline without a request', async () => {
    const { user } = renderApp('/history', { role: 'user' });
    await user.type(await screen.findByLabelText('Min confidence (%)'), '90');
    await user.type(screen.getByLabelText('Max confidence (%)'), '10');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));
    expect(await screen.findByText('The maximum must not be below the minimum.')).toBeInTheDocument();
  });

  it("shows the API's message when history fails", async () => {
    server.use(
      http.get(`${API}/history`, () => HttpResponse.json({ code: 'bad_request', message: 'The cursor is not valid.', request_id: 'r' }, { status: 400 })),
    );
    renderApp('/history', { role: 'user' });
    expect(await screen.findByText('The cursor is not valid.')).toBeInTheDocument();
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { ResultCard } from '@/components/segments/result-card';
import { HistoryTable } from '@/features/history/components/history-table';
import { segmentColors, SEGMENT_PALETTE } from '@/lib/segment-colors';
import { API, clustersFixture, historyFixture, modelDetailFixture, predictionFixture } from '@/testing/fixtures';
import { server } from '@/testing/server';
import { renderApp, renderWithProviders } from '@/testing/test-utils';
import type { ClusterInfo, Movement } from '@/types/api';
import { MovementMatrix } from './movement-matrix';
import { QualityCharts, usedK } from './quality-charts';
import { heatColor, heatText, SegmentHeatmap } from './segment-heatmap';

const MODEL_COLORS = ['#AA4499', '#117733'];

function withModelColors() {
  const clusters = clustersFixture.clusters.map((c, i) => ({ ...c, color: MODEL_COLORS[i] }));
  const detailClusters = (modelDetailFixture.clusters as unknown as Record<string, unknown>[]).map((c, i) => ({ ...c, color: MODEL_COLORS[i] }));
  server.use(
    http.get(`${API}/clusters`, () => HttpResponse.json({ ...clustersFixture, clusters })),
    http.get(`${API}/models/:version`, () => HttpResponse.json({ ...modelDetailFixture, clusters: detailClusters })),
  );
}

describe('typicality on the result card', () => {
  it('says plainly when the customer fits no segment well, with the nearest segment and the runner-up', async () => {
    renderWithProviders(<ResultCard prediction={predictionFixture({ typicality: 0.004, atypical: true, between_segments: false })} />);
    const warning = await screen.findByTestId('atypical-warning');
    expect(warning).toHaveTextContent('This customer fits no segment well. The nearest is High-Value Customers, the runner-up Budget Shoppers');
    expect(screen.getByTestId('fit-notice')).toHaveTextContent('Typicality 0.4%');
  });

  it('notes a customer between two segments and stays quiet for a typical one', async () => {
    const { unmount } = renderWithProviders(
      <ResultCard prediction={predictionFixture({ typicality: 0.4, atypical: false, between_segments: true, confidence: 0.55 })} />,
    );
    expect(await screen.findByTestId('between-note')).toHaveTextContent('Between two segments: High-Value Customers (55%) and Budget Shoppers (13%).');
    unmount();
    renderWithProviders(<ResultCard prediction={predictionFixture({ typicality: 0.6, atypical: false, between_segments: false })} />);
    expect(await screen.findByTestId('fit-notice')).toHaveTextContent(
      'Typicality 60.0%: 60.0% of the customers in High-Value Customers lie farther from its centre than this one.',
    );
    expect(screen.queryByTestId('atypical-warning')).not.toBeInTheDocument();
    expect(screen.queryByTestId('between-note')).not.toBeInTheDocument();
  });

  it('shows no typicality for a model without it', async () => {
    renderWithProviders(<ResultCard prediction={predictionFixture()} />);
    await screen.findByTestId('segment-name');
    expect(screen.queryByTestId('fit-notice')).not.toBeInTheDocument();
  });
});

describe('segment colours', () => {
  it("come from the model, by id and by name, and fall back to the server's palette order", () => {
    const colors = segmentColors([
      { cluster_id: 0, cluster_name: 'A', color: '#123456' },
      { cluster_id: 1, cluster_name: 'B' },
    ]);
    expect(colors.byId(0)).toBe('#123456');
    expect(colors.byName('a')).toBe('#123456');
    expect(colors.byId(1)).toBe(SEGMENT_PALETTE[1]);
    expect(colors.byName('Unknown', 3)).toBe(SEGMENT_PALETTE[3]);
  });

  it('on the result card are the active model ones from GET /clusters', async () => {
    withModelColors();
    renderWithProviders(<ResultCard prediction={predictionFixture()} />);
    const name = await screen.findByTestId('segment-name');
    await waitFor(() => expect(name.querySelector('[data-color]')).toHaveAttribute('data-color', MODEL_COLORS[0]));
  });

  it('in history are the active model ones, by segment name', async () => {
    withModelColors();
    renderWithProviders(<HistoryTable entries={historyFixture(2, { cluster: 1, cluster_name: 'Budget Shoppers', atypical: true })} />);
    const cells = await screen.findAllByTestId('history-segment');
    await waitFor(() => expect(cells[0]!.querySelector('[data-color]')).toHaveAttribute('data-color', MODEL_COLORS[1]));
    expect(cells[0]).toHaveTextContent('fits no segment well');
  });

  it('are the ones the model detail carries on the models page', async () => {
    withModelColors();
    renderApp('/models', { role: 'analyst' });
    const detail = await screen.findByTestId('model-detail');
    await within(detail).findAllByText('Budget Shoppers');
    const dots = Array.from(detail.querySelectorAll('[data-color]')).map((el) => el.getAttribute('data-color'));
    expect(dots).toEqual(MODEL_COLORS);
  });
});

describe('segment heatmap', () => {
  const clusters = [
    {
      cluster_id: 0,
      cluster_name: 'Affluent',
      share: 0.3,
      z_profile: { annual_income: 1.6, spending_score: -1.3 },
      defined_by: 'Defined by higher annual income (+1.6 SD).',
      stability: 0.98,
    },
    { cluster_id: 1, cluster_name: 'Average', share: 0.7, z_profile: { annual_income: -0.2, spending_score: 0.1 }, stability: 0.91 },
  ] as unknown as ClusterInfo[];

  it('shows each segment against the population in standard deviations, with what defines it', () => {
    renderWithProviders(<SegmentHeatmap clusters={clusters} />);
    const table = screen.getByRole('table', { name: 'Segment centres against the population average, in standard deviations' });
    const rows = within(table).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('Affluent');
    expect(rows[1]).toHaveTextContent('+1.6 SD');
    expect(rows[1]).toHaveTextContent('-1.3 SD');
    expect(rows[1]).toHaveTextContent('Defined by higher annual income (+1.6 SD).');
    expect(rows[2]).toHaveTextContent('0.91');
  });

  it('colours above-average blue and below-average red, stronger further out', () => {
    expect(heatColor(2)).toBe('rgba(29, 78, 216, 0.82)');
    expect(heatColor(-1)).toBe('rgba(185, 28, 28, 0.47)');
  });

  it('writes white on the darkest cells and dark text on the lighter ones, for AA contrast', () => {
    expect(heatText(0)).toBe('text-slate-950');
    expect(heatText(-1)).toBe('text-slate-950');
    expect(heatText(2)).toBe('text-white');
    expect(heatText(-3)).toBe('text-white');
  });
});

describe('movement matrix', () => {
  it('counts the customers per previous and new segment and says how many changed', () => {
    const movement: Movement = {
      previous_version: 'v1',
      previous_names: ['A', 'B'],
      names: ['B', 'A'],
      matrix: [
        [1, 1],
        [1, 2],
      ],
      customers: 5,
      stayed: 2,
      moved_share: 0.6,
    };
    renderWithProviders(<MovementMatrix movement={movement} />);
    expect(screen.getByTestId('movement-matrix')).toHaveTextContent('Against v1: 60.0% of 5 customers changed segment name; 2 stayed.');
    const rows = within(screen.getByRole('table')).getAllByRole('row');
    expect(within(rows[2]!).getByRole('rowheader')).toHaveTextContent('B');
    expect(
      within(rows[2]!)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['1', '2']);
  });
});

describe('quality per K', () => {
  it('marks the K the model uses, preferring the analyst choice over the rule', () => {
    expect(usedK({ optimal_k: 5, chosen_k: 4 })).toBe(4);
    expect(usedK({ optimal_k: 5 })).toBe(5);
    renderWithProviders(
      <QualityCharts
        elbow={{
          k_range: [2, 3, 4],
          optimal_k: 3,
          chosen_k: 3,
          calinski_harabasz_scores: [10, 30, 20],
          davies_bouldin_scores: [0.9, 0.5, 0.7],
          stability_scores: [1, 0.95, 0.7],
          min_segment_stability: [1, 0.9, 0.5],
          rule: 'highest silhouette among stable K',
        }}
      />,
    );
    expect(screen.getByText('How K is chosen: highest silhouette among stable K.')).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'Calinski-Harabasz by K; 30 at the K used, 3' })).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'Davies-Bouldin by K; 0.500 at the K used, 3' })).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'Least stable segment by K; 0.900 at the K used, 3' })).toBeInTheDocument();
  });
});

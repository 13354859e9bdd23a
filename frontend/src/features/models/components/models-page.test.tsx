import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { stageText } from '@/lib/training';
import { API, modelsFixture } from '@/testing/fixtures';
import { server } from '@/testing/server';
import { renderApp, renderWithProviders } from '@/testing/test-utils';
import type { ClusterInfo } from '@/types/api';
import { SegmentHeatmap } from './segment-heatmap';

const RFM_VERSION = 'v20260301-120000';
const SCORED = [
  'customer_id,recency_days,frequency,monetary,average_order_value,tenure_days,segment_id,segment_name,confidence,atypical,error',
  '10001,3,25,1900,76,500,0,Champions,0.99,false,',
  '10002,300,1,20,20,300,1,Hibernating,0.97,false,',
  '10003,5,31,2400,77.42,600,0,Champions,0.95,false,',
].join('\r\n');

const rfmCluster = (id: number, name: string, centroid: Record<string, number>, size: number) => ({
  cluster_id: id,
  cluster_name: name,
  description: '',
  size,
  share: size / 400,
  centroid,
  averages: centroid,
  color: id ? '#E69F00' : '#0072B2',
});

/** An RFM model trained on an uploaded orders file, not active. */
function withRfmModel() {
  server.use(
    http.get(`${API}/models`, () =>
      HttpResponse.json({
        ...modelsFixture,
        models: [
          ...modelsFixture.models,
          {
            version: RFM_VERSION,
            created_at: '2026-03-01T12:00:00Z',
            n_clusters: 2,
            features: ['recency_days', 'frequency', 'monetary'],
            silhouette_score: 0.5,
            inertia: 10,
            dataset_id: 'ds-orders',
            rows: 400,
            active: false,
          },
        ],
      }),
    ),
    http.get(`${API}/models/${RFM_VERSION}`, () =>
      HttpResponse.json({
        version: RFM_VERSION,
        kind: 'transactions',
        dataset_id: 'ds-orders',
        metrics: { silhouette_score: 0.5, inertia: 10 },
        clusters: [
          rfmCluster(0, 'Champions', { recency_days: 5, frequency: 26, monetary: 1900 }, 150),
          rfmCluster(1, 'Hibernating', { recency_days: 250, frequency: 1, monetary: 25 }, 250),
        ],
        elbow: null,
      }),
    ),
    http.get(`${API}/datasets`, () =>
      HttpResponse.json({
        datasets: [
          { dataset_id: 'ds-orders', filename: 'orders-2011.csv', kind: 'transactions', status: 'ready', rows: 5000, created_at: '2026-03-01T11:00:00Z' },
          { dataset_id: 'bundled', filename: 'bundled', kind: 'customers', status: 'ready', rows: 5000, created_at: '2026-01-01T00:00:00Z' },
        ],
      }),
    ),
  );
}

/** jsdom's Blob is read through FileReader. */
const blobText = (b: Blob) =>
  new Promise<string>((resolve) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result));
    r.readAsText(b);
  });

let saved: { text: Promise<string>; filename: string }[] = [];
let lastBlob: Blob | null = null;
beforeEach(() => {
  saved = [];
  Object.defineProperty(URL, 'createObjectURL', { configurable: true, value: (b: Blob) => ((lastBlob = b), 'blob:test') });
  Object.defineProperty(URL, 'revokeObjectURL', { configurable: true, value: () => undefined });
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    if (lastBlob) saved.push({ text: blobText(lastBlob), filename: this.download });
  });
});
afterEach(() => {
  delete (URL as unknown as Record<string, unknown>).createObjectURL;
  delete (URL as unknown as Record<string, unknown>).revokeObjectURL;
});

describe('an RFM model on the models page', () => {
  it('opens from ?version=, names its dataset by file name, shows the RFM grid, and exports a segment once scored with that version', async () => {
    withRfmModel();
    const jobs: unknown[] = [];
    let polls = 0;
    server.use(
      http.post(`${API}/scoring-jobs`, async ({ request }) => {
        jobs.push(await request.json());
        return HttpResponse.json({ job_id: 'sj-rfm', status: 'queued', progress: 0 }, { status: 202 });
      }),
      http.get(`${API}/scoring-jobs/sj-rfm`, () => {
        polls += 1;
        return HttpResponse.json(
          polls < 2
            ? { job_id: 'sj-rfm', status: 'running', progress: 0.5 }
            : { job_id: 'sj-rfm', status: 'succeeded', progress: 1, download_url: 'http://storage.test/scored.csv' },
        );
      }),
      http.get('http://storage.test/scored.csv', () => HttpResponse.text(SCORED)),
    );
    const { user } = renderApp(`/models?version=${RFM_VERSION}`, { role: 'analyst' });
    const detail = await screen.findByTestId('model-detail');
    expect(await within(detail).findByTestId('model-dataset')).toHaveTextContent('orders-2011.csv');
    const grid = within(detail).getByRole('table', { name: 'RFM segments' });
    expect(within(grid).getByText('Champions').closest('tr')!.querySelector('[data-color]')).toHaveAttribute('data-color', '#0072B2');
    const versions = screen.getByRole('table', { name: 'Model versions' });
    expect(within(versions).getByText('orders-2011.csv')).toBeInTheDocument();
    expect(within(versions).getByText('Bundled dataset')).toBeInTheDocument(); // dataset_id null: the bundled one

    const exporter = within(detail).getByRole('form', { name: "Export a segment's customers" });
    await user.selectOptions(within(exporter).getByLabelText('Segment'), 'Champions');
    await user.click(within(exporter).getByRole('button', { name: 'Export its customers (CSV)' }));
    await waitFor(() => expect(saved).toHaveLength(1), { timeout: 5000 });
    expect(jobs).toEqual([{ dataset_id: 'ds-orders', model_version: RFM_VERSION }]);
    expect(saved[0]!.filename).toBe(`${RFM_VERSION}-champions.csv`);
    const lines = (await saved[0]!.text).trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['10001', '10003']);

    // A second segment is cut from the same scored file: no second job.
    await user.selectOptions(within(exporter).getByLabelText('Segment'), 'Hibernating');
    await user.click(within(exporter).getByRole('button', { name: 'Export its customers (CSV)' }));
    await waitFor(() => expect(saved).toHaveLength(2));
    expect((await saved[1]!.text).trim().split('\r\n').slice(1)).toEqual(['10002,300,1,20,20,300,1,Hibernating,0.97,false,']);
    expect(jobs).toHaveLength(1);
  });

  it('says why the export failed', async () => {
    withRfmModel();
    server.use(
      http.post(`${API}/scoring-jobs`, () =>
        HttpResponse.json({ job_id: 'sj-bad', status: 'failed', error: 'The file has no customer column.' }, { status: 202 }),
      ),
    );
    const { user } = renderApp(`/models?version=${RFM_VERSION}`, { role: 'analyst' });
    const exporter = await screen.findByRole('form', { name: "Export a segment's customers" });
    await user.click(within(exporter).getByRole('button', { name: 'Export its customers (CSV)' }));
    expect(await within(exporter).findByText(/Scoring the customers failed: The file has no customer column\./)).toBeInTheDocument();
    expect(saved).toHaveLength(0);
  });
});

describe('the train panel', () => {
  it('sends the seed, refuses one out of range, offers the bundled dataset once and shows stages in words', async () => {
    withRfmModel();
    let body: unknown = null;
    server.use(
      http.post(`${API}/train`, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json({ job_id: 'job-s', status: 'queued' }, { status: 202 });
      }),
      http.get(`${API}/train/job-s`, () => HttpResponse.json({ job_id: 'job-s', status: 'running', stage: 'selecting_k', progress: 0.4 })),
    );
    const { user } = renderApp('/models', { role: 'analyst' });
    const form = await screen.findByRole('form', { name: 'Train a model' });
    const dataset = within(form).getByLabelText('Dataset');
    await within(dataset).findByRole('option', { name: 'Bundled dataset (5,000 rows)' });
    // Order files are trained from their page (their columns are mapped there); no "bundled" twice.
    expect(
      within(dataset)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Bundled dataset (5,000 rows)']);
    const seed = within(form).getByLabelText('Seed (optional)');
    await user.type(seed, '-3');
    await user.click(within(form).getByRole('button', { name: 'Start training' }));
    expect(await within(form).findByText('The seed is a whole number from 0 to 4294967295.')).toBeInTheDocument();
    expect(body).toBeNull();
    await user.clear(seed);
    await user.type(seed, '123');
    await user.click(within(form).getByRole('button', { name: 'Start training' }));
    await waitFor(() => expect(body).toEqual({ k_min: 2, k_max: 10, seed: 123 }));
    expect(await screen.findByTestId('train-stage')).toHaveTextContent('choosing the number of segments');
  });

  it('words every stage the trainer reports', () => {
    expect(stageText('selecting_k')).toBe('choosing the number of segments');
    expect(stageText('exporting')).toBe('saving the model');
    expect(stageText('some_new_stage')).toBe('some new stage');
    expect(stageText(null)).toBe('—');
  });
});

describe('the segment heatmap', () => {
  it('shows category shares for categorical features, coloured against all customers', () => {
    const clusters = [
      {
        cluster_id: 0,
        cluster_name: 'Young women',
        share: 0.25,
        z_profile: { age: -1.2, 'gender=Female': 1.1, 'gender=Male': -1.1 },
        category_shares: { gender: { Female: 0.9, Male: 0.1 } },
      },
      {
        cluster_id: 1,
        cluster_name: 'Everyone else',
        share: 0.75,
        z_profile: { age: 0.4, 'gender=Female': -0.4, 'gender=Male': 0.4 },
        category_shares: { gender: { Female: 0.3, Male: 0.7 } },
      },
    ] as unknown as ClusterInfo[];
    renderWithProviders(<SegmentHeatmap clusters={clusters} />);
    const table = screen.getByRole('table');
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    // Numeric features in SD; each category of gender as a share (largest overall first: 55% men), not in SD.
    expect(headers).toEqual(['Segment', 'Customers', 'Age', 'Gender: Male', 'Gender: Female', 'Stability']);
    const rows = within(table).getAllByRole('row');
    const shares = within(rows[1]!).getAllByTestId('category-share');
    expect(shares.map((c) => c.textContent)).toEqual(['10%', '90%']);
    // 45% of all customers are women (0.25 x 0.9 + 0.75 x 0.3): 90% is well above, blue.
    expect(shares[1]).toHaveAttribute('title', '90% of Young women against 45% of all customers');
    expect(shares[1]!.style.background).toMatch(/^rgba\(29, 78, 216/);
    expect(within(rows[2]!).getAllByTestId('category-share')[1]!.style.background).toMatch(/^rgba\(185, 28, 28/);
  });
});

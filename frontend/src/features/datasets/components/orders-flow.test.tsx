import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { API } from '@/testing/fixtures';
import { server } from '@/testing/server';
import { renderApp } from '@/testing/test-utils';
import type { Dataset } from '@/types/api';

const STORAGE = 'http://storage.test/segmentation-bucket';
// Day-first dates a person can tell (25/12), and an order id, a quantity and a unit price.
const ORDERS = [
  'InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID,Country',
  '536365,85123A,6,25/12/2010 08:26,2.55,17850,United Kingdom',
  '536366,71053,2,26/12/2010 08:28,3.39,13047,United Kingdom',
  'C536379,D,-1,27/12/2010 09:41,27.50,14527,United Kingdom',
  '',
].join('\n');

function ordersDataset(over: Partial<Dataset> = {}): Dataset {
  const col = (name: string, type: 'numeric' | 'categorical' | 'id' | 'date' | 'text', extra = {}) => ({
    name,
    type,
    missing: 0,
    distinct: 3,
    suggested: 'ignore' as const,
    ...extra,
  });
  return {
    dataset_id: 'ds-orders',
    filename: 'orders.csv',
    kind: 'transactions',
    status: 'ready',
    size_bytes: ORDERS.length,
    rows: 3,
    rejected_rows: 0,
    columns: [
      col('InvoiceNo', 'id'),
      col('StockCode', 'text'),
      col('Quantity', 'numeric', { min: -1, max: 6 }),
      col('InvoiceDate', 'date', { min: '25/12/2010 08:26', max: '27/12/2010 09:41' }),
      col('UnitPrice', 'numeric', { min: 2.55, max: 27.5 }),
      col('CustomerID', 'id'),
      col('Country', 'categorical'),
    ],
    errors: [],
    created_at: '2026-03-01T11:00:00Z',
    uploaded_by: 'u-analyst',
    ...over,
  } as Dataset;
}

afterEach(() => window.sessionStorage.clear());

describe('an orders file', () => {
  it('is previewed as parsed with its columns mapped from the header, then uploaded as transactions', async () => {
    let started: unknown = null;
    server.use(
      http.post(`${API}/datasets/uploads`, async ({ request }) => {
        started = await request.json();
        return HttpResponse.json(
          {
            dataset_id: 'ds-orders',
            upload: { url: STORAGE, method: 'POST', fields: { key: 'datasets/ds-orders/data.csv' } },
            expires_at: '2026-03-01T12:00:00Z',
          },
          { status: 201 },
        );
      }),
      http.post(STORAGE, () => new HttpResponse(null, { status: 204 })),
      http.post(`${API}/datasets/ds-orders/complete`, () => HttpResponse.json(ordersDataset({ status: 'profiling' }), { status: 202 })),
      http.get(`${API}/datasets/ds-orders`, () => HttpResponse.json(ordersDataset())),
    );
    const { user, router } = renderApp('/data', { role: 'analyst' });
    await user.upload(await screen.findByLabelText('CSV file (up to 5 GB)'), new File([ORDERS], 'orders.csv', { type: 'text/csv' }));
    await user.click(screen.getByRole('radio', { name: /An order line/ }));

    const preview = await screen.findByTestId('orders-preview');
    const table = within(preview).getByRole('table');
    expect(within(table).getAllByRole('row')).toHaveLength(4); // header + 3 rows, the blank line skipped
    expect(within(table).getByRole('columnheader', { name: /CustomerID\s*Customer id/ })).toBeInTheDocument();
    expect(within(table).getByRole('columnheader', { name: /Country\s*not used/ })).toBeInTheDocument();
    expect(within(table).getByText('C536379')).toBeInTheDocument();

    const mapping = screen.getByTestId('orders-mapping');
    expect(within(mapping).getByLabelText('Customer id')).toHaveValue('CustomerID');
    expect(within(mapping).getByLabelText('Order date or date-time')).toHaveValue('InvoiceDate');
    expect(within(mapping).getByLabelText('Quantity')).toHaveValue('Quantity');
    expect(within(mapping).getByLabelText('Unit price')).toHaveValue('UnitPrice');
    expect(within(mapping).getByLabelText('Amount (line total)')).toHaveValue('');
    expect(within(mapping).getByLabelText('Order id (optional)')).toHaveValue('InvoiceNo');
    expect(within(mapping).getByText('Detected from the rows: day first (31/12/2010).')).toBeInTheDocument();

    // Without a price there is nothing to add up: the upload waits for a fix.
    await user.selectOptions(within(mapping).getByLabelText('Unit price'), '');
    await user.click(screen.getByRole('button', { name: 'Upload' }));
    expect(await within(mapping).findByRole('alert')).toHaveTextContent('Choose an amount (or both quantity and unit price).');
    expect(started).toBeNull();
    await user.selectOptions(within(mapping).getByLabelText('Unit price'), 'UnitPrice');
    await user.selectOptions(within(mapping).getByLabelText('Dates read'), 'day-first');
    await user.click(screen.getByRole('button', { name: 'Upload' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/data/ds-orders'));
    expect(started).toEqual({ filename: 'orders.csv', size_bytes: ORDERS.length, kind: 'transactions' });
    // The dataset's page trains with the mapping chosen at upload.
    const form = await screen.findByRole('form', { name: 'Train on this dataset' });
    expect(within(form).getByLabelText('Customer id')).toHaveValue('CustomerID');
    expect(within(form).getByLabelText('Dates read')).toHaveValue('day-first');
  });

  it('trains on the mapped columns, the chosen date order and the seed, and links to its segments', async () => {
    let trained: unknown = null;
    server.use(
      http.get(`${API}/datasets/ds-orders`, () => HttpResponse.json(ordersDataset())),
      http.post(`${API}/train`, async ({ request }) => {
        trained = await request.json();
        return HttpResponse.json({ job_id: 'job-o', status: 'queued' }, { status: 202 });
      }),
      http.get(`${API}/train/job-o`, () => HttpResponse.json({ job_id: 'job-o', status: 'succeeded', stage: 'naming', progress: 1, model_version: 'v-rfm' })),
    );
    const { user } = renderApp('/data/ds-orders', { role: 'analyst' });
    const form = await screen.findByRole('form', { name: 'Train on this dataset' });
    // Suggested from the profile's column names; the date order detected from its bounds.
    expect(within(form).getByLabelText('Customer id')).toHaveValue('CustomerID');
    expect(within(form).getByLabelText('Dates read')).toHaveValue('auto');
    expect(within(form).getByRole('option', { name: 'As detected (day first (31/12/2010))' })).toBeInTheDocument();
    await user.selectOptions(within(form).getByLabelText('Order id (optional)'), '');
    await user.selectOptions(within(form).getByLabelText('Dates read'), 'day-first');
    await user.type(within(form).getByLabelText('Seed (optional)'), '7');
    await user.click(within(form).getByRole('button', { name: 'Train on these orders' }));
    await waitFor(() => expect(trained).not.toBeNull());
    expect(trained).toEqual({
      dataset_id: 'ds-orders',
      k_min: 2,
      k_max: 10,
      seed: 7,
      columns: { customer: 'CustomerID', date: 'InvoiceDate', quantity: 'Quantity', unit_price: 'UnitPrice' },
      date_order: 'day-first',
    });
    const link = await screen.findByRole('link', { name: 'See its segments: the RFM grid and each segment’s customers' });
    expect(link).toHaveAttribute('href', '/models?version=v-rfm');
  });
});

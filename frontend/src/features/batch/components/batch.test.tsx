import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { API, batchEntryFixture, batchFixture, batchResultsCsvFixture, mallSchemaFixture } from '@/testing/fixtures';
import { server } from '@/testing/server';
import { renderApp } from '@/testing/test-utils';

const INPUT =
  'Gender,Age,Annual Income (k$),Spending Score (1-100),Purchase_Frequency\nFemale,23,28,85,40\nMale,45,120,20,6\nFemale,35,75,55,24\nMale,150,40,30,10\nFemale,61,40,30,10\n';

/** saveBlob goes through URL.createObjectURL and a link click, which jsdom lacks: capture them. */
let saved: { blob: Blob; filename: string }[] = [];
let lastBlob: Blob | null = null;

beforeEach(() => {
  saved = [];
  lastBlob = null;
  Object.defineProperty(URL, 'createObjectURL', {
    configurable: true,
    value: (b: Blob) => {
      lastBlob = b;
      return 'blob:test';
    },
  });
  Object.defineProperty(URL, 'revokeObjectURL', { configurable: true, value: () => undefined });
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    if (lastBlob) saved.push({ blob: lastBlob, filename: this.download });
  });
});

afterEach(() => {
  delete (URL as unknown as Record<string, unknown>).createObjectURL;
  delete (URL as unknown as Record<string, unknown>).revokeObjectURL;
});

/** Counts the requests the page makes, by method and path. */
function countRequests() {
  const seen: string[] = [];
  const listener = ({ request }: { request: Request }) => {
    seen.push(`${request.method} ${new URL(request.url).pathname} ${request.headers.get('Accept') ?? ''}`);
  };
  server.events.on('request:start', listener);
  return { seen, stop: () => server.events.removeListener('request:start', listener) };
}

async function scoreFile() {
  const app = renderApp('/batch', { role: 'user' });
  const input = await screen.findByLabelText('CSV file (up to 5 MB)');
  await app.user.upload(input, new File([INPUT], 'customers.csv', { type: 'text/csv' }));
  await app.user.click(screen.getByRole('button', { name: 'Score file' }));
  await screen.findByTestId('batch-count');
  return app;
}

describe('batch scoring', () => {
  it('shows the rows received, scored and rejected as the API counts them', async () => {
    await scoreFile();
    // count = every row received (scored + failed); failed = the rows with errors.
    expect(screen.getByTestId('batch-count')).toHaveTextContent(String(batchFixture.count));
    expect(screen.getByTestId('batch-failed')).toHaveTextContent(String(batchFixture.failed));
    const summary = screen.getByTestId('batch-summary');
    expect(within(summary).getByText('Scored').nextElementSibling).toHaveTextContent('4');
    expect(within(screen.getByTestId('batch-errors')).getByText('Row 4 (customer C-4):')).toBeInTheDocument();
    expect(screen.getByText(/1 row\(s\) could not be scored/)).toBeInTheDocument();
  });

  it("exports one segment's customers from the stored results", async () => {
    server.use(
      http.get(`${API}/history/:id`, () =>
        HttpResponse.text(
          'customer_id,segment_id,segment_name,confidence,atypical,error\r\n10001,1,Budget Shoppers,0.84,false,\r\n10002,0,High-Value Customers,0.91,false,\r\n',
          {
            headers: { 'Content-Type': 'text/csv' },
          },
        ),
      ),
    );
    const { user } = await scoreFile();
    await user.selectOptions(screen.getByLabelText('Segment'), 'Budget Shoppers');
    await user.click(screen.getByRole('button', { name: 'Export segment customers (CSV)' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]!.filename).toBe('segment-budget-shoppers.csv');
    const text = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.readAsText(saved[0]!.blob);
    });
    expect(text).toBe('customer_id,segment_id,segment_name,confidence,atypical,error\r\n10001,1,Budget Shoppers,0.84,false,\r\n');
  });

  it('shows each row with its customer id, the atypical flag and its errors', async () => {
    await scoreFile();
    const rows = within(screen.getByRole('table', { name: 'Scored rows' })).getAllByRole('row');
    expect(
      within(rows[0]!)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Row', 'Customer id', 'Segment', 'Confidence']);
    expect(rows[3]).toHaveTextContent('3C-3High-Value Customersfits no segment well66.0%');
    expect(rows[4]).toHaveTextContent('4C-4Rejected: age: must be between 18 and 100');
    expect(rows[5]).toHaveTextContent('5C-5Budget Shoppers72.0%');
    expect(rows[5]).not.toHaveTextContent('fits no segment well');
  });

  it("offers a template with the active schema's columns", async () => {
    server.use(http.get(`${API}/schema`, () => HttpResponse.json(mallSchemaFixture)));
    const { user } = renderApp('/batch', { role: 'user' });
    expect(await screen.findByText('customer_id, gender, annual_income_thousands, spending_score')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Download the template' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]!.filename).toBe(`template-${mallSchemaFixture.model_version}.csv`);
    // A Blob made in the page (jsdom's), read the way a browser reads a file.
    const text = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.readAsText(saved[0]!.blob);
    });
    expect(text).toBe('customer_id,gender,annual_income_thousands,spending_score\n');
  });

  it('downloads the stored results of the batch instead of scoring the file again', async () => {
    const requests = countRequests();
    try {
      const { user } = await scoreFile();
      await user.click(screen.getByRole('button', { name: 'Download results (CSV)' }));
      await waitFor(() => expect(saved).toHaveLength(1));
      expect(saved[0]!.filename).toBe('customers-scored.csv');
      expect(await saved[0]!.blob.text()).toBe(batchResultsCsvFixture);
      expect(requests.seen.filter((r) => r.startsWith('POST /predict/batch'))).toHaveLength(1);
      expect(requests.seen).toContain(`GET /history/${batchFixture.batch_id} text/csv`);
    } finally {
      requests.stop();
    }
  });

  it('shows an error instead of saving a file when the API does not answer with CSV', async () => {
    server.use(http.get(`${API}/history/:id`, () => HttpResponse.json(batchEntryFixture)));
    const { user } = await scoreFile();
    await user.click(screen.getByRole('button', { name: 'Download results (CSV)' }));
    expect(await screen.findByText('The API did not send the results as CSV.')).toBeInTheDocument();
    expect(saved).toHaveLength(0);
  });

  it("shows the API's message when the results cannot be fetched", async () => {
    server.use(http.get(`${API}/history/:id`, () => HttpResponse.json({ code: 'history_not_found', message: 'History entry not found.' }, { status: 404 })));
    const { user } = await scoreFile();
    await user.click(screen.getByRole('button', { name: 'Download results (CSV)' }));
    expect(await screen.findByText('History entry not found.')).toBeInTheDocument();
  });
});

describe('a batch in history', () => {
  it('lists its results and downloads them as CSV', async () => {
    const { user } = renderApp(`/history/${batchEntryFixture.id}`, { role: 'user' });
    await screen.findByRole('heading', { name: 'Batch scoring' });
    expect(screen.getByRole('table', { name: 'Scored rows' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Download results (CSV)' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]!.filename).toBe(`batch-${batchEntryFixture.id}-results.csv`);
    expect(await saved[0]!.blob.text()).toBe(batchResultsCsvFixture);
  });
});

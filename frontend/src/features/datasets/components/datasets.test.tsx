import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { uploadToStorage } from '@/lib/api-client';
import { API, mallDatasetFixture, modelDetailFixture } from '@/testing/fixtures';
import { server } from '@/testing/server';
import { renderApp } from '@/testing/test-utils';
import type { Dataset } from '@/types/api';

const STORAGE = 'http://storage.test/segmentation-bucket';
const CSV = 'customer_id,gender,age,annual_income_thousands,spending_score\n1,Male,19,15,39\n2,Male,21,15,81\n3,Female,20,16,6\n';
const FIELDS = { key: 'datasets/ds-mall/source.csv', policy: 'eyJleHBpcmF0aW9uIjoi', 'x-amz-signature': 'abc123', 'Content-Type': 'text/csv' };

function uploadStart() {
  return HttpResponse.json(
    { dataset_id: 'ds-mall', upload: { url: STORAGE, method: 'POST', fields: FIELDS }, expires_at: '2026-03-01T12:00:00Z' },
    { status: 201 },
  );
}

/** A stand-in for the browser's XMLHttpRequest that reports upload progress when told to. */
class ControlledXhr extends EventTarget {
  static last: ControlledXhr | null = null;
  upload = new EventTarget();
  status = 0;
  responseText = '';
  responseType: XMLHttpRequestResponseType = '';
  response: unknown = null;
  method = '';
  url = '';
  body: unknown = null;
  headers: Record<string, string> = {};
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(k: string, v: string) {
    this.headers[k] = v;
  }
  getResponseHeader() {
    return null;
  }
  send(body: unknown) {
    this.body = body;
    ControlledXhr.last = this;
  }
  abort() {
    this.dispatchEvent(new Event('abort'));
  }
  progress(loaded: number, total: number) {
    this.upload.dispatchEvent(Object.assign(new Event('progress'), { lengthComputable: true, loaded, total }));
  }
  finish(status: number, text = '') {
    this.status = status;
    this.responseText = text;
    this.dispatchEvent(new Event('load'));
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
  ControlledXhr.last = null;
});

describe('the presigned upload', () => {
  it('posts the signed fields, then the file last, and reports the fraction sent', async () => {
    vi.stubGlobal('XMLHttpRequest', ControlledXhr);
    const seen: number[] = [];
    const done = uploadToStorage({ url: STORAGE, method: 'POST', fields: FIELDS }, new Blob([CSV]), { onProgress: (f) => seen.push(f) });
    const xhr = ControlledXhr.last!;
    expect(xhr.method).toBe('POST');
    expect(xhr.url).toBe(STORAGE);
    expect(xhr.headers).toEqual({}); // no API token goes to storage
    const form = xhr.body as FormData;
    expect([...form.keys()]).toEqual([...Object.keys(FIELDS), 'file']);
    xhr.progress(25, 100);
    xhr.progress(60, 100);
    xhr.finish(204);
    await done;
    expect(seen).toEqual([0.25, 0.6]);
  });

  it("reports storage's refusal with its reason", async () => {
    vi.stubGlobal('XMLHttpRequest', ControlledXhr);
    const done = uploadToStorage({ url: STORAGE, method: 'POST', fields: FIELDS }, new Blob([CSV])).catch((e: unknown) => e);
    ControlledXhr.last!.finish(403, '<Error><Code>AccessDenied</Code><Message>Policy expired.</Message></Error>');
    expect(await done).toMatchObject({
      status: 403,
      code: 'storage_upload_failed',
      message: 'The storage service refused the upload (HTTP 403): Policy expired..',
    });
  });
});

describe('uploading a dataset', () => {
  it('shows the real upload progress, completes the upload, then follows the profiling', async () => {
    vi.stubGlobal('XMLHttpRequest', ControlledXhr);
    const calls: string[] = [];
    let started: unknown = null;
    let polls = 0;
    server.use(
      http.post(`${API}/datasets/uploads`, async ({ request }) => {
        started = await request.json();
        calls.push('start');
        return uploadStart();
      }),
      http.post(`${API}/datasets/ds-mall/complete`, () => {
        calls.push('complete');
        return HttpResponse.json(mallDatasetFixture({ status: 'profiling', progress: 0 }), { status: 202 });
      }),
      http.get(`${API}/datasets/ds-mall`, () => {
        polls += 1;
        return HttpResponse.json(polls < 2 ? mallDatasetFixture({ status: 'profiling', progress: 0.4, rows: null, columns: [] }) : mallDatasetFixture());
      }),
    );
    const { user, router } = renderApp('/data', { role: 'analyst' });
    await user.upload(await screen.findByLabelText('CSV file (up to 5 GB)'), new File([CSV], 'mall_customers.csv', { type: 'text/csv' }));
    await user.click(screen.getByRole('radio', { name: /A customer/ }));
    await user.click(screen.getByRole('button', { name: 'Upload' }));

    await waitFor(() => expect(ControlledXhr.last).not.toBeNull());
    expect(started).toEqual({ filename: 'mall_customers.csv', size_bytes: CSV.length, kind: 'customers' });
    const xhr = ControlledXhr.last!;
    expect(xhr.url).toBe(STORAGE);
    const bar = screen.getByRole('progressbar', { name: 'Upload progress' });
    expect(bar).toHaveAttribute('aria-valuenow', '0');
    xhr.progress(CSV.length * 0.4, CSV.length);
    await waitFor(() => expect(bar).toHaveAttribute('aria-valuenow', '40'));
    expect(screen.getByTestId('upload-progress')).toHaveTextContent(`Uploading… 40% of ${CSV.length} B`);
    xhr.progress(CSV.length, CSV.length);
    await waitFor(() => expect(bar).toHaveAttribute('aria-valuenow', '100'));
    expect(calls).toEqual(['start']); // /complete only once storage has the whole file
    xhr.finish(204);

    await waitFor(() => expect(router.state.location.pathname).toBe('/data/ds-mall'));
    expect(calls).toEqual(['start', 'complete']);
    expect(await screen.findByRole('progressbar', { name: 'Profiling progress' })).toHaveAttribute('aria-valuenow', '40');
    // Polled until the profile is ready.
    expect(await screen.findByRole('list', { name: 'Columns' }, { timeout: 4000 })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'mall_customers.csv' })).toBeInTheDocument();
    expect(screen.getByTestId('dataset-rows-count')).toHaveTextContent('200');
  });

  it('leaves the datasets list current, so the Models page names the new dataset by file name at once', async () => {
    vi.stubGlobal('XMLHttpRequest', ControlledXhr);
    let completed = false;
    let served = 0;
    server.use(
      http.post(`${API}/datasets/uploads`, uploadStart),
      http.post(`${API}/datasets/ds-mall/complete`, () => {
        completed = true;
        return HttpResponse.json(mallDatasetFixture({ status: 'profiling', progress: 0 }), { status: 202 });
      }),
      http.get(`${API}/datasets/ds-mall`, () => HttpResponse.json(mallDatasetFixture())),
      // The list the upload's refetch gets is slow; any list asked for after it never comes.
      http.get(`${API}/datasets`, async () => {
        if (!completed) return HttpResponse.json({ datasets: [], next_cursor: null });
        if (served > 0) return new Promise<never>(() => undefined);
        await new Promise((r) => setTimeout(r, 150));
        served += 1;
        return HttpResponse.json({ datasets: [mallDatasetFixture()], next_cursor: null });
      }),
      http.get(`${API}/models/:version`, () => HttpResponse.json({ ...modelDetailFixture, dataset_id: 'ds-mall' })),
    );
    const { user, router } = renderApp('/data', { role: 'analyst' });
    await screen.findByText('No datasets yet');
    await user.upload(screen.getByLabelText('CSV file (up to 5 GB)'), new File([CSV], 'mall_customers.csv', { type: 'text/csv' }));
    await user.click(screen.getByRole('radio', { name: /A customer/ }));
    await user.click(screen.getByRole('button', { name: 'Upload' }));
    await waitFor(() => expect(ControlledXhr.last).not.toBeNull());
    ControlledXhr.last!.finish(204);
    await waitFor(() => expect(router.state.location.pathname).toBe('/data/ds-mall'));
    await waitFor(() => expect(served).toBe(1)); // the list page has gone; its refetch still lands

    await router.navigate(`/models?version=${modelDetailFixture.version}`);
    expect(await screen.findByTestId('model-dataset')).toHaveTextContent('mall_customers.csv');
  });

  it('can cancel an upload in flight, and never completes it', async () => {
    vi.stubGlobal('XMLHttpRequest', ControlledXhr);
    const complete = vi.fn();
    server.use(
      http.post(`${API}/datasets/uploads`, uploadStart),
      http.post(`${API}/datasets/ds-mall/complete`, () => {
        complete();
        return HttpResponse.json(null, { status: 202 });
      }),
    );
    const { user } = renderApp('/data', { role: 'user' });
    await user.upload(await screen.findByLabelText('CSV file (up to 5 GB)'), new File([CSV], 'big.csv', { type: 'text/csv' }));
    await user.click(screen.getByRole('button', { name: 'Upload' }));
    await waitFor(() => expect(ControlledXhr.last).not.toBeNull());
    await user.click(screen.getByRole('button', { name: 'Cancel upload' }));
    expect(await screen.findByText('Upload cancelled.')).toBeInTheDocument();
    expect(complete).not.toHaveBeenCalled();
  });

  it('refuses an empty file before asking the API', async () => {
    const start = vi.fn();
    server.use(http.post(`${API}/datasets/uploads`, () => (start(), uploadStart())));
    const { user } = renderApp('/data', { role: 'user' });
    await user.upload(await screen.findByLabelText('CSV file (up to 5 GB)'), new File([], 'empty.csv', { type: 'text/csv' }));
    expect(await screen.findByText('The file is empty.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Upload' })).toBeDisabled();
    expect(start).not.toHaveBeenCalled();
  });

  it("shows the API's reason when it refuses the upload", async () => {
    server.use(
      http.post(`${API}/datasets/uploads`, () =>
        HttpResponse.json({ code: 'file_too_large', message: 'Files are limited to 5 GiB.', request_id: 'r' }, { status: 413 }),
      ),
    );
    const { user } = renderApp('/data', { role: 'user' });
    await user.upload(await screen.findByLabelText('CSV file (up to 5 GB)'), new File([CSV], 'x.csv', { type: 'text/csv' }));
    await user.click(screen.getByRole('button', { name: 'Upload' }));
    expect(await screen.findByText('Files are limited to 5 GiB.')).toBeInTheDocument();
  });
});

describe('the datasets list', () => {
  it('lists datasets by filename with their state', async () => {
    server.use(
      http.get(`${API}/datasets`, () =>
        HttpResponse.json({
          datasets: [mallDatasetFixture(), mallDatasetFixture({ dataset_id: 'ds-crm', filename: 'crm_export.csv', status: 'failed', rows: null })],
          next_cursor: null,
        }),
      ),
    );
    renderApp('/data', { role: 'user' });
    const rows = within(await screen.findByTestId('dataset-rows')).getAllByRole('row');
    expect(rows[0]).toHaveTextContent('mall_customers.csvcustomersready200');
    expect(within(rows[1]!).getByRole('link', { name: 'crm_export.csv' })).toHaveAttribute('href', '/data/ds-crm');
    expect(rows[1]).toHaveTextContent('failed');
  });

  it('shows why a dataset failed', async () => {
    server.use(
      http.get(`${API}/datasets/ds-bad`, () =>
        HttpResponse.json(mallDatasetFixture({ dataset_id: 'ds-bad', status: 'failed', columns: [], error: 'The header has duplicate names: age.' })),
      ),
    );
    renderApp('/data/ds-bad', { role: 'user' });
    expect(await screen.findByText('This dataset could not be used: The header has duplicate names: age..')).toBeInTheDocument();
  });
});

function serveDataset(d: Dataset = mallDatasetFixture()) {
  server.use(http.get(`${API}/datasets/${d.dataset_id}`, () => HttpResponse.json(d)));
}

describe('the profile view', () => {
  it('shows each column: type, missing, distinct, a histogram or the top values, and the suggestion', async () => {
    serveDataset();
    renderApp('/data/ds-mall', { role: 'user' });
    await screen.findByRole('list', { name: 'Columns' });
    const card = (name: string) => screen.getAllByTestId('column-card').find((c) => c.dataset.column === name)!;
    const age = card('age');
    expect(within(age).getByText('numeric')).toBeInTheDocument();
    expect(within(age).getByText('suggested: feature')).toBeInTheDocument();
    expect(within(age).getByText('Distinct').nextElementSibling).toHaveTextContent('51');
    expect(within(age).getByRole('img', { name: 'Histogram of age from 18 to 70, median 36' })).toBeInTheDocument();
    expect(within(card('annual_income_thousands')).getByText('log suggested')).toBeInTheDocument();
    const gender = card('gender');
    const top = within(gender).getByRole('list', { name: 'Most frequent values of gender' });
    expect(
      within(top)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Female112 (56.0%)', 'Male88 (44.0%)']);
    expect(within(card('signup_date')).getByText('Missing').nextElementSibling).toHaveTextContent('3 (1.5%)');
    expect(within(screen.getByTestId('rejected-rows')).getByText('Row 17')).toBeInTheDocument();
    expect(screen.getByTestId('rejected-rows')).toHaveTextContent('(customer 17): age: not a number ("forty")');
    // A user sees the profile but cannot train: no choices, no training form.
    expect(screen.queryByRole('combobox', { name: 'Use age as' })).not.toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Train on this dataset' })).not.toBeInTheDocument();
  });

  it("starts from the profile's suggestions and trains on the analyst's choices", async () => {
    serveDataset();
    let body: Record<string, unknown> | null = null;
    let polls = 0;
    server.use(
      http.post(`${API}/train`, async ({ request }) => {
        body = (await request.json()) as Record<string, unknown>;
        return HttpResponse.json({ job_id: 'job-1', status: 'queued' }, { status: 202 });
      }),
      http.get(`${API}/train/job-1`, () => {
        polls += 1;
        return HttpResponse.json(
          polls < 2
            ? { job_id: 'job-1', status: 'running', stage: 'choosing K', progress: 0.5 }
            : { job_id: 'job-1', status: 'failed', stage: 'done', progress: 1, error: 'Column gender has no usable values.' },
        );
      }),
    );
    const { user } = renderApp('/data/ds-mall', { role: 'analyst' });
    const use = async (name: string) => screen.findByRole('combobox', { name: `Use ${name} as` });
    // The suggestions: id column, categorical gender, numeric features, a log where suggested.
    expect(await use('customer_id')).toHaveValue('id');
    expect(await use('gender')).toHaveValue('categorical');
    expect(await use('age')).toHaveValue('numeric');
    expect(await use('signup_date')).toHaveValue('ignore');
    expect(screen.getByRole('checkbox', { name: /Log transform annual_income_thousands/ })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Log transform age' })).not.toBeChecked();
    expect(screen.getByTestId('selection-summary')).toHaveTextContent(
      'Features: gender (categorical), age (numeric), annual_income_thousands (numeric, log), spending_score (numeric). Customer id: customer_id.',
    );

    // The analyst drops age, and gives income a label and a unit.
    await user.selectOptions(await use('age'), 'ignore');
    await user.type(screen.getByLabelText('Label for annual_income_thousands (optional)'), 'Annual income');
    await user.type(screen.getByLabelText('Unit of annual_income_thousands (optional)'), 'k$');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Number of segments (K)' }), 'fixed');
    const k = screen.getByLabelText('K', { selector: 'input' });
    await user.clear(k);
    await user.type(k, '5');
    await user.click(screen.getByRole('button', { name: 'Train on these columns' }));

    await waitFor(() => expect(body).not.toBeNull());
    expect(body).toEqual({
      dataset_id: 'ds-mall',
      k: 5,
      features: [
        { name: 'gender', type: 'categorical' },
        { name: 'annual_income_thousands', type: 'numeric', transform: 'log', label: 'Annual income', unit: 'k$' },
        { name: 'spending_score', type: 'numeric', transform: 'none' },
      ],
      id_column: 'customer_id',
    });
    // An analyst never asks for activation (403): only administrators see that choice.
    expect(screen.queryByRole('checkbox', { name: 'Activate the new model when training succeeds' })).not.toBeInTheDocument();
    const job = await screen.findByTestId('train-job');
    expect(within(job).getByRole('progressbar', { name: 'Training progress' })).toHaveAttribute('aria-valuenow', '50');
    expect(job).toHaveTextContent('Stage: choosing K · 50%');
    expect(await within(job).findByText(/Training failed: Column gender has no usable values\./, {}, { timeout: 4000 })).toBeInTheDocument();
  });

  it('needs two features and one id column', async () => {
    serveDataset();
    const train = vi.fn();
    server.use(http.post(`${API}/train`, () => (train(), HttpResponse.json({ job_id: 'j', status: 'queued' }, { status: 202 }))));
    const { user } = renderApp('/data/ds-mall', { role: 'admin' });
    const use = async (name: string) => screen.findByRole('combobox', { name: `Use ${name} as` });
    // A second id column frees the first.
    await user.selectOptions(await use('gender'), 'id');
    expect(await use('customer_id')).toHaveValue('ignore');
    for (const name of ['age', 'annual_income_thousands']) await user.selectOptions(await use(name), 'ignore');
    await user.click(screen.getByRole('button', { name: 'Train on these columns' }));
    expect(await screen.findByText('Choose at least two feature columns.')).toBeInTheDocument();
    expect(train).not.toHaveBeenCalled();
    expect(screen.getByRole('checkbox', { name: 'Activate the new model when training succeeds' })).toBeChecked();
  });
});

describe('scoring jobs', () => {
  it('starts a job on the dataset, shows its progress and the download link when done', async () => {
    serveDataset();
    let started: unknown = null;
    let polls = 0;
    server.use(
      http.post(`${API}/scoring-jobs`, async ({ request }) => {
        started = await request.json();
        return HttpResponse.json({ job_id: 'sj-1', status: 'queued' }, { status: 202 });
      }),
      http.get(`${API}/scoring-jobs/sj-1`, () => {
        polls += 1;
        if (polls < 2) return HttpResponse.json({ job_id: 'sj-1', status: 'running', progress: 0.25, rows: 50, failed: 0, summary: {}, error: null });
        return HttpResponse.json({
          job_id: 'sj-1',
          status: 'succeeded',
          progress: 1,
          rows: 200,
          failed: 1,
          summary: { 'Careful Spenders': 120, 'Big Spenders': 79 },
          download_url: 'http://storage.test/results/sj-1.csv?X-Amz-Signature=abc',
          expires_at: '2026-03-01T12:15:00Z',
          error: null,
        });
      }),
    );
    const { user } = renderApp('/data/ds-mall', { role: 'user' });
    await user.click(await screen.findByRole('button', { name: 'Start a scoring job' }));
    const job = await screen.findByTestId('scoring-job');
    expect(started).toEqual({ dataset_id: 'ds-mall' });
    await waitFor(() => expect(within(job).getByRole('progressbar', { name: 'Scoring progress' })).toHaveAttribute('aria-valuenow', '25'));
    expect(job).toHaveTextContent('50 rows scored · 25%');
    const link = await within(job).findByRole('link', { name: 'Download the scored CSV' }, { timeout: 4000 });
    expect(link).toHaveAttribute('href', 'http://storage.test/results/sj-1.csv?X-Amz-Signature=abc');
    expect(job).toHaveTextContent('200 rows scored, 1 with errors · 100%');
    expect(within(within(job).getByRole('list', { name: 'Rows per segment' })).getByText('Careful Spenders: 120')).toBeInTheDocument();
  });
});

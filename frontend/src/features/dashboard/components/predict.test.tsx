import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { API, clustersFixture, historyFixture, mallSchemaFixture, predictionFixture, schemaFixture } from '@/testing/fixtures';
import { server } from '@/testing/server';
import { renderApp, renderWithProviders } from '@/testing/test-utils';
import { CustomerForm, toFeatures, validateCustomer } from '@/components/segments/customer-form';
import { ResultCard } from '@/components/segments/result-card';

describe('customer form validation', () => {
  it("applies the schema's hard ranges, integers and categories", () => {
    expect(validateCustomer(schemaFixture, { age: '17', annual_income: '-1', spending_score: '0', purchase_frequency: '366' })).toEqual({
      age: 'Age must be between 18 and 100.',
      annual_income: 'Annual income must be between 0 and 10000.',
      spending_score: 'Spending score must be between 1 and 100.',
      purchase_frequency: 'Purchase frequency must be between 0 and 365.',
    });
    expect(validateCustomer(schemaFixture, { age: '30.5', annual_income: '55.5', spending_score: '50', purchase_frequency: '0' })).toEqual({
      age: 'Age must be a whole number.',
    });
    expect(validateCustomer(schemaFixture, { age: '18', annual_income: '0', spending_score: '100', purchase_frequency: '365' })).toEqual({});
    // No hard range on income here: any finite number; a category must be a known one.
    expect(validateCustomer(mallSchemaFixture, { gender: 'other', annual_income_thousands: '1e6', spending_score: 'x' })).toEqual({
      gender: 'Gender must be one of Female, Male.',
      spending_score: 'Spending score must be a number.',
    });
    expect(validateCustomer(mallSchemaFixture, { gender: 'male', annual_income_thousands: '70', spending_score: '40' })).toEqual({});
  });

  it('sends numbers as numbers and categories as the schema spells them', () => {
    expect(toFeatures(mallSchemaFixture, { gender: 'male', annual_income_thousands: ' 72.5 ', spending_score: '40' })).toEqual({
      gender: 'Male',
      annual_income_thousands: 72.5,
      spending_score: 40,
    });
  });

  it('shows errors inline on blur and submits numbers', async () => {
    const onSubmit = vi.fn();
    const { user } = renderWithProviders(<CustomerForm schema={schemaFixture} onSubmit={onSubmit} />);
    const age = await screen.findByLabelText('Age (years)');
    expect(age).toHaveAccessibleDescription('18-100, whole number');
    await user.type(age, '150');
    await user.tab();
    expect(await screen.findByText('Age must be between 18 and 100.')).toBeInTheDocument();
    expect(age).toHaveAttribute('aria-invalid', 'true');
    await user.click(screen.getByRole('button', { name: 'Predict segment' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByText('Annual income is required.')).toBeInTheDocument();

    await user.clear(age);
    await user.type(age, '42');
    expect(screen.queryByText('Age must be between 18 and 100.')).not.toBeInTheDocument();
    await user.type(screen.getByLabelText('Annual income (thousands)'), '72.5');
    await user.type(screen.getByLabelText('Spending score'), '60');
    await user.type(screen.getByLabelText('Purchase frequency (per year)'), '12');
    await user.click(screen.getByRole('button', { name: 'Predict segment' }));
    // Sex is optional (display only): left out of the request when not given.
    expect(onSubmit).toHaveBeenLastCalledWith({ age: 42, annual_income: 72.5, spending_score: 60, purchase_frequency: 12 }, expect.anything());
    await user.selectOptions(screen.getByLabelText('Sex (optional)'), 'Female');
    await user.click(screen.getByRole('button', { name: 'Predict segment' }));
    expect(onSubmit).toHaveBeenLastCalledWith({ sex: 'Female', age: 42, annual_income: 72.5, spending_score: 60, purchase_frequency: 12 }, expect.anything());
  });

  it('generates a 3-feature form with the categorical feature as a select, and nothing else', async () => {
    const onSubmit = vi.fn();
    const { user } = renderWithProviders(<CustomerForm schema={mallSchemaFixture} onSubmit={onSubmit} />);
    const gender = await screen.findByRole('combobox', { name: 'Gender' });
    expect(
      within(gender)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Choose…', 'Female', 'Male']);
    const form = screen.getByRole('form', { name: 'Customer' });
    expect(
      within(form)
        .getAllByRole('spinbutton')
        .map((i) => i.getAttribute('name')),
    ).toEqual(['annual_income_thousands', 'spending_score']);
    expect(within(form).queryByText(/Purchase|Age/)).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Predict segment' }));
    expect(screen.getByText('Gender is required.')).toBeInTheDocument();
    // Keyboard only: the select and the fields are reachable and usable with the keyboard.
    gender.focus();
    await user.selectOptions(gender, 'Male');
    await user.tab();
    await user.keyboard('88');
    expect(screen.getByLabelText('Annual income (k$)')).toHaveFocus();
    await user.tab();
    await user.keyboard('40');
    await user.keyboard('{Enter}');
    expect(onSubmit).toHaveBeenCalledWith({ gender: 'Male', annual_income_thousands: 88, spending_score: 40 }, expect.anything());
  });
});

describe('result card', () => {
  it('shows the segment, confidence, probabilities and explanation', async () => {
    renderWithProviders(<ResultCard prediction={predictionFixture()} />);
    expect(await screen.findByTestId('segment-name')).toHaveTextContent('High-Value Customers');
    expect(screen.getByRole('img', { name: 'Confidence 87%, high' })).toBeInTheDocument();
    const probs = screen.getByRole('list', { name: 'Probability per segment' });
    expect(within(probs).getByText('87.0%')).toBeInTheDocument();
    expect(within(probs).getByText('13.0%')).toBeInTheDocument();
    expect(screen.getByTestId('explanation-summary')).toHaveTextContent(/rather than Budget Shoppers/);
    const contributions = screen.getByRole('list', { name: 'What decided it' });
    const items = within(contributions).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('Annual income');
    expect(items[2]).toHaveTextContent(/away from this segment/);
  });
});

describe('dashboard predict flow', () => {
  it('predicts from the form and shows the result, the profile and recent history', async () => {
    let sent: unknown = null;
    server.use(
      http.post(`${API}/predict`, async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json(predictionFixture());
      }),
    );
    const { user } = renderApp('/dashboard', { role: 'user' });
    expect(await screen.findByTestId('active-model-version')).toHaveTextContent('v20260101-000000');
    await user.type(await screen.findByLabelText('Age (years)'), '50');
    await user.type(screen.getByLabelText('Annual income (thousands)'), '120');
    await user.type(screen.getByLabelText('Spending score'), '85');
    await user.type(screen.getByLabelText('Purchase frequency (per year)'), '24');
    await user.click(screen.getByRole('button', { name: 'Predict segment' }));
    expect(await screen.findByTestId('explanation-summary')).toBeInTheDocument();
    expect(sent).toEqual({ age: 50, annual_income: 120, spending_score: 85, purchase_frequency: 24 });
    expect(screen.getByRole('heading', { name: 'High-Value Customers next to the population' })).toBeInTheDocument();
    expect(screen.getByRole('table', { name: 'High-Value Customers compared with the population' })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('table', { name: 'Your last 10 predictions' })).toBeInTheDocument());
  });

  it("shows the API's message when there is no active model", async () => {
    server.use(
      http.post(`${API}/predict`, () =>
        HttpResponse.json({ code: 'no_active_model', message: 'No model is active yet; ask an administrator to train one.', request_id: 'r' }, { status: 409 }),
      ),
    );
    const { user } = renderApp('/dashboard', { role: 'user' });
    await user.type(await screen.findByLabelText('Age (years)'), '50');
    await user.type(screen.getByLabelText('Annual income (thousands)'), '120');
    await user.type(screen.getByLabelText('Spending score'), '85');
    await user.type(screen.getByLabelText('Purchase frequency (per year)'), '24');
    await user.click(screen.getByRole('button', { name: 'Predict segment' }));
    expect(await screen.findByText('No model is active yet; ask an administrator to train one.')).toBeInTheDocument();
  });
});

describe('a dashboard that follows the active schema', () => {
  const mallPrediction = predictionFixture({
    model_version: mallSchemaFixture.model_version,
    customer_data: { gender: 'Male', annual_income_thousands: 88, spending_score: 40 },
    explanation: {
      summary: 'Income decided it.',
      runner_up: null,
      contributions: [{ feature: 'gender', label: 'Gender', value: 'Male', z_score: null, contribution: 0.2, direction: 'towards High-Value Customers' }],
    },
  });
  const mallHistory = historyFixture(2, {
    model_version: mallSchemaFixture.model_version,
    customer_data: { gender: 'Female', annual_income_thousands: 61.5, spending_score: 73 },
  });

  it('shows recent predictions with the schema features and no field the model lacks', async () => {
    server.use(
      http.get(`${API}/schema`, () => HttpResponse.json(mallSchemaFixture)),
      http.get(`${API}/history`, () => HttpResponse.json({ history: mallHistory, total: 2, next_cursor: null })),
    );
    renderApp('/dashboard', { role: 'user' });
    const table = await screen.findByRole('table', { name: 'Your last 10 predictions' });
    await waitFor(() => expect(within(table).getAllByText('Gender Female · Annual income 61.5 · Spending score 73')).toHaveLength(2));
    expect(table).not.toHaveTextContent(/undefined|\/yr|Purchase/);
  });

  it('switches every field to the new schema without a reload when a response names another model', async () => {
    let schema = schemaFixture;
    let clusters = clustersFixture;
    server.use(
      http.get(`${API}/schema`, () => HttpResponse.json(schema)),
      http.get(`${API}/clusters`, () => HttpResponse.json(clusters)),
      http.post(`${API}/predict`, () => HttpResponse.json(predictionFixture())),
    );
    const { user } = renderApp('/dashboard', { role: 'user' });
    await user.type(await screen.findByLabelText('Age (years)'), '50');
    await user.type(screen.getByLabelText('Annual income (thousands)'), '120');
    await user.type(screen.getByLabelText('Spending score'), '85');
    await user.type(screen.getByLabelText('Purchase frequency (per year)'), '24');
    // Meanwhile an administrator activates a model trained on another table.
    schema = mallSchemaFixture;
    clusters = {
      ...clustersFixture,
      model_version: mallSchemaFixture.model_version,
      features: ['gender', 'annual_income_thousands', 'spending_score'],
      clusters: clustersFixture.clusters.map((c, i) => ({
        ...c,
        averages: { annual_income_thousands: 40 + 50 * i, spending_score: 70 - 40 * i },
        category_shares: { gender: { Female: 0.6 - 0.2 * i, Male: 0.4 + 0.2 * i } },
      })),
    };
    server.use(http.post(`${API}/predict`, () => HttpResponse.json(mallPrediction)));
    await user.click(screen.getByRole('button', { name: 'Predict segment' }));
    // The answer came from the new model: the page refetches the schema and rebuilds the form.
    expect(await screen.findByRole('combobox', { name: 'Gender' })).toBeInTheDocument();
    expect(screen.queryByLabelText('Purchase frequency (per year)')).not.toBeInTheDocument();
    expect(screen.getByLabelText('Annual income (k$)')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('active-model-version')).toHaveTextContent(mallSchemaFixture.model_version));
    // The result belongs to the new model and its comparison uses the new features.
    const compared = await screen.findByRole('table', { name: 'High-Value Customers compared with the population' });
    expect(within(compared).getByText('Gender')).toBeInTheDocument();
    expect(within(compared).getByText('Male 40%')).toBeInTheDocument();
    expect(compared).not.toHaveTextContent('Purchase');
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { API, predictionFixture } from '@/testing/fixtures';
import { server } from '@/testing/server';
import { renderApp, renderWithProviders } from '@/testing/test-utils';
import { CustomerForm, validateCustomer } from './customer-form';
import { ResultCard } from './result-card';

describe('customer form validation', () => {
  it('applies the contract ranges', () => {
    expect(validateCustomer({ sex: '', age: '17', annual_income: '-1', spending_score: '0', purchase_frequency: '366' })).toEqual({
      age: 'Age must be between 18 and 100.',
      annual_income: 'Annual income must be between 0 and 10000.',
      spending_score: 'Spending score must be between 1 and 100.',
      purchase_frequency: 'Purchases per year must be between 0 and 365.',
    });
    expect(validateCustomer({ sex: 'F', age: '30.5', annual_income: '55.5', spending_score: '50', purchase_frequency: '0' })).toEqual({
      age: 'Age must be a whole number.',
    });
    expect(validateCustomer({ sex: 'Female', age: '18', annual_income: '0', spending_score: '100', purchase_frequency: '365' })).toEqual({});
  });

  it('shows errors inline on blur and submits numbers', async () => {
    const onSubmit = vi.fn();
    const { user } = renderWithProviders(<CustomerForm onSubmit={onSubmit} />);
    const age = await screen.findByLabelText('Age');
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
    await user.selectOptions(screen.getByLabelText('Sex (optional)'), 'Female');
    await user.type(screen.getByLabelText('Annual income (thousands)'), '72.5');
    await user.type(screen.getByLabelText('Spending score'), '60');
    await user.type(screen.getByLabelText('Purchases per year'), '12');
    await user.click(screen.getByRole('button', { name: 'Predict segment' }));
    expect(onSubmit).toHaveBeenCalledWith({ sex: 'Female', age: 42, annual_income: 72.5, spending_score: 60, purchase_frequency: 12 }, expect.anything());
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
    expect(items[0]).toHaveTextContent('Annual income (k)');
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
    await user.type(screen.getByLabelText('Age'), '50');
    await user.type(screen.getByLabelText('Annual income (thousands)'), '120');
    await user.type(screen.getByLabelText('Spending score'), '85');
    await user.type(screen.getByLabelText('Purchases per year'), '24');
    await user.click(screen.getByRole('button', { name: 'Predict segment' }));
    expect(await screen.findByTestId('explanation-summary')).toBeInTheDocument();
    expect(sent).toEqual({ sex: null, age: 50, annual_income: 120, spending_score: 85, purchase_frequency: 24 });
    expect(screen.getByRole('heading', { name: 'High-Value Customers next to the population' })).toBeInTheDocument();
    expect(screen.getByRole('table', { name: 'High-Value Customers compared with the population' })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('table', { name: 'Your last 10 predictions' })).toBeInTheDocument());
  });

  it("shows the API's message when there is no active model", async () => {
    server.use(http.post(`${API}/predict`, () => HttpResponse.json({ code: 'no_active_model', message: 'No model is active yet; ask an administrator to train one.', request_id: 'r' }, { status: 409 })));
    const { user } = renderApp('/dashboard', { role: 'user' });
    await user.type(await screen.findByLabelText('Age'), '50');
    await user.type(screen.getByLabelText('Annual income (thousands)'), '120');
    await user.type(screen.getByLabelText('Spending score'), '85');
    await user.type(screen.getByLabelText('Purchases per year'), '24');
    await user.click(screen.getByRole('button', { name: 'Predict segment' }));
    expect(await screen.findByText('No model is active yet; ask an administrator to train one.')).toBeInTheDocument();
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { API, mallSchemaFixture, predictionFixture } from '@/testing/fixtures';
import { server } from '@/testing/server';
import { renderApp } from '@/testing/test-utils';
import type { Profile } from '@/types/api';

function profile(over: Partial<Profile> = {}): Profile {
  return {
    id: 'pr-1',
    user_id: 'u-user',
    name: 'Anna',
    customer_id: null,
    features: { age: 30, annual_income: 80, spending_score: 70, purchase_frequency: 20 },
    notes: null,
    model_version: 'v20260101-000000',
    fits_active_model: true,
    missing_fields: [],
    version: 3,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    ...over,
  };
}

describe('profiles', () => {
  it('creates, edits with the version, predicts in one click and deletes after confirmation', async () => {
    let profiles = [profile()];
    const bodies: Record<string, unknown>[] = [];
    server.use(
      http.get(`${API}/profiles`, () => HttpResponse.json({ profiles, next_cursor: null })),
      http.post(`${API}/profiles`, async ({ request }) => {
        const body = (await request.json()) as Record<string, unknown>;
        bodies.push(body);
        const created = profile({ ...(body as Partial<Profile>), id: 'pr-2', version: 1 });
        profiles = [...profiles, created];
        return HttpResponse.json(created, { status: 201 });
      }),
      http.put(`${API}/profiles/pr-1`, async ({ request }) => {
        const body = (await request.json()) as Record<string, unknown>;
        bodies.push(body);
        if (body.version !== 3)
          return HttpResponse.json({ code: 'stale_version', message: 'This profile was changed elsewhere.', request_id: 'r' }, { status: 409 });
        profiles = profiles.map((p) => (p.id === 'pr-1' ? { ...p, ...(body as Partial<Profile>), version: 4 } : p));
        return HttpResponse.json(profiles[0]);
      }),
      http.post(`${API}/profiles/pr-1/predict`, () => HttpResponse.json(predictionFixture({ cluster_name: 'Loyal Customers' }))),
      http.delete(`${API}/profiles/pr-2`, () => {
        profiles = profiles.filter((p) => p.id !== 'pr-2');
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const { user } = renderApp('/profiles', { role: 'user' });
    expect(await screen.findByRole('heading', { name: 'Anna' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'New profile' }));
    await user.type(screen.getByLabelText('Profile name'), 'Ben');
    await user.type(await screen.findByLabelText('Age (years)'), '45');
    await user.type(screen.getByLabelText('Customer id (optional)'), 'C-77');
    await user.type(screen.getByLabelText('Annual income (thousands)'), '50');
    await user.type(screen.getByLabelText('Spending score'), '20');
    await user.type(screen.getByLabelText('Purchase frequency (per year)'), '5');
    await user.click(screen.getByRole('button', { name: 'Save profile' }));
    expect(await screen.findByText('Saved “Ben”.')).toBeInTheDocument();
    expect(bodies[0]).toEqual({
      name: 'Ben',
      customer_id: 'C-77',
      features: { age: 45, annual_income: 50, spending_score: 20, purchase_frequency: 5 },
      notes: null,
    });
    expect(await screen.findByRole('heading', { name: 'Ben' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Edit Anna' }));
    const age = await screen.findByLabelText('Age (years)');
    expect(age).toHaveValue(30);
    await user.clear(age);
    await user.type(age, '31');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Updated “Anna”.')).toBeInTheDocument();
    expect(bodies[1]).toMatchObject({ features: { age: 31, annual_income: 80, spending_score: 70, purchase_frequency: 20 }, version: 3 });

    await user.click(screen.getByRole('button', { name: 'Predict Anna' }));
    expect(await screen.findByText('Prediction for “Anna”')).toBeInTheDocument();
    expect(screen.getByTestId('segment-name')).toHaveTextContent('Loyal Customers');

    await user.click(screen.getByRole('button', { name: 'Delete Ben' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete this profile?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete profile' }));
    expect(await screen.findByText('Deleted “Ben”.')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'Ben' })).not.toBeInTheDocument());
  });

  it('builds its form from the active schema and says when a profile no longer fits it', async () => {
    const misfit = profile({ fits_active_model: false, missing_fields: ['gender', 'annual_income_thousands'] });
    const fits = profile({ id: 'pr-3', name: 'Cleo', features: { gender: 'Female', annual_income_thousands: 61.5, spending_score: 73 } });
    const bodies: unknown[] = [];
    server.use(
      http.get(`${API}/schema`, () => HttpResponse.json(mallSchemaFixture)),
      http.get(`${API}/profiles`, () => HttpResponse.json({ profiles: [misfit, fits], next_cursor: null })),
      http.put(`${API}/profiles/pr-3`, async ({ request }) => {
        bodies.push(await request.json());
        return HttpResponse.json(fits);
      }),
    );
    const { user } = renderApp('/profiles', { role: 'user' });
    const anna = (await screen.findByRole('heading', { name: 'Anna' })).closest('li')!;
    expect(within(anna).getByTestId('profile-misfit')).toHaveTextContent('Does not fit the active model Missing: Gender, Annual income (k$).');
    const cleo = screen.getByRole('heading', { name: 'Cleo' }).closest('li')!;
    expect(cleo).toHaveTextContent('Gender Female · Annual income 61.5 · Spending score 73');
    expect(within(cleo).queryByTestId('profile-misfit')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Edit Cleo' }));
    expect(await screen.findByRole('combobox', { name: 'Gender' })).toHaveValue('Female');
    expect(screen.getByLabelText('Annual income (k$)')).toHaveValue(61.5);
    expect(screen.queryByLabelText('Age (years)')).not.toBeInTheDocument();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Gender' }), 'Male');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(bodies).toHaveLength(1));
    expect(bodies[0]).toMatchObject({ features: { gender: 'Male', annual_income_thousands: 61.5, spending_score: 73 } });
  });

  it('shows the empty state', async () => {
    server.use(http.get(`${API}/profiles`, () => HttpResponse.json({ profiles: [], next_cursor: null })));
    renderApp('/profiles', { role: 'user' });
    expect(await screen.findByText('No saved profiles')).toBeInTheDocument();
  });
  it('warns when the name is already used by another profile, not when editing the same one', async () => {
    server.use(http.get(`${API}/profiles`, () => HttpResponse.json({ profiles: [profile()], next_cursor: null })));
    const { user } = renderApp('/profiles', { role: 'user' });
    await screen.findByRole('heading', { name: 'Anna' });
    await user.click(screen.getByRole('button', { name: 'New profile' }));
    await user.type(screen.getByLabelText('Profile name'), ' anna ');
    expect(screen.getByTestId('duplicate-name')).toHaveTextContent('You already have a profile named “Anna”');
    await user.clear(screen.getByLabelText('Profile name'));
    await user.type(screen.getByLabelText('Profile name'), 'Anna B');
    expect(screen.queryByTestId('duplicate-name')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await user.click(screen.getByRole('button', { name: 'Edit Anna' }));
    expect(await screen.findByLabelText('Profile name')).toHaveValue('Anna');
    expect(screen.queryByTestId('duplicate-name')).not.toBeInTheDocument();
  });

  it('wraps a long unbroken note instead of widening the page', async () => {
    server.use(http.get(`${API}/profiles`, () => HttpResponse.json({ profiles: [profile({ notes: 'x'.repeat(400) })], next_cursor: null })));
    renderApp('/profiles', { role: 'user' });
    expect(await screen.findByText('x'.repeat(400))).toHaveClass('wrap-anywhere');
  });
});

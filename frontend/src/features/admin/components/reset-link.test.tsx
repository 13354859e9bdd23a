import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { API, userFixture } from '@/testing/fixtures';
import { apiError } from '@/testing/handlers';
import { server } from '@/testing/server';
import { renderApp } from '@/testing/test-utils';

const LINK = 'http://127.0.0.1:5173/reset-password#token=one-time-token';
const withTotals = (u: ReturnType<typeof userFixture>) => ({ ...u, total_predictions: 0, total_saved_profiles: 0 });
const bob = withTotals(userFixture('user', { id: 'u-bob', username: 'bob', email: 'bob@example.com' }));
const carol = withTotals(userFixture('user', { id: 'u-carol', username: 'carol', email: 'carol@example.com', is_active: false }));
const me = withTotals(userFixture('admin'));

function users() {
  const issued: string[] = [];
  server.use(
    http.get(`${API}/admin/users`, () => HttpResponse.json({ users: [me, bob, carol], total: 3, next_cursor: null })),
    http.post(`${API}/admin/users/:id/password-reset`, ({ params }) => {
      issued.push(String(params.id));
      return HttpResponse.json({ reset_url: LINK, expires_at: '2026-12-02T10:30:00.000Z' }, { status: 201 });
    }),
  );
  return issued;
}

const row = async (username: string) => (await screen.findByText(username, { selector: 'div' })).closest('tr') as HTMLElement;

describe('admin password reset link', () => {
  it('asks first, then shows the one-time link once with a copy button', async () => {
    const issued = users();
    const { user } = renderApp('/admin/users', { role: 'admin' });
    await user.click(within(await row('bob')).getByRole('button', { name: 'Password reset link for bob' }));
    const confirm = await screen.findByRole('dialog', { name: 'Reset the password of bob?' });
    expect(issued).toEqual([]);
    await user.click(within(confirm).getByRole('button', { name: 'Create link' }));
    const shown = await screen.findByRole('dialog', { name: 'Reset link for bob' });
    expect(issued).toEqual(['u-bob']);
    expect(within(shown).getByTestId('reset-link')).toHaveValue(LINK);
    expect(within(shown).getByText(/shown only once/)).toBeInTheDocument();
    await user.click(within(shown).getByRole('button', { name: 'Copy link' }));
    expect(await within(shown).findByText('Copied to the clipboard.')).toBeInTheDocument();
    expect(await navigator.clipboard.readText()).toBe(LINK);
    await user.click(within(shown).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(screen.queryByDisplayValue(LINK)).not.toBeInTheDocument();
  });

  it('cancelling sends nothing', async () => {
    const issued = users();
    const { user } = renderApp('/admin/users', { role: 'admin' });
    await user.click(within(await row('bob')).getByRole('button', { name: 'Password reset link for bob' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(issued).toEqual([]);
  });

  it('is not offered for the admin itself nor for a deactivated account', async () => {
    users();
    renderApp('/admin/users', { role: 'admin' });
    expect(within(await row('admin1')).queryByRole('button', { name: /Password reset link/ })).not.toBeInTheDocument();
    expect(within(await row('carol')).getByRole('button', { name: 'Password reset link for carol' })).toBeDisabled();
  });

  it("shows the API's refusal in the confirmation", async () => {
    users();
    server.use(http.post(`${API}/admin/users/:id/password-reset`, () => apiError(409, 'user_inactive', 'This account is deactivated; activate it first.')));
    const { user } = renderApp('/admin/users', { role: 'admin' });
    await user.click(within(await row('bob')).getByRole('button', { name: 'Password reset link for bob' }));
    const confirm = await screen.findByRole('dialog');
    await user.click(within(confirm).getByRole('button', { name: 'Create link' }));
    expect(await within(confirm).findByText('This account is deactivated; activate it first.')).toBeInTheDocument();
  });
});

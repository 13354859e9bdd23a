import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { API, userFixture } from '@/testing/fixtures';
import { server } from '@/testing/server';
import { renderApp } from '@/testing/test-utils';

const withTotals = (u: ReturnType<typeof userFixture>) => ({ ...u, total_predictions: 0, total_saved_profiles: 0 });
const me = withTotals(userFixture('admin'));

function users(bob: ReturnType<typeof withTotals>) {
  const toggled: string[] = [];
  server.use(
    http.get(`${API}/admin/users`, () => HttpResponse.json({ users: [me, bob], total: 2, next_cursor: null })),
    http.put(`${API}/admin/users/:id/toggle-active`, ({ params }) => {
      toggled.push(String(params.id));
      return HttpResponse.json({ ...bob, is_active: !bob.is_active });
    }),
  );
  return toggled;
}

const row = async (username: string) => (await screen.findByText(username, { selector: 'div' })).closest('tr') as HTMLElement;

describe('admin users', () => {
  it('asks before deactivating, as it does before deleting', async () => {
    const toggled = users(withTotals(userFixture('user', { id: 'u-bob', username: 'bob', email: 'bob@example.com' })));
    const { user } = renderApp('/admin/users', { role: 'admin' });
    await user.click(within(await row('bob')).getByRole('button', { name: 'Deactivate bob' }));
    const dialog = await screen.findByRole('dialog', { name: 'Deactivate bob?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(toggled).toEqual([]);
    await user.click(within(await row('bob')).getByRole('button', { name: 'Deactivate bob' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Deactivate user' }));
    expect(await screen.findByText('bob is now deactivated.')).toBeInTheDocument();
    expect(toggled).toEqual(['u-bob']);
  });

  it('activates a deactivated account straight away', async () => {
    const toggled = users(withTotals(userFixture('user', { id: 'u-bob', username: 'bob', email: 'bob@example.com', is_active: false })));
    const { user } = renderApp('/admin/users', { role: 'admin' });
    await user.click(within(await row('bob')).getByRole('button', { name: 'Activate bob' }));
    expect(await screen.findByText('bob is now active.')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(toggled).toEqual(['u-bob']);
  });

  it('labels every cell with its column, so rows read as cards on a phone', async () => {
    users(withTotals(userFixture('user', { id: 'u-bob', username: 'bob', email: 'bob@example.com' })));
    renderApp('/admin/users', { role: 'admin' });
    const cells = within(await row('bob')).getAllByRole('cell');
    expect(cells.map((c) => c.dataset.label)).toEqual(['User', 'Role', 'Status', 'Predictions', 'Profiles', 'Joined', 'Actions']);
    expect(screen.getByRole('table', { name: 'Users' })).toHaveClass('stack-table');
  });
});

import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { session } from '@/lib/session';
import { API, userFixture } from '@/testing/fixtures';
import { server } from '@/testing/server';
import { renderApp } from '@/testing/test-utils';

const stats = () => HttpResponse.json({ ...userFixture('user'), total_predictions: 12, total_saved_profiles: 3 });

describe('account', () => {
  it('shows statistics and keeps the new token after a password change', async () => {
    server.use(
      http.get(`${API}/users/me/profile`, stats),
      http.put(`${API}/users/me/password`, () =>
        HttpResponse.json({ access_token: 'token-user-new', token_type: 'bearer', expires_in: 1800, user: userFixture('user') }),
      ),
      http.get(`${API}/auth/me`, ({ request }) =>
        /token-user/.test(request.headers.get('Authorization') ?? '')
          ? HttpResponse.json(userFixture('user'))
          : HttpResponse.json({ code: 'unauthorized', message: 'x' }, { status: 401 }),
      ),
    );
    const { user } = renderApp('/account', { role: 'user' });
    expect(await screen.findByTestId('account-predictions')).toHaveTextContent('12');
    await user.type(screen.getByLabelText('Current password'), 'old password that is long');
    await user.type(screen.getByLabelText('New password'), 'a brand new long passphrase');
    await user.type(screen.getByLabelText('Confirm new password'), 'a brand new long passphrase');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByText(/Your password was changed/)).toBeInTheDocument();
    expect(session.getToken()).toBe('token-user-new');
  });

  it('a wrong current password is an error on the form, not a logout', async () => {
    server.use(
      http.get(`${API}/users/me/profile`, stats),
      http.put(`${API}/users/me/password`, () =>
        HttpResponse.json({ code: 'invalid_credentials', message: 'The current password is not right.', request_id: 'r' }, { status: 401 }),
      ),
    );
    const { user, router } = renderApp('/account', { role: 'user' });
    await user.type(await screen.findByLabelText('Current password'), 'wrong wrong wrong');
    await user.type(screen.getByLabelText('New password'), 'a brand new long passphrase');
    await user.type(screen.getByLabelText('Confirm new password'), 'a brand new long passphrase');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByText('The current password is not right.')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/account');
    expect(session.getToken()).toBe('token-user');
  });

  it('names the field in words, and a newer answer replaces the old banner', async () => {
    server.use(
      http.get(`${API}/users/me/profile`, stats),
      http.put(`${API}/users/me/password`, () =>
        HttpResponse.json(
          {
            code: 'validation_error',
            message: 'current_password: is incorrect',
            details: [{ field: 'current_password', message: 'is incorrect' }],
            request_id: 'r',
          },
          { status: 422 },
        ),
      ),
    );
    const { user } = renderApp('/account', { role: 'user' });
    await user.type(await screen.findByLabelText('Current password'), 'wrong wrong wrong');
    await user.type(screen.getByLabelText('New password'), 'a brand new long passphrase');
    await user.type(screen.getByLabelText('Confirm new password'), 'a brand new long passphrase');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByText('Current password is incorrect.')).toBeInTheDocument();
    expect(screen.queryByText(/current_password/)).not.toBeInTheDocument();
    await user.type(screen.getByLabelText('Confirm new password'), ' typo');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByText('The passwords do not match.')).toBeInTheDocument();
    expect(screen.queryByText('Current password is incorrect.')).not.toBeInTheDocument();
  });

  it('deletes the account after confirming with the password', async () => {
    let sent: unknown = null;
    server.use(
      http.get(`${API}/users/me/profile`, stats),
      http.delete(`${API}/users/me`, async ({ request }) => {
        sent = await request.json();
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const { user, router } = renderApp('/account', { role: 'user' });
    await user.click(await screen.findByRole('button', { name: 'Delete my account' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete your account?' });
    await user.type(screen.getByLabelText('Password'), 'my password is long enough');
    await user.click(screen.getByRole('button', { name: 'Delete account' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/login'));
    expect(sent).toEqual({ password: 'my password is long enough' });
    expect(session.getToken()).toBeNull();
    expect(dialog).not.toBeInTheDocument();
    expect(await screen.findByText('Your account has been deleted.')).toBeInTheDocument();
  });
});

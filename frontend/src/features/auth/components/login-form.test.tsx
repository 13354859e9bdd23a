import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { session } from '@/lib/session';
import { API, GOOD_PASSWORD } from '@/testing/fixtures';
import { server } from '@/testing/server';
import { renderApp } from '@/testing/test-utils';

describe('login form', () => {
  it('validates empty fields inline without calling the API', async () => {
    const { user } = renderApp('/login');
    await user.click(await screen.findByRole('button', { name: 'Log in' }));
    expect(await screen.findByText('Enter your username or email.')).toBeInTheDocument();
    expect(screen.getByText('Enter your password.')).toBeInTheDocument();
    expect(screen.getByLabelText('Username or email')).toHaveAttribute('aria-invalid', 'true');
  });

  it("shows the API's message on wrong credentials", async () => {
    const { user } = renderApp('/login');
    await user.type(await screen.findByLabelText('Username or email'), 'alice');
    await user.type(screen.getByLabelText('Password'), 'not the password');
    await user.click(screen.getByRole('button', { name: 'Log in' }));
    expect(await screen.findByText('Invalid username or password.')).toBeInTheDocument();
    expect(session.getToken()).toBeNull();
  });

  it('after an expired session, says so and returns the user where they were', async () => {
    const { user, router } = renderApp('/login?expired=1&next=%2Fhistory%3Fcluster%3D1');
    expect(await screen.findByText(/Your session has expired/)).toBeInTheDocument();
    await user.type(screen.getByLabelText('Username or email'), 'alice');
    await user.type(screen.getByLabelText('Password'), GOOD_PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Log in' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/history'));
    expect(router.state.location.search).toBe('?cluster=1');
    expect(session.getToken()).toBe('token-user');
    expect(await screen.findByRole('heading', { name: 'History' })).toBeInTheDocument();
  });

  it('is also reachable at /admin/login and ignores off-site next URLs', async () => {
    const { user, router } = renderApp('/admin/login?next=%2F%2Fevil.example');
    expect(await screen.findByRole('heading', { name: 'Administrator log in' })).toBeInTheDocument();
    await user.type(screen.getByLabelText('Username or email'), 'alice');
    await user.type(screen.getByLabelText('Password'), GOOD_PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Log in' }));
    await waitFor(() => expect(router.state.location.pathname).toMatch(/^\/admin/));
  });

  it('a protected page with a dead token sends the user to log in with the expiry notice', async () => {
    session.setToken('token-garbage');
    const { router } = renderApp('/profiles?x=1');
    await waitFor(() => expect(router.state.location.pathname).toBe('/login'));
    expect(router.state.location.search).toBe('?expired=1&next=%2Fprofiles%3Fx%3D1');
    expect(await screen.findByText(/Your session has expired/)).toBeInTheDocument();
    expect(session.getToken()).toBeNull();
  });
  it('a signed-out visit to a protected page says why it shows the login', async () => {
    const { router } = renderApp('/dashboard');
    await waitFor(() => expect(router.state.location.pathname).toBe('/login'));
    expect(await screen.findByTestId('login-reason')).toHaveTextContent('Please log in to see that page.');
    expect(screen.queryByText(/Your session has expired/)).not.toBeInTheDocument();
  });

  it('offers an account on the user login, not on the administrator login', async () => {
    renderApp('/login');
    expect(await screen.findByRole('link', { name: 'Create one' })).toBeInTheDocument();
  });

  it('the administrator login does not offer to create an account', async () => {
    renderApp('/admin/login');
    await screen.findByRole('heading', { name: 'Administrator log in' });
    expect(screen.queryByRole('link', { name: 'Create one' })).not.toBeInTheDocument();
    expect(screen.queryByText('No account yet?')).not.toBeInTheDocument();
  });

  it('says once when the lockout ends, and a new attempt clears the old message', async () => {
    let calls = 0;
    server.use(
      http.post(`${API}/auth/login`, () => {
        calls += 1;
        return calls === 1
          ? HttpResponse.json(
              { code: 'too_many_requests', message: 'Too many failed sign-in attempts; try again later.', request_id: 'r' },
              { status: 429, headers: { 'Retry-After': '29' } },
            )
          : HttpResponse.json({ code: 'invalid_credentials', message: 'Invalid username or password.', request_id: 'r' }, { status: 401 });
      }),
    );
    const { user } = renderApp('/login');
    await user.type(await screen.findByLabelText('Username or email'), 'alice');
    await user.type(screen.getByLabelText('Password'), 'not the password');
    await user.click(screen.getByRole('button', { name: 'Log in' }));
    expect(await screen.findByText('Too many failed sign-in attempts; try again in 29 s.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Log in' }));
    expect(await screen.findByText('Invalid username or password.')).toBeInTheDocument();
    expect(screen.queryByText(/Too many/)).not.toBeInTheDocument();
  });
});

import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { resetTokenFrom } from '@/features/auth/api/auth';
import { session } from '@/lib/session';
import { API, userFixture } from '@/testing/fixtures';
import { apiError } from '@/testing/handlers';
import { server } from '@/testing/server';
import { renderApp } from '@/testing/test-utils';

const NEW_PASSWORD = 'violet harbour lanterns drift';

function recordForgot() {
  const bodies: unknown[] = [];
  server.use(
    http.post(`${API}/auth/forgot-password`, async ({ request }) => {
      bodies.push(await request.json());
      return HttpResponse.json({ message: 'If an account has this email, a reset link is on its way.' }, { status: 202 });
    }),
  );
  return bodies;
}

function recordReset(reply: () => Response) {
  const bodies: unknown[] = [];
  server.use(
    http.post(`${API}/auth/password-reset`, async ({ request }) => {
      bodies.push(await request.json());
      return reply();
    }),
  );
  return bodies;
}

describe('forgot password', () => {
  it('is linked from the login page', async () => {
    const { user, router } = renderApp('/login');
    await user.click(await screen.findByRole('link', { name: 'Forgot password?' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/forgot-password'));
    expect(await screen.findByRole('heading', { name: 'Forgot your password?' })).toBeInTheDocument();
  });

  it('checks the address before calling the API', async () => {
    const bodies = recordForgot();
    const { user } = renderApp('/forgot-password');
    await user.type(await screen.findByLabelText('Email'), 'not an address');
    await user.click(screen.getByRole('button', { name: 'Send reset link' }));
    expect(await screen.findByText('Enter a valid email address.')).toBeInTheDocument();
    expect(bodies).toEqual([]);
  });

  it('sends the address and answers the same whether or not the account exists', async () => {
    const bodies = recordForgot();
    const { user } = renderApp('/forgot-password');
    await user.type(await screen.findByLabelText('Email'), ' alice@example.com ');
    await user.click(screen.getByRole('button', { name: 'Send reset link' }));
    expect(await screen.findByText(/If an account has the address/)).toHaveTextContent('alice@example.com');
    expect(bodies).toEqual([{ email: 'alice@example.com' }]);
  });

  it('shows the throttling message', async () => {
    server.use(http.post(`${API}/auth/forgot-password`, () => apiError(429, 'too_many_requests', 'Too many password-reset requests; try again later.')));
    const { user } = renderApp('/forgot-password');
    await user.type(await screen.findByLabelText('Email'), 'alice@example.com');
    await user.click(screen.getByRole('button', { name: 'Send reset link' }));
    expect(await screen.findByText(/Too many password-reset requests/)).toBeInTheDocument();
  });
});

describe('reset password', () => {
  it('reads the token from the fragment only', () => {
    expect(resetTokenFrom('#token=abc-DEF_12')).toBe('abc-DEF_12');
    expect(resetTokenFrom('#token=')).toBeNull();
    expect(resetTokenFrom('')).toBeNull();
    expect(resetTokenFrom('#other=1')).toBeNull();
  });

  it('sets the new password with the link token, signs in and drops the token from the address', async () => {
    const bodies = recordReset(() => HttpResponse.json({ access_token: 'token-user', token_type: 'bearer', expires_in: 1800, user: userFixture('user') }));
    const { user, router } = renderApp('/reset-password#token=link-token-123');
    await waitFor(() => expect(router.state.location.hash).toBe(''));
    await user.type(await screen.findByLabelText('New password'), NEW_PASSWORD);
    await user.type(screen.getByLabelText('Confirm new password'), NEW_PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Set new password' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/dashboard'));
    expect(bodies).toEqual([{ token: 'link-token-123', new_password: NEW_PASSWORD }]);
    expect(session.getToken()).toBe('token-user');
  });

  it('refuses mismatched or short passwords without calling the API', async () => {
    const bodies = recordReset(() => HttpResponse.json({}));
    const { user } = renderApp('/reset-password#token=t');
    await user.type(await screen.findByLabelText('New password'), 'too short');
    await user.type(screen.getByLabelText('Confirm new password'), 'something else');
    await user.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(await screen.findByText('The passwords do not match.')).toBeInTheDocument();
    expect(bodies).toEqual([]);
  });

  it('a used or expired link says so and offers a new one', async () => {
    recordReset(() => apiError(400, 'invalid_reset_token', 'This reset link is invalid, has expired or was already used; ask for a new one.'));
    const { user } = renderApp('/reset-password#token=used');
    await user.type(await screen.findByLabelText('New password'), NEW_PASSWORD);
    await user.type(screen.getByLabelText('Confirm new password'), NEW_PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(await screen.findByText(/already used/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Ask for a new link' })).toHaveAttribute('href', '/forgot-password');
    expect(screen.getByRole('button', { name: 'Set new password' })).toBeDisabled();
    expect(session.getToken()).toBeNull();
  });

  it("shows the server's password policy message on the field", async () => {
    recordReset(() => apiError(422, 'validation_error', 'new_password: is too common', [{ field: 'new_password', message: 'is too common' }]));
    const { user } = renderApp('/reset-password#token=t');
    await user.type(await screen.findByLabelText('New password'), NEW_PASSWORD);
    await user.type(screen.getByLabelText('Confirm new password'), NEW_PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Set new password' }));
    expect((await screen.findAllByText('New password is too common.')).length).toBeGreaterThan(0);
    expect(screen.queryByText(/new_password/)).not.toBeInTheDocument();
    expect(screen.getByLabelText('New password')).toHaveAttribute('aria-invalid', 'true');
  });

  it('without a token explains where the link comes from', async () => {
    renderApp('/reset-password');
    expect(await screen.findByText(/needs the link from your reset mail/)).toBeInTheDocument();
    expect(screen.queryByLabelText('New password')).not.toBeInTheDocument();
  });
});

import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { session } from '@/lib/session';
import { API, GOOD_PASSWORD } from '@/testing/fixtures';
import { server } from '@/testing/server';
import { renderApp } from '@/testing/test-utils';
import { estimateStrength, passwordProblems } from '@/lib/password-strength';

describe('password rules and strength', () => {
  it('flags what the API would reject', () => {
    expect(passwordProblems({ password: 'short' })).toEqual([expect.stringMatching(/at least 15/)]);
    expect(passwordProblems({ password: 'my name is alice123 ok', username: 'alice123' })).toContain('It must not contain your username.');
    expect(passwordProblems({ password: 'bob.smith likes long walks', email: 'bob.smith@example.com' })).toContain(
      'It must not contain the name part of your email.',
    );
    expect(passwordProblems({ password: 'a'.repeat(129) })).toContain('Use at most 128 characters.');
    expect(passwordProblems({ password: GOOD_PASSWORD, username: 'alice', email: 'alice@example.com' })).toEqual([]);
  });

  it('scores longer, varied passwords higher', () => {
    const weak = estimateStrength({ password: 'aaaaaaaaaaaaaaa' }).score;
    const fair = estimateStrength({ password: 'correcthorsebatt' }).score;
    const strong = estimateStrength({ password: 'Correct-Horse-Battery-Staple-42!' }).score;
    expect(weak).toBeLessThan(fair);
    expect(fair).toBeLessThan(strong);
    expect(strong).toBe(4);
  });
});

describe('register form', () => {
  it('states the password rule and updates the strength meter as you type', async () => {
    const { user } = renderApp('/register');
    expect(await screen.findByText(/Use 15 to 128 characters/)).toBeInTheDocument();
    const meter = screen.getByTestId('strength-meter');
    const password = screen.getByLabelText('Password');
    await user.type(password, 'abc');
    expect(meter).toHaveAttribute('data-score', '0');
    expect(screen.getByText(/at least 15 characters \(3 so far\)/)).toBeInTheDocument();
    await user.clear(password);
    await user.type(password, 'Correct-Horse-Battery-Staple-42!');
    expect(meter).toHaveAttribute('data-score', '4');
    expect(screen.getByRole('meter', { name: 'Password strength' })).toHaveAttribute('aria-valuetext', 'Strong');
  });

  it('validates inline: username rules, password containing the username, confirmation', async () => {
    const { user } = renderApp('/register');
    await user.type(await screen.findByLabelText('Email'), 'not-an-email');
    await user.type(screen.getByLabelText('Username'), 'al');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    expect(await screen.findByText('Enter a valid email address.')).toBeInTheDocument();
    expect(screen.getByText('Use 3-32 letters, digits, _ . or -.')).toBeInTheDocument();
    await user.clear(screen.getByLabelText('Username'));
    await user.type(screen.getByLabelText('Username'), 'alice_w');
    await user.type(screen.getByLabelText('Password'), 'i am alice_w and this is long');
    await user.type(screen.getByLabelText('Confirm password'), 'different');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    expect((await screen.findAllByText('It must not contain your username.')).length).toBeGreaterThan(0);
    expect(screen.getByText('The passwords do not match.')).toBeInTheDocument();
  });

  it("shows the API's reason (e.g. a common password) on the field", async () => {
    server.use(
      http.post(`${API}/auth/register`, () =>
        HttpResponse.json(
          {
            code: 'validation_error',
            message: 'password: this password is too common',
            details: [{ field: 'password', message: 'This password is too common.' }],
            request_id: 'r',
          },
          { status: 422 },
        ),
      ),
    );
    const { user } = renderApp('/register');
    await user.type(await screen.findByLabelText('Email'), 'carol@example.com');
    await user.type(screen.getByLabelText('Username'), 'carol');
    await user.type(screen.getByLabelText('Password'), 'iloveyouiloveyou1');
    await user.type(screen.getByLabelText('Confirm password'), 'iloveyouiloveyou1');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    expect(await screen.findByText('This password is too common.')).toBeInTheDocument();
    // Said once, beside its field: no second banner with the raw field name.
    expect(screen.queryByText(/password: this password/)).not.toBeInTheDocument();
    expect(screen.getAllByText(/too common/)).toHaveLength(1);
  });

  it('registers, signs in and opens the dashboard', async () => {
    const { user, router } = renderApp('/register');
    await user.type(await screen.findByLabelText('Email'), 'dave@example.com');
    await user.type(screen.getByLabelText('Username'), 'dave');
    await user.type(screen.getByLabelText('Password'), GOOD_PASSWORD);
    await user.type(screen.getByLabelText('Confirm password'), GOOD_PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/dashboard'));
    expect(session.getToken()).toBe('token-user');
  });
});

import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { THEME_KEY } from '@/lib/theme';
import { renderApp } from '@/testing/test-utils';

async function navLinks() {
  const nav = await screen.findByRole('navigation', { name: 'Main' });
  return within(nav);
}

describe('role-gated navigation', () => {
  it('anonymous visitors see public pages and sign-up', async () => {
    renderApp('/');
    const nav = await navLinks();
    expect(nav.getByRole('link', { name: 'API docs' })).toBeInTheDocument();
    expect(nav.getByRole('link', { name: 'Sign up' })).toBeInTheDocument();
    expect(nav.queryByRole('link', { name: 'Dashboard' })).not.toBeInTheDocument();
  });

  it('a user sees the user pages but not Models or Admin', async () => {
    renderApp('/', { role: 'user' });
    const nav = await navLinks();
    expect(await nav.findByRole('link', { name: 'Dashboard' })).toBeInTheDocument();
    for (const name of ['Batch scoring', 'History', 'Profiles', 'Data']) expect(nav.getByRole('link', { name })).toBeInTheDocument();
    expect(nav.queryByRole('link', { name: 'Models' })).not.toBeInTheDocument();
    expect(nav.queryByRole('link', { name: 'Admin' })).not.toBeInTheDocument();
    expect(await nav.findByTestId('nav-role')).toHaveTextContent('user');
  });

  it('an analyst also sees Models', async () => {
    renderApp('/', { role: 'analyst' });
    const nav = await navLinks();
    expect(await nav.findByRole('link', { name: 'Models' })).toBeInTheDocument();
    expect(nav.queryByRole('link', { name: 'Admin' })).not.toBeInTheDocument();
  });

  it('an admin sees everything', async () => {
    renderApp('/', { role: 'admin' });
    const nav = await navLinks();
    expect(await nav.findByRole('link', { name: 'Admin' })).toBeInTheDocument();
    expect(nav.getByRole('link', { name: 'Models' })).toBeInTheDocument();
  });

  it('a user who opens an admin URL is told the page is not for their role', async () => {
    renderApp('/admin/users', { role: 'user' });
    expect(await screen.findByText('Not available for your role')).toBeInTheDocument();
  });

  it('unknown URLs show a not-found page, never a blank one', async () => {
    renderApp('/no/such/page');
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeInTheDocument();
  });

  it('the mobile menu button toggles the menu', async () => {
    const { user } = renderApp('/');
    const button = await screen.findByRole('button', { name: 'Menu' });
    expect(button).toHaveAttribute('aria-expanded', 'false');
    await user.click(button);
    expect(screen.getByRole('button', { name: 'Close menu' })).toHaveAttribute('aria-expanded', 'true');
  });
  it('Escape closes the mobile menu and gives focus back to its button', async () => {
    const { user } = renderApp('/');
    await user.click(await screen.findByRole('button', { name: 'Menu' }));
    const close = screen.getByRole('button', { name: 'Close menu' });
    await user.tab();
    await user.keyboard('{Escape}');
    const menu = screen.getByRole('button', { name: 'Menu' });
    expect(menu).toHaveAttribute('aria-expanded', 'false');
    expect(menu).toBe(close);
    expect(menu).toHaveFocus();
  });
});

describe('colour scheme', () => {
  it('follows the OS until a choice is made, then keeps the choice', async () => {
    localStorage.removeItem(THEME_KEY);
    const { user } = renderApp('/');
    const select = await screen.findByRole('combobox', { name: 'Theme' });
    expect(select).toHaveValue('system');
    await user.selectOptions(select, 'dark');
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(localStorage.getItem(THEME_KEY)).toBe('dark');
    await user.selectOptions(select, 'system');
    expect(localStorage.getItem(THEME_KEY)).toBeNull();
    expect(document.documentElement.dataset.theme).toBe('light');
  });
});

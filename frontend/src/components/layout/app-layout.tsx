import { useEffect, useId, useRef, useState } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate, useNavigation } from 'react-router';
import { hasRole, LOGGED_OUT_URL, useLogout, useUser } from '@/lib/auth';
import { cx } from '@/lib/format';
import { NAV_ITEMS } from './nav-items';
import { ThemeSwitch } from './theme-switch';

function navClass({ isActive }: { isActive: boolean }) {
  return cx('block rounded-md px-3 py-2 text-sm font-medium', isActive ? 'bg-blue-900 text-white' : 'text-blue-50 hover:bg-blue-800 hover:text-white');
}

export function MainNav({ onNavigate }: { onNavigate?: () => void }) {
  const { user } = useUser();
  const items = NAV_ITEMS.filter((i) => i.role === null || hasRole(user, i.role));
  return (
    <ul className="flex flex-col gap-1 lg:flex-row lg:items-center">
      {items.map((item) => (
        <li key={item.to}>
          <NavLink to={item.to} className={navClass} onClick={onNavigate} end={item.to === '/'}>
            {item.label}
          </NavLink>
        </li>
      ))}
    </ul>
  );
}

function UserMenu({ onNavigate }: { onNavigate?: () => void }) {
  const { user, token } = useUser();
  const logout = useLogout();
  const navigate = useNavigate();
  if (!token) {
    return (
      <div className="flex items-center gap-2">
        <NavLink to="/login" className={navClass} onClick={onNavigate}>
          Log in
        </NavLink>
        <Link to="/register" onClick={onNavigate} className="rounded-md bg-white px-3 py-2 text-sm font-semibold text-blue-900 hover:bg-blue-50">
          Sign up
        </Link>
      </div>
    );
  }
  return (
    <div className="flex flex-wrap items-center gap-2">
      <NavLink to="/account" className={navClass} onClick={onNavigate}>
        <span className="sr-only">Account: </span>
        {user ? user.username : 'Account'}
        {user && (
          <span className="ml-1 rounded bg-blue-950/40 px-1.5 py-0.5 text-xs" data-testid="nav-role">
            {user.role}
          </span>
        )}
      </NavLink>
      <button
        type="button"
        className="rounded-md px-3 py-2 text-sm font-medium text-blue-50 hover:bg-blue-800 hover:text-white"
        onClick={() => {
          onNavigate?.();
          logout.mutate(undefined, { onSettled: () => navigate(LOGGED_OUT_URL) });
        }}
      >
        Log out
      </button>
    </div>
  );
}

export function AppLayout() {
  const location = useLocation();
  // The phone menu is open on the page it was opened on: moving to another page closes it.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === location.pathname;
  const setOpen = (next: boolean | ((o: boolean) => boolean)) =>
    setOpenOn((current) => ((typeof next === 'function' ? next(current === location.pathname) : next) ? location.pathname : null));
  const menuId = useId();
  const navigation = useNavigation();
  const toggleRef = useRef<HTMLButtonElement>(null);
  // Escape closes the open phone menu and gives focus back to its button.
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpenOn(null);
      toggleRef.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);
  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-blue-900"
      >
        Skip to content
      </a>
      <header className="keep-palette bg-blue-700 text-white shadow">
        <nav aria-label="Main" className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-2 px-4 py-2">
          <Link to="/" className="flex items-center gap-2 rounded-md py-1 text-lg font-bold tracking-tight">
            <svg viewBox="0 0 32 32" className="h-7 w-7" aria-hidden="true">
              <rect width="32" height="32" rx="6" fill="#1e3a8a" />
              <circle cx="11" cy="12" r="4" fill="#93c5fd" />
              <circle cx="21" cy="20" r="5" fill="#fbbf24" />
              <circle cx="22" cy="9" r="3" fill="#f9a8d4" />
            </svg>
            Segmenta
          </Link>
          <button
            ref={toggleRef}
            type="button"
            className="rounded-md border border-blue-300 px-3 py-1.5 text-sm font-medium lg:hidden"
            aria-expanded={open}
            aria-controls={menuId}
            onClick={() => setOpen((o) => !o)}
          >
            {open ? 'Close menu' : 'Menu'}
          </button>
          <div
            id={menuId}
            className={cx('w-full flex-col gap-2 pb-2 lg:flex lg:w-auto lg:flex-row lg:items-center lg:gap-4 lg:pb-0', open ? 'flex' : 'hidden')}
          >
            <MainNav onNavigate={() => setOpen(false)} />
            <UserMenu onNavigate={() => setOpen(false)} />
            <ThemeSwitch />
          </div>
        </nav>
        {navigation.state === 'loading' && (
          <div className="h-1 w-full overflow-hidden bg-blue-900" role="progressbar" aria-label="Loading page">
            <div className="h-full w-1/3 animate-pulse bg-amber-300" />
          </div>
        )}
      </header>
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-7xl flex-1 px-4 py-6 focus:outline-none">
        <Outlet />
      </main>
      <footer className="border-t border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap justify-between gap-2 px-4 py-4 text-xs text-slate-700">
          <span>Segmenta — K-Means customer segments with explanations.</span>
          <span>
            <Link className="underline" to="/about">
              About
            </Link>{' '}
            ·{' '}
            <Link className="underline" to="/docs">
              API docs
            </Link>
          </span>
        </div>
      </footer>
    </div>
  );
}

import { useSyncExternalStore } from 'react';

/** The colour scheme: the person's stored choice, else the OS setting (prefers-color-scheme). */
export type ThemeChoice = 'light' | 'dark' | 'system';
export type Theme = 'light' | 'dark';

export const THEME_KEY = 'segmenta.theme';
const QUERY = '(prefers-color-scheme: dark)';
const listeners = new Set<() => void>();

export function storedChoice(): ThemeChoice {
  try {
    const v = localStorage.getItem(THEME_KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

function systemTheme(): Theme {
  return typeof window !== 'undefined' && window.matchMedia?.(QUERY).matches ? 'dark' : 'light';
}

export function resolveTheme(choice: ThemeChoice): Theme {
  return choice === 'system' ? systemTheme() : choice;
}

/** Puts the scheme on <html data-theme> (what the `dark:` variant and the mirrored palette follow). */
export function applyTheme(choice: ThemeChoice = storedChoice()): Theme {
  const theme = resolveTheme(choice);
  document.documentElement.dataset.theme = theme;
  return theme;
}

function notify() {
  applyTheme();
  for (const l of listeners) l();
}

export function setThemeChoice(choice: ThemeChoice): void {
  try {
    if (choice === 'system') localStorage.removeItem(THEME_KEY);
    else localStorage.setItem(THEME_KEY, choice);
  } catch {
    /* storage may be unavailable (private mode); the choice then lasts for this page */
  }
  notify();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const media = window.matchMedia?.(QUERY);
  const onStorage = (e: StorageEvent) => e.key === THEME_KEY && notify();
  media?.addEventListener?.('change', notify);
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    media?.removeEventListener?.('change', notify);
    window.removeEventListener('storage', onStorage);
  };
}

const snapshot = () => `${storedChoice()}:${resolveTheme(storedChoice())}`;

/** The stored choice and the scheme in effect; re-renders when either changes (OS, other tab, switch). */
export function useTheme(): { choice: ThemeChoice; theme: Theme; setChoice: (c: ThemeChoice) => void } {
  const snap = useSyncExternalStore(subscribe, snapshot, () => 'system:light');
  const [choice, theme] = snap.split(':') as [ThemeChoice, Theme];
  return { choice, theme, setChoice: setThemeChoice };
}

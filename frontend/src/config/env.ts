declare global {
  interface Window {
    /** Runtime configuration, set by `/env.js` (served with the SPA) before the app loads. */
    __APP_CONFIG__?: { apiUrl?: string };
  }
}

/**
 * Validates an API base URL. Returns it without a trailing slash; `fallback` when empty;
 * throws with a readable message when invalid.
 */
export function resolveApiUrl(raw: string | undefined | null, fallback: string): string {
  const value = (raw ?? '').trim();
  if (!value) return fallback.replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`The API URL must be an absolute http(s) URL; got "${value}".`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`The API URL must use http or https; got "${url.protocol}".`);
  }
  if (url.search || url.hash) {
    throw new Error('The API URL must not contain a query string or fragment.');
  }
  return url.toString().replace(/\/+$/, '');
}

/**
 * Where the API is, so one build serves every port and every stage: the runtime configuration
 * served with the SPA (`/env.js`: written by `local/web.py` from API_PORT, or by the deploy),
 * else `VITE_API_URL` given at build time, else this page's own origin.
 */
export function apiUrlFrom(runtime: Window['__APP_CONFIG__'], buildTime: string | undefined, origin: string): string {
  const configured = runtime?.apiUrl?.trim() ? runtime.apiUrl : buildTime;
  return resolveApiUrl(configured, origin);
}

let configError: string | null = null;
let apiUrl = window.location.origin;
try {
  apiUrl = apiUrlFrom(window.__APP_CONFIG__, import.meta.env.VITE_API_URL, window.location.origin);
} catch (e) {
  configError = e instanceof Error ? e.message : String(e);
}

export const env = {
  API_URL: apiUrl,
  /** Non-null when the configuration is invalid; the app shows it instead of starting. */
  configError,
};

export const DEFAULT_API_URL = 'http://127.0.0.1:8000';

/**
 * Validates the API base URL given at build time (`VITE_API_URL`).
 * Returns the URL without a trailing slash; throws with a readable message when invalid.
 */
export function resolveApiUrl(raw: string | undefined | null): string {
  const value = (raw ?? '').trim();
  if (!value) return DEFAULT_API_URL;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`VITE_API_URL must be an absolute http(s) URL; got "${value}".`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`VITE_API_URL must use http or https; got "${url.protocol}".`);
  }
  if (url.search || url.hash) {
    throw new Error('VITE_API_URL must not contain a query string or fragment.');
  }
  return url.toString().replace(/\/+$/, '');
}

let configError: string | null = null;
let apiUrl = DEFAULT_API_URL;
try {
  apiUrl = resolveApiUrl(import.meta.env.VITE_API_URL);
} catch (e) {
  configError = e instanceof Error ? e.message : String(e);
}

export const env = {
  API_URL: apiUrl,
  /** Non-null when the configuration is invalid; the app shows it instead of starting. */
  configError,
};

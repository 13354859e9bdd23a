import { env } from '@/config/env';
import { featureLabel } from '@/lib/format';
import { session } from '@/lib/session';

export type ErrorDetail = { field?: string; message?: string; [key: string]: unknown };

/** An error from the API, parsed from the contract's body `{code, message, details, request_id}`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ErrorDetail[];
  readonly requestId: string | null;
  readonly retryAfter: number | null;

  constructor(init: { status: number; code: string; message: string; details?: ErrorDetail[]; requestId?: string | null; retryAfter?: number | null }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.details = init.details ?? [];
    this.requestId = init.requestId ?? null;
    this.retryAfter = init.retryAfter ?? null;
  }

  /** Validation messages keyed by field name (from `details`), as sentences naming the field by
   * its label ("is incorrect" on current_password -> "Current password is incorrect."). */
  fieldErrors(labels: Record<string, string> = {}): Record<string, string> {
    const out: Record<string, string> = {};
    for (const d of this.details) {
      if (d && typeof d.field === 'string' && typeof d.message === 'string') {
        const key = d.field.replace(/^body\./, '');
        if (!(key in out)) out[key] = fieldSentence(labels[key] ?? featureLabel(key), d.message);
      }
    }
    return out;
  }
}

/** "Current password" + "is incorrect" -> "Current password is incorrect."; a message that is
 * already a sentence ("Password is too common; ...") is kept. */
export function fieldSentence(label: string, message: string): string {
  const text = message.trim();
  const sentence = /^[a-z]/.test(text) ? `${label} ${text}` : text;
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

/** The API's message with raw field names ("current_password: is incorrect") put in words. */
function readableMessage(e: ApiError): string {
  const fields = e.details.filter((d): d is ErrorDetail & { field: string; message: string } => typeof d?.field === 'string' && typeof d?.message === 'string');
  if (!fields.length) return e.message;
  const raw = fields.map((d) => `${d.field.replace(/^body\./, '')}: ${d.message}`).join('; ');
  if (e.message === raw) return Object.values(e.fieldErrors()).join(' ');
  let text = e.message;
  for (const d of fields) {
    const key = d.field.replace(/^body\./, '');
    text = text.split(`${key}:`).join(`${featureLabel(key)}:`);
  }
  return text;
}

/** A form's own error banner: none when every field error is already shown beside its field. */
export function formError(e: unknown, shownFields: readonly string[]): unknown {
  if (!isApiError(e)) return e;
  const keys = Object.keys(e.fieldErrors());
  return keys.length && keys.every((k) => shownFields.includes(k)) ? null : e;
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** The text to show a person for any error. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.status === 429 && e.retryAfter) {
      // Say when, once: "...; try again later." becomes "...; try again in 29 s."
      const when = `try again in ${e.retryAfter} s`;
      return /try again later/i.test(e.message) ? e.message.replace(/try again later/i, when) : `${e.message} ${when.charAt(0).toUpperCase()}${when.slice(1)}.`;
    }
    return readableMessage(e);
  }
  if (e instanceof Error && e.message) return e.message;
  return 'Something went wrong.';
}

const STATUS_TEXT: Record<number, string> = {
  400: 'The request could not be read.',
  401: 'Authentication is required.',
  403: 'Your role does not allow this action.',
  404: 'Not found.',
  405: 'This action is not allowed.',
  409: 'The request conflicts with the current state.',
  413: 'The upload is too large.',
  415: 'That file type is not supported.',
  422: 'Some values are not valid.',
  429: 'Too many requests; try again later.',
  503: 'The service is temporarily unavailable; try again shortly.',
};

function parseRetryAfter(headers: { get(name: string): string | null }): number | null {
  const raw = headers.get('Retry-After');
  if (!raw) return null;
  const n = Number(raw);
  return Number.isFinite(n) ? n : null;
}

export function parseErrorBody(status: number, bodyText: string, headers: { get(name: string): string | null }): ApiError {
  let body: unknown = null;
  try {
    body = bodyText ? JSON.parse(bodyText) : null;
  } catch {
    body = null;
  }
  const obj = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const message = typeof obj.message === 'string' && obj.message ? obj.message : (STATUS_TEXT[status] ?? `The request failed (HTTP ${status}).`);
  const code = typeof obj.code === 'string' ? obj.code : `http_${status}`;
  const details = Array.isArray(obj.details)
    ? (obj.details as unknown[]).map((d) => (d && typeof d === 'object' ? (d as ErrorDetail) : { message: String(d) }))
    : [];
  const requestId = typeof obj.request_id === 'string' ? obj.request_id : headers.get('X-Request-Id');
  return new ApiError({ status, code, message, details, requestId, retryAfter: parseRetryAfter(headers) });
}

// ---------------------------------------------------------------------------------------------
// Session expiry: a 401 on a request that carried a token.

const PUBLIC_PATHS = new Set(['/', '/about', '/login', '/register', '/admin/login', '/docs']);

export function loginRedirectUrl(next: string): string {
  const safeNext = next.startsWith('/') && !next.startsWith('//') ? next : '/dashboard';
  return `/login?expired=1&next=${encodeURIComponent(safeNext)}`;
}

type UnauthorizedHandler = (loginUrl: string) => void;
type PathGetter = () => string;

let unauthorizedHandler: UnauthorizedHandler = (url) => {
  window.location.assign(url);
};
let currentPath: PathGetter = () => `${window.location.pathname}${window.location.search}${window.location.hash}`;

/** The app registers the router's navigate (and where the router is) here; tests register a spy. */
export function setUnauthorizedHandler(handler: UnauthorizedHandler, getPath?: PathGetter): void {
  unauthorizedHandler = handler;
  if (getPath) currentPath = getPath;
}

function handleExpiredSession(): void {
  const path = currentPath();
  const pathname = path.split(/[?#]/)[0] ?? '/';
  if (PUBLIC_PATHS.has(pathname)) {
    session.clear('expired'); // nothing to protect here; just forget the token
    return;
  }
  const url = loginRedirectUrl(path);
  session.clear('expired', url);
  unauthorizedHandler(url);
}

/** 401 codes that mean "the password you typed is wrong", not "your session is gone". */
const CREDENTIAL_CODES = new Set(['invalid_credentials', 'invalid_password', 'wrong_password']);

// ---------------------------------------------------------------------------------------------

export type Query = Record<string, string | number | boolean | null | undefined>;

export type RequestOptions = {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  /** JSON body (serialised). */
  json?: unknown;
  /** Raw body with its content type, e.g. a CSV file. */
  body?: Blob | string;
  contentType?: string;
  accept?: string;
  query?: Query;
  signal?: AbortSignal;
  /** Attach the stored token (default true). */
  auth?: boolean;
  /** Send this token instead of the stored one (signing out revokes a token already forgotten). */
  token?: string;
  /** The request checks a password: a 401 `invalid_credentials` is a normal error, not an expiry. */
  credentialCheck?: boolean;
  /** How to read a 2xx body (default: JSON, or null when empty). */
  responseType?: 'json' | 'text' | 'blob';
};

export function buildUrl(path: string, query?: Query): string {
  const url = new URL(path.replace(/^\/?/, '/'), `${env.API_URL}/`);
  // Keep any path prefix of the base URL (e.g. an API Gateway stage).
  const base = new URL(`${env.API_URL}/`);
  url.pathname = `${base.pathname.replace(/\/$/, '')}/${path.replace(/^\//, '')}`;
  if (query) {
    for (const [k, v] of Object.entries(query)) {
      if (v === undefined || v === null || v === '') continue;
      url.searchParams.set(k, String(v));
    }
  }
  return url.toString();
}

function buildHeaders(opts: RequestOptions): { headers: Record<string, string>; withToken: boolean } {
  const headers: Record<string, string> = { Accept: opts.accept ?? 'application/json' };
  if (opts.json !== undefined) headers['Content-Type'] = 'application/json';
  else if (opts.body !== undefined) headers['Content-Type'] = opts.contentType ?? 'application/octet-stream';
  const token = opts.token ?? (opts.auth === false ? null : session.getToken());
  if (token) headers.Authorization = `Bearer ${token}`;
  return { headers, withToken: Boolean(token) };
}

function onErrorStatus(error: ApiError, withToken: boolean, opts: RequestOptions): ApiError {
  if (error.status === 401 && withToken) {
    const isCredentialError = opts.credentialCheck && CREDENTIAL_CODES.has(error.code);
    if (!isCredentialError) {
      handleExpiredSession();
      return new ApiError({
        status: 401,
        code: error.code,
        message: 'Your session has expired. Please log in again.',
        requestId: error.requestId,
      });
    }
  }
  return error;
}

const apiUnreachable = () => `Cannot reach the API at ${env.API_URL}. Check your connection and try again.`;

export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const { headers, withToken } = buildHeaders(opts);
  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), {
      method: opts.method ?? (opts.json !== undefined || opts.body !== undefined ? 'POST' : 'GET'),
      headers,
      body: opts.json !== undefined ? JSON.stringify(opts.json) : opts.body,
      signal: opts.signal,
      credentials: 'omit',
      mode: 'cors',
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError({ status: 0, code: 'network_error', message: apiUnreachable() });
  }
  if (!res.ok) {
    const text = await res.text().catch(() => '');
    throw onErrorStatus(parseErrorBody(res.status, text, res.headers), withToken, opts);
  }
  if (opts.responseType === 'blob') return (await res.blob()) as T;
  const text = await res.text();
  if (opts.responseType === 'text') return text as T;
  if (!text) return null as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError({ status: res.status, code: 'bad_response', message: 'The API sent a response that could not be read.' });
  }
}

export type UploadOptions = Omit<RequestOptions, 'json' | 'responseType'> & {
  body: Blob | string;
  onProgress?: (fraction: number) => void;
  responseType?: 'json' | 'blob';
};

type XhrResult = { status: number; text: string; response: unknown; headers: { get(name: string): string | null } };

/**
 * Sends a body through XMLHttpRequest, which (unlike fetch) reports upload progress:
 * `onProgress` gets the fraction sent, from 0 to 1.
 */
function sendXhr(init: {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body: XMLHttpRequestBodyInit;
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
  blob?: boolean;
  networkMessage: string;
}): Promise<XhrResult> {
  return new Promise<XhrResult>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(init.method, init.url);
    for (const [k, v] of Object.entries(init.headers ?? {})) xhr.setRequestHeader(k, v);
    xhr.responseType = init.blob ? 'blob' : 'text';
    if (init.onProgress) {
      const report = init.onProgress;
      xhr.upload.addEventListener('progress', (e) => {
        if (e.lengthComputable && e.total > 0) report(Math.min(1, e.loaded / e.total));
      });
      xhr.upload.addEventListener('load', () => report(1));
    }
    if (init.signal) {
      if (init.signal.aborted) return reject(new DOMException('Aborted', 'AbortError'));
      init.signal.addEventListener('abort', () => xhr.abort());
    }
    xhr.addEventListener('load', async () => {
      const text = xhr.responseType === 'blob' ? ((await (xhr.response as Blob | null)?.text().catch(() => '')) ?? '') : String(xhr.responseText ?? '');
      resolve({ status: xhr.status, text, response: xhr.response, headers: { get: (name: string) => xhr.getResponseHeader(name) } });
    });
    xhr.addEventListener('error', () => reject(new ApiError({ status: 0, code: 'network_error', message: init.networkMessage })));
    xhr.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError')));
    xhr.send(init.body);
  });
}

/** A raw-body upload to the API with upload progress. */
export async function upload<T>(path: string, opts: UploadOptions): Promise<T> {
  const { headers, withToken } = buildHeaders(opts);
  const res = await sendXhr({
    method: opts.method ?? 'POST',
    url: buildUrl(path, opts.query),
    headers,
    body: opts.body,
    onProgress: opts.onProgress,
    signal: opts.signal,
    blob: opts.responseType === 'blob',
    networkMessage: apiUnreachable(),
  });
  if (res.status < 200 || res.status >= 300) throw onErrorStatus(parseErrorBody(res.status, res.text, res.headers), withToken, opts);
  if (opts.responseType === 'blob') return res.response as T;
  try {
    return (res.text ? JSON.parse(res.text) : null) as T;
  } catch {
    throw new ApiError({ status: res.status, code: 'bad_response', message: 'The API sent a response that could not be read.' });
  }
}

/** Where and how to send a file straight to storage (a presigned form POST or PUT). */
export type PresignedUpload = { url: string; method: 'POST' | 'PUT'; fields?: Record<string, string> | null; headers?: Record<string, string> | null };

/**
 * Sends a file straight to storage with a presigned upload: a form POST (the signed fields,
 * then the file, last, as S3 requires) or a PUT with the signed headers. No API token is sent.
 */
export async function uploadToStorage(
  target: PresignedUpload,
  file: Blob,
  opts: { onProgress?: (fraction: number) => void; signal?: AbortSignal } = {},
): Promise<void> {
  let body: XMLHttpRequestBodyInit = file;
  if (target.method === 'POST') {
    const form = new FormData();
    for (const [k, v] of Object.entries(target.fields ?? {})) form.append(k, v);
    form.append('file', file);
    body = form;
  }
  const res = await sendXhr({
    method: target.method,
    url: target.url,
    headers: target.method === 'PUT' ? (target.headers ?? {}) : {},
    body,
    onProgress: opts.onProgress,
    signal: opts.signal,
    networkMessage: 'Cannot reach the storage service to upload the file. Check your connection and try again.',
  });
  if (res.status < 200 || res.status >= 300) {
    // S3 answers with XML: <Error><Code>…</Code><Message>…</Message></Error>.
    const reason = /<Message>([^<]*)<\/Message>/.exec(res.text)?.[1];
    throw new ApiError({
      status: res.status,
      code: 'storage_upload_failed',
      message: `The storage service refused the upload (HTTP ${res.status})${reason ? `: ${reason}` : ''}.`,
    });
  }
}

export const api = {
  get: <T>(path: string, opts: Omit<RequestOptions, 'method' | 'json' | 'body'> = {}) => request<T>(path, { ...opts, method: 'GET' }),
  post: <T>(path: string, json?: unknown, opts: Omit<RequestOptions, 'method' | 'json'> = {}) =>
    request<T>(path, { ...opts, method: 'POST', json: json === undefined && !opts.body ? {} : json }),
  put: <T>(path: string, json?: unknown, opts: Omit<RequestOptions, 'method' | 'json'> = {}) => request<T>(path, { ...opts, method: 'PUT', json }),
  delete: <T = null>(path: string, json?: unknown, opts: Omit<RequestOptions, 'method' | 'json'> = {}) => request<T>(path, { ...opts, method: 'DELETE', json }),
};

/** A CSV the API sends on `Accept: text/csv` (an error when it answers with something else). */
export async function getCsv(path: string): Promise<Blob> {
  const blob = await api.get<Blob>(path, { accept: 'text/csv', responseType: 'blob' });
  if (!/^text\/csv\b/i.test(blob.type)) {
    throw new ApiError({ status: 200, code: 'bad_response', message: 'The API did not send the results as CSV.' });
  }
  return blob;
}

/** Saves a Blob as a file in the browser. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

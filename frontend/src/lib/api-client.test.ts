import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiUrlFrom, env, resolveApiUrl } from '@/config/env';
import { api, ApiError, errorMessage, formError, loginRedirectUrl, setUnauthorizedHandler, upload } from '@/lib/api-client';
import { session } from '@/lib/session';
import { API } from '@/testing/fixtures';
import { server } from '@/testing/server';

describe('api client', () => {
  afterEach(() =>
    setUnauthorizedHandler(
      () => {},
      () => '/',
    ),
  );

  it('attaches the stored token as a bearer token', async () => {
    let seen: string | null = 'unset';
    server.use(
      http.get(`${API}/ping`, ({ request }) => {
        seen = request.headers.get('Authorization');
        return HttpResponse.json({ ok: true });
      }),
    );
    session.setToken('abc.def.ghi', 1800);
    await expect(api.get('/ping')).resolves.toEqual({ ok: true });
    expect(seen).toBe('Bearer abc.def.ghi');
  });

  it('sends no Authorization header without a session or with auth: false', async () => {
    const seen: (string | null)[] = [];
    server.use(
      http.get(`${API}/ping`, ({ request }) => {
        seen.push(request.headers.get('Authorization'));
        return HttpResponse.json({});
      }),
    );
    await api.get('/ping');
    session.setToken('tok');
    await api.get('/ping', { auth: false });
    expect(seen).toEqual([null, null]);
  });

  it('serialises query parameters and skips empty ones', async () => {
    let url = '';
    server.use(
      http.get(`${API}/history`, ({ request }) => {
        url = request.url;
        return HttpResponse.json({});
      }),
    );
    await api.get('/history', { query: { limit: 10, cluster: 2, cursor: undefined, from: '' } });
    const u = new URL(url);
    expect(u.searchParams.get('limit')).toBe('10');
    expect(u.searchParams.get('cluster')).toBe('2');
    expect(u.searchParams.has('cursor')).toBe(false);
    expect(u.searchParams.has('from')).toBe(false);
  });

  it('parses the contract error body into an ApiError', async () => {
    server.use(
      http.post(`${API}/predict`, () =>
        HttpResponse.json(
          {
            code: 'validation_error',
            message: 'age: must be between 18 and 100',
            details: [{ field: 'age', message: 'must be between 18 and 100' }],
            request_id: 'req-42',
          },
          { status: 422 },
        ),
      ),
    );
    const err = await api.post('/predict', { age: 5 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    const e = err as ApiError;
    expect(e.status).toBe(422);
    expect(e.code).toBe('validation_error');
    expect(e.message).toBe('age: must be between 18 and 100');
    expect(e.requestId).toBe('req-42');
    expect(e.fieldErrors()).toEqual({ age: 'Age must be between 18 and 100.' });
    expect(errorMessage(e)).toBe('Age must be between 18 and 100.');
  });

  it('names fields by their label, never by their raw name', () => {
    const e = new ApiError({
      status: 422,
      code: 'validation_error',
      message: 'current_password: is incorrect',
      details: [{ field: 'current_password', message: 'is incorrect' }],
    });
    expect(errorMessage(e)).toBe('Current password is incorrect.');
    expect(e.fieldErrors({ current_password: 'Your current password' })).toEqual({ current_password: 'Your current password is incorrect.' });
    const mixed = new ApiError({
      status: 400,
      code: 'invalid',
      message: 'Invalid customer - annual_income: must be a number',
      details: [{ field: 'annual_income', message: 'must be a number' }],
    });
    expect(errorMessage(mixed)).toBe('Invalid customer - Annual income: must be a number');
  });

  it('shows no form banner when every field error is shown beside its field', () => {
    const e = new ApiError({
      status: 422,
      code: 'validation_error',
      message: 'password: too common',
      details: [{ field: 'password', message: 'Password is too common; choose a less predictable one.' }],
    });
    expect(e.fieldErrors()).toEqual({ password: 'Password is too common; choose a less predictable one.' });
    expect(formError(e, ['password'])).toBeNull();
    expect(formError(e, ['email'])).toBe(e);
  });

  it('reads Retry-After on 429 and shows it to people', async () => {
    server.use(
      http.post(`${API}/auth/login`, () =>
        HttpResponse.json(
          { code: 'too_many_requests', message: 'Too many failed logins.', request_id: 'r' },
          { status: 429, headers: { 'Retry-After': '30' } },
        ),
      ),
    );
    const e = (await api.post('/auth/login', {}).catch((x: unknown) => x)) as ApiError;
    expect(e.retryAfter).toBe(30);
    expect(errorMessage(e)).toBe('Too many failed logins. Try again in 30 s.');
  });

  it('says when to try again once, not twice', () => {
    const e = new ApiError({ status: 429, code: 'too_many_requests', message: 'Too many failed sign-in attempts; try again later.', retryAfter: 29 });
    expect(errorMessage(e)).toBe('Too many failed sign-in attempts; try again in 29 s.');
  });

  it('gives a readable message when the error body is not JSON', async () => {
    server.use(http.get(`${API}/boom`, () => new HttpResponse('<html>Bad gateway</html>', { status: 503 })));
    const e = (await api.get('/boom').catch((x: unknown) => x)) as ApiError;
    expect(e.status).toBe(503);
    expect(e.message).toMatch(/temporarily unavailable/);
  });

  it('turns a network failure into an ApiError', async () => {
    server.use(http.get(`${API}/down`, () => HttpResponse.error()));
    const e = (await api.get('/down').catch((x: unknown) => x)) as ApiError;
    expect(e.code).toBe('network_error');
    expect(e.message).toMatch(/Cannot reach the API/);
  });

  it('on a 401 with a token: clears the session and sends the user to log in, then back', async () => {
    server.use(http.get(`${API}/history`, () => HttpResponse.json({ code: 'unauthorized', message: 'Token expired.', request_id: 'r' }, { status: 401 })));
    const go = vi.fn();
    setUnauthorizedHandler(go, () => '/history?cluster=1');
    session.setToken('stale');
    const e = (await api.get('/history').catch((x: unknown) => x)) as ApiError;
    expect(e.status).toBe(401);
    expect(e.message).toMatch(/session has expired/i);
    expect(session.getToken()).toBeNull();
    expect(go).toHaveBeenCalledWith('/login?expired=1&next=%2Fhistory%3Fcluster%3D1');
  });

  it('does not redirect on a 401 without a token (e.g. a failed login)', async () => {
    const go = vi.fn();
    setUnauthorizedHandler(go, () => '/dashboard');
    await api.post('/auth/login', { username: 'x', password: 'wrong' }, { auth: false }).catch(() => undefined);
    expect(go).not.toHaveBeenCalled();
  });

  it('treats a wrong current password as a normal error, not an expiry', async () => {
    server.use(
      http.put(`${API}/users/me/password`, () =>
        HttpResponse.json({ code: 'invalid_credentials', message: 'The current password is wrong.', request_id: 'r' }, { status: 401 }),
      ),
    );
    const go = vi.fn();
    setUnauthorizedHandler(go, () => '/account');
    session.setToken('good');
    const e = (await api.put('/users/me/password', {}, { credentialCheck: true }).catch((x: unknown) => x)) as ApiError;
    expect(e.message).toBe('The current password is wrong.');
    expect(go).not.toHaveBeenCalled();
    expect(session.getToken()).toBe('good');
  });

  it('only forgets the token on a public page', async () => {
    server.use(http.get(`${API}/auth/me`, () => HttpResponse.json({ code: 'unauthorized', message: 'x' }, { status: 401 })));
    const go = vi.fn();
    setUnauthorizedHandler(go, () => '/about');
    session.setToken('stale');
    await api.get('/auth/me').catch(() => undefined);
    expect(session.getToken()).toBeNull();
    expect(go).not.toHaveBeenCalled();
  });

  it('builds safe login URLs', () => {
    expect(loginRedirectUrl('/models')).toBe('/login?expired=1&next=%2Fmodels');
    expect(loginRedirectUrl('//evil.example')).toBe('/login?expired=1&next=%2Fdashboard');
  });

  it('uploads raw bodies with progress and parses the JSON answer', async () => {
    let contentType: string | null = null;
    let auth: string | null = null;
    server.use(
      http.post(`${API}/predict/batch`, async ({ request }) => {
        contentType = request.headers.get('Content-Type');
        auth = request.headers.get('Authorization');
        const text = await request.text();
        return HttpResponse.json({ lines: text.trim().split('\n').length });
      }),
    );
    session.setToken('tok');
    const progress: number[] = [];
    const res = await upload<{ lines: number }>('/predict/batch', { body: 'a,b\n1,2\n', contentType: 'text/csv', onProgress: (p) => progress.push(p) });
    expect(res).toEqual({ lines: 2 });
    expect(contentType).toBe('text/csv');
    expect(auth).toBe('Bearer tok');
  });

  it('parses upload errors the same way', async () => {
    server.use(
      http.post(`${API}/datasets`, () =>
        HttpResponse.json({ code: 'payload_too_large', message: 'The file is over 10 MB.', request_id: 'r' }, { status: 413 }),
      ),
    );
    const e = (await upload('/datasets', { body: 'x', contentType: 'text/csv' }).catch((x: unknown) => x)) as ApiError;
    expect(e).toBeInstanceOf(ApiError);
    expect(e.status).toBe(413);
    expect(e.message).toBe('The file is over 10 MB.');
  });
});

describe('API base URL', () => {
  const origin = 'https://app.example.com';
  it("is this page's origin when nothing is configured", () => {
    expect(resolveApiUrl(undefined, origin)).toBe(origin);
    expect(resolveApiUrl('  ', `${origin}/`)).toBe(origin);
    expect(apiUrlFrom(undefined, undefined, origin)).toBe(origin);
    expect(apiUrlFrom({}, '', origin)).toBe(origin);
  });
  it('comes from the runtime configuration first, then the build', () => {
    expect(apiUrlFrom({ apiUrl: 'http://127.0.0.1:8123/' }, 'https://build.example', origin)).toBe('http://127.0.0.1:8123');
    expect(apiUrlFrom({ apiUrl: ' ' }, 'https://build.example/', origin)).toBe('https://build.example');
  });
  it('is what the tests configure at run time, not a port baked into the code', () => {
    expect(env.API_URL).toBe(API);
  });
  it('accepts absolute http(s) URLs and strips the trailing slash', () => {
    expect(resolveApiUrl('https://api.example.com/prod/', origin)).toBe('https://api.example.com/prod');
  });
  it('rejects anything else', () => {
    expect(() => resolveApiUrl('api.example.com', origin)).toThrow(/absolute/);
    expect(() => resolveApiUrl('ftp://x.example', origin)).toThrow(/http or https/);
    expect(() => apiUrlFrom({ apiUrl: 'http://x.example/?a=1' }, undefined, origin)).toThrow(/query/);
  });
});

import { http, HttpResponse } from 'msw';
import type { Role } from '@/types/api';
import {
  API,
  batchEntryFixture,
  batchFixture,
  batchResultsCsvFixture,
  clustersFixture,
  GOOD_PASSWORD,
  historyFixture,
  modelDetailFixture,
  modelsFixture,
  predictionFixture,
  schemaFixture,
  userFixture,
} from './fixtures';

export function apiError(status: number, code: string, message: string, details?: unknown[]) {
  return HttpResponse.json({ code, message, details, request_id: 'req-test' }, { status });
}

/** The signed-in user for a request: tokens in tests are `token-<role>`. */
export function roleFromRequest(request: Request): Role | null {
  const auth = request.headers.get('Authorization') ?? '';
  const m = /^Bearer token-(user|analyst|admin)$/.exec(auth);
  return m ? (m[1] as Role) : null;
}

const unauthorized = () => apiError(401, 'unauthorized', 'Authentication is required.');

export const handlers = [
  http.get(`${API}/auth/me`, ({ request }) => {
    const role = roleFromRequest(request);
    return role ? HttpResponse.json(userFixture(role)) : unauthorized();
  }),
  http.post(`${API}/auth/login`, async ({ request }) => {
    const body = (await request.json()) as { username: string; password: string };
    if (body.password !== GOOD_PASSWORD) return apiError(401, 'invalid_credentials', 'Invalid username or password.');
    return HttpResponse.json({ access_token: 'token-user', token_type: 'bearer', expires_in: 1800, user: userFixture('user', { username: body.username }) });
  }),
  http.post(`${API}/auth/register`, async ({ request }) => {
    const body = (await request.json()) as { username: string; email: string };
    return HttpResponse.json(userFixture('user', { username: body.username, email: body.email }), { status: 201 });
  }),
  http.post(`${API}/auth/logout`, () => new HttpResponse(null, { status: 204 })),
  http.get(`${API}/schema`, ({ request }) => (roleFromRequest(request) ? HttpResponse.json(schemaFixture) : unauthorized())),
  http.get(`${API}/clusters`, ({ request }) => (roleFromRequest(request) ? HttpResponse.json(clustersFixture) : unauthorized())),
  http.get(`${API}/clusters/projection`, () =>
    HttpResponse.json({
      model_version: clustersFixture.model_version,
      points: [
        { x: 1, y: 0.5, cluster: 0 },
        { x: -1, y: -0.5, cluster: 1 },
      ],
      centroids: [
        { cluster: 0, x: 1, y: 0.4 },
        { cluster: 1, x: -1, y: -0.4 },
      ],
    }),
  ),
  http.get(`${API}/history`, ({ request }) => {
    if (!roleFromRequest(request)) return unauthorized();
    return HttpResponse.json({ history: historyFixture(3), total: 3, next_cursor: null });
  }),
  http.post(`${API}/predict`, ({ request }) => (roleFromRequest(request) ? HttpResponse.json(predictionFixture()) : unauthorized())),
  http.post(`${API}/predict/batch`, ({ request }) => (roleFromRequest(request) ? HttpResponse.json(batchFixture) : unauthorized())),
  // One entry; with `Accept: text/csv` a batch entry's stored results as CSV.
  http.get(`${API}/history/:id`, ({ request, params }) => {
    if (!roleFromRequest(request)) return unauthorized();
    if (params.id !== batchEntryFixture.id) return apiError(404, 'history_not_found', 'History entry not found.');
    if ((request.headers.get('Accept') ?? '').includes('text/csv')) {
      return new HttpResponse(batchResultsCsvFixture, {
        headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="segments-${params.id}.csv"` },
      });
    }
    return HttpResponse.json(batchEntryFixture);
  }),
  http.get(`${API}/models`, ({ request }) => (roleFromRequest(request) ? HttpResponse.json(modelsFixture) : unauthorized())),
  http.get(`${API}/models/:version`, ({ request, params }) => {
    if (!roleFromRequest(request)) return unauthorized();
    if (params.version !== modelDetailFixture.version) return apiError(404, 'model_not_found', 'Model not found.');
    return HttpResponse.json(modelDetailFixture);
  }),
  http.get(`${API}/elbow`, () => HttpResponse.json({ model_version: modelDetailFixture.version, ...modelDetailFixture.elbow })),
  http.get(`${API}/datasets`, () => HttpResponse.json({ datasets: [], next_cursor: null })),
];

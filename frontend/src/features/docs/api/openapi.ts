import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

export type OpenApiDoc = {
  openapi?: string;
  info?: { title?: string; version?: string; description?: string };
  paths?: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, unknown>; securitySchemes?: Record<string, unknown> };
  tags?: { name: string; description?: string }[];
};

export type Operation = {
  method: string;
  path: string;
  summary?: string;
  description?: string;
  tags: string[];
  parameters: { name: string; in: string; required?: boolean; description?: string; schema?: unknown }[];
  requestBody?: unknown;
  responses: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
  security?: unknown;
  roles?: unknown;
};

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

export const getOpenApi = (signal?: AbortSignal) => api.get<OpenApiDoc>('/openapi.json', { signal, auth: false });

export function useOpenApi() {
  return useQuery({ queryKey: ['public', 'openapi'], queryFn: ({ signal }) => getOpenApi(signal), staleTime: 10 * 60_000 });
}

/** Operations grouped by their first tag (or "Other"), tags in the document's order. */
export function groupOperations(doc: OpenApiDoc): { tag: string; description?: string; operations: Operation[] }[] {
  const groups = new Map<string, Operation[]>();
  for (const t of doc.tags ?? []) groups.set(t.name, []);
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    const shared = Array.isArray((item as Record<string, unknown>).parameters) ? ((item as Record<string, unknown>).parameters as Operation['parameters']) : [];
    for (const method of METHODS) {
      const op = item[method] as Record<string, unknown> | undefined;
      if (!op) continue;
      const tags = Array.isArray(op.tags) && op.tags.length ? (op.tags as string[]) : ['Other'];
      const operation: Operation = {
        method,
        path,
        summary: op.summary as string | undefined,
        description: op.description as string | undefined,
        tags,
        parameters: [...shared, ...((op.parameters as Operation['parameters']) ?? [])],
        requestBody: op.requestBody,
        responses: (op.responses as Operation['responses']) ?? {},
        security: op.security,
        roles: op['x-roles'] ?? op['x-min-role'] ?? op['x-role'],
      };
      const tag = tags[0]!;
      if (!groups.has(tag)) groups.set(tag, []);
      groups.get(tag)!.push(operation);
    }
  }
  const descriptions = new Map((doc.tags ?? []).map((t) => [t.name, t.description]));
  return Array.from(groups.entries())
    .filter(([, ops]) => ops.length > 0)
    .map(([tag, operations]) => ({ tag, description: descriptions.get(tag), operations }));
}

/** A short readable name for a schema (`$ref` name, type, or array of). */
export function schemaName(schema: unknown): string {
  if (!schema || typeof schema !== 'object') return '—';
  const s = schema as Record<string, unknown>;
  if (typeof s.$ref === 'string') return s.$ref.split('/').pop() ?? s.$ref;
  if (s.type === 'array') return `${schemaName(s.items)}[]`;
  for (const k of ['anyOf', 'oneOf', 'allOf']) {
    if (Array.isArray(s[k])) return (s[k] as unknown[]).map(schemaName).join(k === 'allOf' ? ' & ' : ' | ');
  }
  if (typeof s.title === 'string') return s.title;
  if (typeof s.type === 'string') return s.type;
  if (Array.isArray(s.type)) return (s.type as string[]).join(' | ');
  return 'object';
}

export function resolveSchema(doc: OpenApiDoc, schema: unknown): Record<string, unknown> | null {
  if (!schema || typeof schema !== 'object') return null;
  const s = schema as Record<string, unknown>;
  if (typeof s.$ref === 'string') {
    const name = s.$ref.split('/').pop() ?? '';
    const target = doc.components?.schemas?.[name];
    return target && typeof target === 'object' ? (target as Record<string, unknown>) : null;
  }
  return s;
}

import { Badge } from '@/components/ui/card';
import { cx } from '@/lib/format';
import { groupOperations, resolveSchema, schemaName, type OpenApiDoc, type Operation } from '../api/openapi';

const METHOD_COLORS: Record<string, string> = {
  get: 'bg-blue-100 text-blue-900',
  post: 'bg-green-100 text-green-900',
  put: 'bg-amber-100 text-amber-900',
  patch: 'bg-purple-100 text-purple-900',
  delete: 'bg-red-100 text-red-900',
};

function SchemaFields({ doc, schema }: { doc: OpenApiDoc; schema: unknown }) {
  const s = resolveSchema(doc, schema);
  const props = s && typeof s.properties === 'object' && s.properties ? (s.properties as Record<string, Record<string, unknown>>) : null;
  if (!props) return <code className="text-xs">{schemaName(schema)}</code>;
  const required = new Set(Array.isArray(s?.required) ? (s!.required as string[]) : []);
  return (
    <ul className="space-y-0.5 text-xs">
      {Object.entries(props).map(([name, p]) => (
        <li key={name}>
          <code className="font-semibold">{name}</code>
          {required.has(name) ? '' : '?'}: <code>{schemaName(p)}</code>
          {typeof p.description === 'string' && <span className="text-slate-700"> — {p.description}</span>}
        </li>
      ))}
    </ul>
  );
}

function OperationView({ doc, op }: { doc: OpenApiDoc; op: Operation }) {
  const body = op.requestBody as { content?: Record<string, { schema?: unknown }>; required?: boolean } | undefined;
  const needsAuth = Array.isArray(op.security) ? op.security.length > 0 : Boolean(doc && (doc as Record<string, unknown>).security);
  return (
    <details className="group rounded-lg border border-slate-200 bg-white">
      <summary className="flex cursor-pointer flex-wrap items-center gap-2 px-3 py-2">
        <span className={cx('w-16 rounded px-2 py-0.5 text-center text-xs font-bold uppercase', METHOD_COLORS[op.method] ?? 'bg-slate-100')}>{op.method}</span>
        <code className="text-sm font-semibold wrap-anywhere">{op.path}</code>
        {op.summary && <span className="text-sm text-slate-700">{op.summary}</span>}
        {op.roles !== undefined && <Badge tone="amber">{Array.isArray(op.roles) ? op.roles.join(', ') : String(op.roles)}</Badge>}
        {needsAuth && op.roles === undefined && <Badge>token</Badge>}
      </summary>
      <div className="space-y-3 border-t border-slate-100 px-3 py-3 text-sm">
        {op.description && <p className="whitespace-pre-line text-slate-800">{op.description}</p>}
        {op.parameters.length > 0 && (
          <div>
            <h4 className="font-semibold">Parameters</h4>
            <ul className="mt-1 space-y-0.5 text-xs">
              {op.parameters.map((p) => (
                <li key={`${p.in}-${p.name}`}>
                  <code className="font-semibold">{p.name}</code>{' '}
                  <span className="text-slate-600">
                    ({p.in}
                    {p.required ? ', required' : ''})
                  </span>
                  : <code>{schemaName(p.schema)}</code>
                  {p.description && <span className="text-slate-700"> — {p.description}</span>}
                </li>
              ))}
            </ul>
          </div>
        )}
        {body?.content && (
          <div>
            <h4 className="font-semibold">Request body</h4>
            {Object.entries(body.content).map(([type, c]) => (
              <div key={type} className="mt-1">
                <p className="text-xs text-slate-600">{type}</p>
                <SchemaFields doc={doc} schema={c.schema} />
              </div>
            ))}
          </div>
        )}
        <div>
          <h4 className="font-semibold">Responses</h4>
          <ul className="mt-1 space-y-1 text-xs">
            {Object.entries(op.responses).map(([code, r]) => (
              <li key={code}>
                <Badge tone={code.startsWith('2') ? 'green' : code.startsWith('4') ? 'amber' : code.startsWith('5') ? 'red' : 'slate'}>{code}</Badge>{' '}
                {r?.description}
                {r?.content && (
                  <span className="text-slate-700">
                    {' '}
                    —{' '}
                    {Object.entries(r.content)
                      .map(([t, c]) => `${t}: ${schemaName(c.schema)}`)
                      .join('; ')}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </details>
  );
}

export function OpenApiView({ doc }: { doc: OpenApiDoc }) {
  const groups = groupOperations(doc);
  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm text-slate-700">
          {doc.info?.title ?? 'API'} {doc.info?.version && <Badge>v{doc.info.version}</Badge>}{' '}
          {doc.openapi && <span className="text-xs text-slate-600">OpenAPI {doc.openapi}</span>}
        </p>
        {doc.info?.description && <p className="mt-1 whitespace-pre-line text-sm text-slate-800">{doc.info.description}</p>}
      </div>
      <nav aria-label="API sections">
        <ul className="flex flex-wrap gap-2 text-sm">
          {groups.map((g) => (
            <li key={g.tag}>
              <a className="rounded border border-slate-300 bg-white px-2 py-1 text-blue-800 hover:bg-blue-50" href={`#tag-${encodeURIComponent(g.tag)}`}>
                {g.tag} ({g.operations.length})
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {groups.map((g) => (
        <section key={g.tag} id={`tag-${encodeURIComponent(g.tag)}`} aria-labelledby={`h-${encodeURIComponent(g.tag)}`} className="space-y-2">
          <h2 id={`h-${encodeURIComponent(g.tag)}`} className="text-lg font-semibold">
            {g.tag}
          </h2>
          {g.description && <p className="text-sm text-slate-700">{g.description}</p>}
          <div className="space-y-2">
            {g.operations.map((op) => (
              <OperationView key={`${op.method} ${op.path}`} doc={doc} op={op} />
            ))}
          </div>
        </section>
      ))}
    </div>
  );
}

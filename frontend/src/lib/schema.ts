import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { featureLabel } from '@/lib/format';
import type { ModelSchema, SchemaFeature } from '@/types/api';

/** `GET /schema`: the active model's schema, which every form, table and chart follows. */
export const getSchema = (signal?: AbortSignal) => api.get<ModelSchema>('/schema', { signal });

export const schemaKey = ['schema'] as const;

export function useSchema() {
  return useQuery({
    queryKey: schemaKey,
    queryFn: ({ signal }) => getSchema(signal),
    // An administrator elsewhere may switch the active model: look again when the tab becomes
    // visible and every minute (responses naming another model_version refetch at once).
    refetchOnWindowFocus: 'always',
    refetchInterval: 60_000,
  });
}

/** Everything that depends on which model is active. */
const MODEL_DEPENDENT = [schemaKey, ['segments'], ['models'], ['admin'], ['profiles']] as const;

/** After an activation or a training run: refetch every page's view of the active model. */
export function invalidateActiveModel(qc: QueryClient): void {
  // A refetch already under way is kept, not restarted.
  for (const queryKey of MODEL_DEPENDENT) void qc.invalidateQueries({ queryKey }, { cancelRefetch: false });
}

/**
 * A response named the model that served it: when that is not the model whose schema the
 * pages show, the active model changed elsewhere, so the schema and segments are refetched.
 */
export function syncModelVersion(qc: QueryClient, modelVersion: string | null | undefined): void {
  if (!modelVersion) return;
  const state = qc.getQueryState<ModelSchema>(schemaKey);
  // While the schema is being fetched again, the answer on its way settles it.
  if (!state?.data || state.fetchStatus === 'fetching') return;
  if (state.data.model_version !== modelVersion) invalidateActiveModel(qc);
}

/** The label a person reads for a feature, with its unit: "Annual income (thousands)". */
export function fieldLabel(f: SchemaFeature): string {
  const label = f.label?.trim() || featureLabel(f.name);
  if (!f.unit || label.toLowerCase().includes(f.unit.toLowerCase())) return label;
  return `${label} (${f.unit})`;
}

/** A feature's label from the schema when it has the feature, else a readable name. */
export function labelOf(schema: ModelSchema | null | undefined, name: string): string {
  const f = schema?.features.find((x) => x.name === name);
  return f ? fieldLabel(f) : featureLabel(name);
}

export const numericFeatures = (schema: ModelSchema | null | undefined) => (schema?.features ?? []).filter((f) => f.type === 'numeric');
export const categoricalFeatures = (schema: ModelSchema | null | undefined) => (schema?.features ?? []).filter((f) => f.type === 'categorical');

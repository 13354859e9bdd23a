// The API's types, as the SPA names them: aliases of the types generated from the API's own
// OpenAPI document (./openapi.gen.ts, `make docs`; the reference is docs/ in the repository).
// Change a shape in the API's pydantic models (chalicelib/schemas), never here.
import type { components } from './openapi.gen';

type Schemas = components['schemas'];

/** The generated type with some fields read more loosely: the SPA's feature code and test
 * fixtures still read these fields as they were typed by hand (older documents, guessed keys).
 * Each override goes when its readers take the generated field; nothing here adds a field the
 * API sends. */
type Loosen<T, U> = Omit<T, keyof U> & U;
/** How the SPA reads an `error` field: the API sends a sentence or null. */
type LooseError = string | { message?: string } | null;

export type User = Schemas['User'];
export type Role = User['role'];
export const ROLES: Role[] = ['user', 'analyst', 'admin'];
export type UserWithTotals = Schemas['UserWithTotals'];
export type TokenResponse = Schemas['LoginResponse'];

/** One field of the active model's schema (`GET /schema`). */
export type SchemaFeature = Schemas['SchemaFeature'];
export type ModelSchema = Loosen<Schemas['SchemaOut'], { model_version: string }>;

/** A customer's values keyed by the schema's feature names (numbers, or categories as text).
 * Sent, not described by a response model: the feature names are the active schema's. */
export type FeatureValue = number | string | boolean | null;
export type CustomerFeatures = Record<string, FeatureValue>;

export type Contribution = Loosen<Schemas['Contribution'], { z_score?: number | null }>;
export type Explanation = Loosen<
  Schemas['ExplanationOut'],
  { runner_up?: Loosen<Schemas['ClusterProbability'], { probability?: number }> | null; contributions: Contribution[] }
>;
export type Probability = Schemas['ClusterProbability'];
export type Prediction = Loosen<
  Schemas['PredictionOut'],
  {
    explanation: Explanation;
    typicality?: number | null;
    atypical?: boolean;
    between_segments?: boolean;
    projection?: Schemas['Point'] | null;
  }
>;

export type ClusterInfo = Loosen<
  Schemas['SegmentOut'],
  {
    color?: string | null;
    averages: Record<string, number>;
    avg_age?: number | null;
    avg_income?: number | null;
    avg_spending_score?: number | null;
    avg_purchase_frequency?: number | null;
    stability?: number;
    centroid: Record<string, number> | number[];
  }
>;
export type ClustersResponse = Loosen<Schemas['ClustersOut'], { clusters: ClusterInfo[] }>;
export type ElbowResponse = Loosen<Schemas['ElbowOut'], { chosen_k?: number | null }>;
export type ProjectionResponse = Schemas['ProjectionOut'];
/** Training customers per previous segment (rows) and new segment (columns) after a retrain. */
export type Movement = Schemas['Movement'];

export type HistoryEntry = Schemas['HistoryEntry'] & { [k: string]: unknown };
export type HistoryPage = Loosen<Schemas['HistoryPage'], { history: HistoryEntry[] }>;

export type BatchRowOk = Schemas['BatchRowOk'];
export type BatchRowError = Schemas['BatchRowError'];
export type BatchRow = BatchRowOk | BatchRowError;
export type BatchResponse = Schemas['BatchOut'];

export type Profile = Loosen<Schemas['ProfileOut'], { missing?: string[] | null; missing_fields?: string[] | null }>;
export type ProfilesPage = Loosen<Schemas['ProfileList'], { profiles: Profile[] }>;

export type Dataset = Loosen<Schemas['DatasetOut'], { columns: ColumnProfile[]; errors: RowError[]; error?: LooseError; message?: string | null }>;
export type DatasetKind = Dataset['kind'];
export type DatasetStatus = Dataset['status'];
/** One column of a dataset's profile. */
export type ColumnProfile = Loosen<
  Schemas['ColumnProfileOut'],
  {
    quantiles?: Record<string, number> | number[] | null;
    top_values?: Schemas['TopValue'][] | Record<string, number> | null;
  }
>;
export type ColumnType = ColumnProfile['type'];
export type RowError = Loosen<Schemas['RowError'], { errors: (string | Schemas['ErrorDetail'])[] | string }>;
export type DatasetsPage = Loosen<Schemas['DatasetList'], { datasets: Dataset[] }>;
export type UploadStart = Schemas['UploadOut'];

export type ScoringJob = Loosen<Schemas['ScoringJobOut'], { error?: LooseError }>;
export type ScoringJobStatus = ScoringJob['status'];

export type TrainJob = Loosen<Schemas['JobOut'], { error?: LooseError }>;
export type TrainStatus = TrainJob['status'];

export type ModelSummary = Loosen<Schemas['ModelSummary'], { dataset_id: string | null; rows: number | null }>;
export type ModelsResponse = Loosen<Schemas['ModelList'], { models: ModelSummary[] }>;
export type ModelDetail = Loosen<
  Schemas['ModelDetail'],
  {
    clusters?: ClusterInfo[];
    schema?: ModelSchema | null;
    elbow?: Partial<ElbowResponse> | null;
    silhouette_score?: number | null;
    inertia?: number | null;
    dataset_id?: string | null;
    rows?: number | null;
    k_selection?: Schemas['ModelDetail']['k_selection'];
  }
> & { [k: string]: unknown };

export type AdminUsersPage = Schemas['UserList'];
export type AdminStats = Schemas['StatsOut'];
export type AuditEvent = Schemas['AuditEvent'];
export type AuditPage = Schemas['AuditPage'];

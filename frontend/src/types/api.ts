// Types of the public API (shared/API.md). Field names are the contract's.

export type Role = 'user' | 'analyst' | 'admin';
export const ROLES: Role[] = ['user', 'analyst', 'admin'];

export type User = {
  id: string;
  email: string;
  username: string;
  full_name: string | null;
  role: Role;
  is_active: boolean;
  created_at: string;
  updated_at: string;
};

export type UserWithTotals = User & { total_predictions: number; total_saved_profiles: number };

export type TokenResponse = {
  access_token: string;
  token_type: string;
  expires_in: number;
  user: User;
};

/** One field of the active model's schema (`GET /schema`). */
export type SchemaFeature = {
  name: string;
  label: string;
  type: 'numeric' | 'categorical';
  unit?: string | null;
  /** Hard limits: values outside are refused (not only flagged). */
  min?: number | null;
  max?: number | null;
  integer?: boolean | null;
  categories?: string[] | null;
  transform?: 'none' | 'log' | null;
  /** Kept with a record but not used by the model (the bundled schema's `sex`). */
  display_only?: boolean | null;
  /** False for a field that may be left out. */
  required?: boolean | null;
};

export type ModelSchema = { model_version: string; id_column: string | null; features: SchemaFeature[] };

/** A customer's values keyed by the schema's feature names (numbers, or categories as text). */
export type FeatureValue = number | string | boolean | null;
export type CustomerFeatures = Record<string, FeatureValue>;

export type Contribution = {
  feature: string;
  label?: string;
  value: number | string;
  z_score?: number | null;
  contribution: number;
  direction: string;
};

export type Explanation = {
  summary: string;
  runner_up?: { cluster: number; cluster_name: string } | null;
  contributions: Contribution[];
};

export type Probability = { cluster: number; cluster_name: string; probability: number };

export type Prediction = {
  prediction_id: string;
  cluster: number;
  cluster_name: string;
  confidence: number;
  probabilities: Probability[];
  explanation: Explanation;
  customer_data: CustomerFeatures;
  customer_id?: string | null;
  model_version: string;
  created_at: string;
  projection?: { x: number; y: number } | null;
  /** Share of the segment's training customers farther from its centre (null: older model). */
  typicality?: number | null;
  atypical?: boolean;
  between_segments?: boolean;
};

export type ClusterInfo = {
  cluster_id: number;
  cluster_name: string;
  description: string;
  size: number;
  share: number;
  /** `color` is the segment's one colour everywhere. */
  color?: string | null;
  /** Average per numeric feature of the model's schema. */
  averages: Record<string, number>;
  /** Share of each category per categorical feature. */
  category_shares?: Record<string, Record<string, number>> | null;
  centroid: Record<string, number> | number[];
  standout?: { feature: string; label: string; z: number }[];
  z_profile?: Record<string, number>;
  defined_by?: string;
  stability?: number;
  silhouette?: number;
};

export type ClustersResponse = {
  model_version: string;
  total_customers: number;
  n_clusters: number;
  features: string[];
  metrics: { silhouette_score?: number | null; inertia?: number | null; [k: string]: unknown };
  clusters: ClusterInfo[];
};

export type ElbowResponse = {
  model_version?: string;
  optimal_k: number | null;
  k_range: number[];
  inertias: number[];
  silhouette_scores: (number | null)[];
  chosen_k?: number;
  calinski_harabasz_scores?: number[];
  davies_bouldin_scores?: number[];
  stability_scores?: number[];
  min_segment_stability?: number[];
  rule?: string;
};

/** Training customers per previous segment (rows) and new segment (columns) after a retrain. */
export type Movement = {
  previous_version: string;
  previous_names: string[];
  names: string[];
  matrix: number[][];
  customers: number;
  stayed: number;
  moved_share: number;
};

export type HistoryEntry = {
  id: string;
  kind: 'single' | 'batch';
  customer_data: CustomerFeatures | null;
  cluster: number | null;
  cluster_name: string | null;
  confidence: number | null;
  model_version: string;
  profile_id: string | null;
  created_at: string;
  [k: string]: unknown;
};

export type HistoryPage = { history: HistoryEntry[]; total: number; next_cursor: string | null };

export type BatchRowOk = { row: number; customer_id?: string | null; cluster: number; cluster_name: string; confidence: number; typicality?: number | null; atypical?: boolean | null };
export type BatchRowError = { row: number; customer_id?: string | null; errors: (string | { field?: string; message?: string })[] };
export type BatchRow = BatchRowOk | BatchRowError;

export type BatchResponse = {
  /** Also the id of the batch's history entry (`GET /history/{id}`, as CSV with `Accept: text/csv`). */
  batch_id: string;
  model_version: string;
  /** Every row received: scored + failed. */
  count: number;
  /** The rows with errors. */
  failed: number;
  summary: Record<string, number>;
  results: BatchRow[];
};

export type Profile = {
  id: string;
  user_id: string;
  name: string;
  customer_id?: string | null;
  features: CustomerFeatures;
  notes: string | null;
  model_version?: string | null;
  /** False when the profile's fields no longer fit the active schema; `missing` names what is lacking. */
  fits_active_model?: boolean;
  missing?: string[] | null;
  missing_fields?: string[] | null;
  version: number;
  created_at: string;
  updated_at: string;
};

export type ProfilesPage = { profiles: Profile[]; next_cursor: string | null };

export type DatasetKind = 'customers' | 'transactions';
export type DatasetStatus = 'uploading' | 'profiling' | 'ready' | 'failed';
export type ColumnType = 'numeric' | 'categorical' | 'id' | 'date' | 'text';

/** One column of a dataset's profile. `quantiles` maps a level ("0.25" or "p25") to a value. */
export type ColumnProfile = {
  name: string;
  type: ColumnType;
  missing: number;
  distinct: number;
  /** False when `distinct` is an estimate (very large files). */
  distinct_exact?: boolean | null;
  min?: number | string | null;
  max?: number | string | null;
  mean?: number | null;
  std?: number | null;
  quantiles?: Record<string, number> | number[] | null;
  top_values?: { value: string; count: number }[] | Record<string, number> | null;
  suggested: 'feature' | 'id' | 'ignore';
  suggested_transform?: 'none' | 'log' | null;
  skewness?: number | null;
  /** Equal-width bins between min and max (counts scaled to every row when `sampled`). */
  histogram?: { edges: number[]; counts: number[]; sampled?: boolean } | null;
};

export type RowError = { row: number; customer_id?: string | null; errors: (string | { field?: string; message?: string })[] | string };

export type Dataset = {
  dataset_id: string;
  filename: string | null;
  kind: DatasetKind;
  status: DatasetStatus;
  size_bytes: number | null;
  rows: number | null;
  rejected_rows: number | null;
  columns: ColumnProfile[];
  errors: RowError[];
  created_at: string;
  uploaded_by: string | null;
  progress?: number | null;
  error?: string | { message?: string } | null;
  message?: string | null;
};

export type DatasetsPage = { datasets: Dataset[]; next_cursor?: string | null };

export type UploadStart = {
  dataset_id: string;
  upload: { url: string; method: 'POST' | 'PUT'; fields?: Record<string, string> | null; headers?: Record<string, string> | null };
  expires_at: string;
};

export type ScoringJobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export type ScoringJob = {
  job_id: string;
  status: ScoringJobStatus;
  progress?: number | null;
  rows?: number | null;
  failed?: number | null;
  summary?: Record<string, number> | null;
  download_url?: string | null;
  expires_at?: string | null;
  error?: string | { message?: string } | null;
};

export type TrainStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export type TrainJob = {
  job_id: string;
  status: TrainStatus;
  stage?: string | null;
  progress?: number | null;
  created_at?: string | null;
  started_at?: string | null;
  finished_at?: string | null;
  model_version?: string | null;
  metrics?: Record<string, unknown> | null;
  error?: string | { message?: string } | null;
  message?: string;
};

export type ModelSummary = {
  version: string;
  created_at: string;
  n_clusters: number;
  features: string[];
  silhouette_score: number | null;
  inertia: number | null;
  dataset_id: string | null;
  rows: number | null;
  active: boolean;
};

export type ModelsResponse = { active_version: string | null; models: ModelSummary[] };

export type ModelDetail = {
  version: string;
  schema?: ModelSchema | null;
  metrics?: Record<string, unknown>;
  clusters?: ClusterInfo[];
  elbow?: Partial<ElbowResponse> | null;
  features?: string[];
  [k: string]: unknown;
};

export type AdminUsersPage = { users: UserWithTotals[]; total: number; next_cursor: string | null };

export type AdminStats = {
  users: { total: number; active: number; inactive: number; by_role: Record<string, number> };
  predictions: {
    total: number;
    last_24h: number;
    by_cluster: Record<string, number>;
    per_day: unknown;
    per_week?: unknown;
    per_month?: unknown;
  };
  model: { active_version: string | null; trained_at: string | null; n_clusters: number | null };
  drift: {
    features: { feature: string; psi: number | null; status?: string; observations?: number; enough_data?: boolean }[];
    status: string;
  };
};

export type AuditEvent = {
  id: string;
  at: string;
  actor_id: string | null;
  actor_username: string | null;
  action: string;
  target: string | null;
  details: unknown;
};

export type AuditPage = { events: AuditEvent[]; next_cursor: string | null };

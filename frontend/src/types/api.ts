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

export const FEATURES = ['age', 'annual_income', 'spending_score', 'purchase_frequency'] as const;
export type NumericFeature = (typeof FEATURES)[number];

export type CustomerFeatures = {
  sex?: string | null;
  age: number;
  annual_income: number;
  spending_score: number;
  purchase_frequency: number;
};

export type Contribution = {
  feature: string;
  label?: string;
  value: number;
  z_score: number;
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
  avg_age: number;
  avg_income: number;
  avg_spending_score: number;
  avg_purchase_frequency: number;
  centroid: Record<string, number> | number[];
  color?: string;
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

export type BatchRowOk = { row: number; cluster: number; cluster_name: string; confidence: number; typicality?: number | null; atypical?: boolean };
export type BatchRowError = { row: number; errors: (string | { field?: string; message?: string })[] };
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
  sex: string | null;
  age: number;
  annual_income: number;
  spending_score: number;
  purchase_frequency: number;
  notes: string | null;
  version: number;
  created_at: string;
  updated_at: string;
};

export type ProfilesPage = { profiles: Profile[]; next_cursor: string | null };

export type DatasetUpload = {
  dataset_id: string;
  rows: number;
  rejected_rows: number;
  columns: Record<string, string>;
  errors: unknown[];
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

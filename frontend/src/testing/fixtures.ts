import type { BatchResponse, ClustersResponse, Dataset, HistoryEntry, ModelDetail, ModelSchema, ModelsResponse, Prediction, Role, User } from '@/types/api';

export const API = 'http://api.test:8123';
export const GOOD_PASSWORD = 'correct horse battery staple';

export function userFixture(role: Role = 'user', over: Partial<User> = {}): User {
  return {
    id: `u-${role}`,
    email: `${role}@example.com`,
    username: `${role}1`,
    full_name: `Test ${role}`,
    role,
    is_active: true,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    ...over,
  };
}

/** `GET /schema` of the bundled model: the fields of the system this product replaces. */
export const schemaFixture: ModelSchema = {
  model_version: 'v20260101-000000',
  id_column: 'CustomerID',
  features: [
    { name: 'sex', label: 'Sex', type: 'categorical', categories: ['Male', 'Female'], display_only: true, required: false },
    { name: 'age', label: 'Age', type: 'numeric', unit: 'years', min: 18, max: 100, integer: true, transform: 'none' },
    { name: 'annual_income', label: 'Annual income', type: 'numeric', unit: 'thousands', min: 0, max: 10000, integer: false, transform: 'none' },
    { name: 'spending_score', label: 'Spending score', type: 'numeric', min: 1, max: 100, integer: true, transform: 'none' },
    { name: 'purchase_frequency', label: 'Purchase frequency', type: 'numeric', unit: 'per year', min: 0, max: 365, integer: true, transform: 'none' },
  ],
};

/** A model trained on the Mall Customers table: two numbers (one log-transformed) and a category. */
export const mallSchemaFixture = {
  model_version: 'v20260301-120000',
  id_column: 'customer_id',
  features: [
    { name: 'gender', label: 'Gender', type: 'categorical', categories: ['Female', 'Male'] },
    { name: 'annual_income_thousands', label: 'Annual income', type: 'numeric', unit: 'k$', transform: 'log' },
    { name: 'spending_score', label: 'Spending score', type: 'numeric', min: 1, max: 100, integer: true, transform: 'none' },
  ],
} satisfies ModelSchema;

/** A model's `metrics` as the trainer writes them (the fields every document has). */
const modelMetricsFixture = {
  silhouette_score: 0.61,
  inertia: 1234.5,
  davies_bouldin: 0.72,
  calinski_harabasz: 2150.3,
  n_iter: 12,
  n_init: 10,
  silhouette_sample_size: 5000,
};

export const clustersFixture: ClustersResponse = {
  model_version: 'v20260101-000000',
  total_customers: 5000,
  n_clusters: 2,
  features: ['age', 'annual_income', 'spending_score', 'purchase_frequency'],
  metrics: modelMetricsFixture,
  clusters: [
    {
      cluster_id: 0,
      cluster_name: 'High-Value Customers',
      description: 'High income, high spending',
      size: 2000,
      share: 0.4,
      color: '#2563eb',
      averages: { age: 35, annual_income: 110, spending_score: 80, purchase_frequency: 30 },
      avg_age: 35,
      avg_income: 110,
      avg_spending_score: 80,
      avg_purchase_frequency: 30,
      centroid: { age: 35, annual_income: 110, spending_score: 80, purchase_frequency: 30 },
    },
    {
      cluster_id: 1,
      cluster_name: 'Budget Shoppers',
      description: 'Low income, low spending',
      size: 3000,
      share: 0.6,
      color: '#d97706',
      averages: { age: 45, annual_income: 30, spending_score: 20, purchase_frequency: 8 },
      avg_age: 45,
      avg_income: 30,
      avg_spending_score: 20,
      avg_purchase_frequency: 8,
      centroid: { age: 45, annual_income: 30, spending_score: 20, purchase_frequency: 8 },
    },
  ],
};

export function predictionFixture(over: Partial<Prediction> = {}): Prediction {
  return {
    prediction_id: 'p-1',
    cluster: 0,
    cluster_name: 'High-Value Customers',
    confidence: 0.87,
    probabilities: [
      { cluster: 0, cluster_name: 'High-Value Customers', probability: 0.87 },
      { cluster: 1, cluster_name: 'Budget Shoppers', probability: 0.13 },
    ],
    explanation: {
      summary: 'High income and high spending put this customer with High-Value Customers rather than Budget Shoppers.',
      runner_up: { cluster: 1, cluster_name: 'Budget Shoppers', probability: 0.13 },
      contributions: [
        { feature: 'annual_income', label: 'Annual income', value: 120, z_score: 1.8, contribution: 2.1, direction: 'towards High-Value Customers' },
        { feature: 'spending_score', label: 'Spending score', value: 85, z_score: 1.5, contribution: 1.4, direction: 'towards High-Value Customers' },
        { feature: 'age', label: 'Age', value: 50, z_score: 0.4, contribution: -0.3, direction: 'towards Budget Shoppers' },
      ],
    },
    customer_data: { age: 50, annual_income: 120, spending_score: 85, purchase_frequency: 24 },
    model_version: 'v20260101-000000',
    created_at: '2026-02-01T10:00:00Z',
    typicality: null,
    atypical: false,
    between_segments: false,
    projection: { x: 1.2, y: -0.4 },
    ...over,
  };
}

export function historyFixture(n: number, over: Partial<HistoryEntry> = {}): HistoryEntry[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `h-${i}`,
    kind: 'single' as const,
    customer_data: { age: 30 + i, annual_income: 50, spending_score: 50, purchase_frequency: 10 },
    cluster: 0,
    cluster_name: 'High-Value Customers',
    confidence: 0.9,
    model_version: 'v20260101-000000',
    profile_id: null,
    created_at: `2026-02-0${(i % 9) + 1}T10:00:00Z`,
    ...over,
  }));
}

/** `POST /predict/batch`: `count` is every row received (scored + failed), `failed` the rows with errors. */
export const batchFixture: BatchResponse = {
  batch_id: '20260201T100000000000abcd',
  model_version: 'v20260101-000000',
  count: 5,
  failed: 1,
  summary: { 'High-Value Customers': 2, 'Budget Shoppers': 2 },
  results: [
    { row: 1, customer_id: 'C-1', cluster: 0, cluster_name: 'High-Value Customers', confidence: 0.91, atypical: false },
    { row: 2, customer_id: 'C-2', cluster: 1, cluster_name: 'Budget Shoppers', confidence: 0.84, atypical: false },
    { row: 3, customer_id: 'C-3', cluster: 0, cluster_name: 'High-Value Customers', confidence: 0.66, atypical: true },
    { row: 4, customer_id: 'C-4', errors: [{ field: 'age', message: 'must be between 18 and 100' }] },
    { row: 5, customer_id: 'C-5', cluster: 1, cluster_name: 'Budget Shoppers', confidence: 0.72, atypical: false },
  ],
};

/** `GET /history/{id}` with `Accept: text/csv` for that batch: its stored results. */
export const batchResultsCsvFixture =
  'row,cluster,cluster_name,confidence,errors\n' +
  '1,0,High-Value Customers,0.9100,\n2,1,Budget Shoppers,0.8400,\n3,0,High-Value Customers,0.6600,\n' +
  '4,,,,age: must be between 18 and 100\n5,1,Budget Shoppers,0.7200,\n';

/** The batch's history entry (`GET /history/{id}` as JSON): batches link their results. */
export const batchEntryFixture: HistoryEntry = {
  id: batchFixture.batch_id,
  kind: 'batch',
  customer_data: null,
  cluster: null,
  cluster_name: null,
  confidence: null,
  model_version: batchFixture.model_version,
  profile_id: null,
  created_at: '2026-02-01T10:00:00Z',
  count: 5,
  failed: 1,
  summary: batchFixture.summary,
  results: batchFixture.results,
};

export const modelsFixture: ModelsResponse = {
  active_version: 'v20260101-000000',
  models: [
    {
      version: 'v20260101-000000',
      created_at: '2026-01-01T00:00:00Z',
      n_clusters: 2,
      features: ['age', 'annual_income', 'spending_score', 'purchase_frequency'],
      silhouette_score: 0.61,
      inertia: 1234.5,
      dataset_id: 'bundled',
      rows: 5000,
      active: true,
    },
  ],
};

/** `GET /models/{version}`: clusters in the `GET /clusters` shape, plus each segment's spread. */
export const modelDetailFixture: ModelDetail = {
  version: 'v20260101-000000',
  schema: schemaFixture,
  created_at: '2026-01-01T00:00:00Z',
  n_clusters: 2,
  features: ['age', 'annual_income', 'spending_score', 'purchase_frequency'],
  silhouette_score: 0.61,
  inertia: 1234.5,
  dataset_id: 'bundled',
  rows: 5000,
  active: true,
  metrics: modelMetricsFixture,
  k_selection: {
    method: 'rule',
    k_min: 2,
    k_max: 4,
    chosen_k: 2,
    silhouette_sample_size: 5000,
    selection_sample_size: 5000,
    selection_n_init: 4,
    final_n_init: 10,
    stable: true,
  },
  clusters: [
    {
      cluster_id: 0,
      cluster_name: 'High-Value Customers',
      description: 'High income, high spending',
      renamed: false,
      size: 2000,
      share: 0.4,
      color: '#2563eb',
      averages: { age: 35.25, annual_income: 110.5, spending_score: 80.1, purchase_frequency: 30.4 },
      centroid: { age: 35.25, annual_income: 110.5, spending_score: 80.1, purchase_frequency: 30.4 },
      avg_age: 35.25,
      avg_income: 110.5,
      avg_spending_score: 80.1,
      avg_purchase_frequency: 30.4,
      std: { age: 5.1, annual_income: 10.2, spending_score: 6.3, purchase_frequency: 4 },
    },
    {
      cluster_id: 1,
      cluster_name: 'Budget Shoppers',
      description: 'Low income, low spending',
      renamed: true,
      size: 3000,
      share: 0.6,
      color: '#d97706',
      averages: { age: 45.5, annual_income: 30.25, spending_score: 20.5, purchase_frequency: 8.75 },
      centroid: { age: 45.5, annual_income: 30.25, spending_score: 20.5, purchase_frequency: 8.75 },
      avg_age: 45.5,
      avg_income: 30.25,
      avg_spending_score: 20.5,
      avg_purchase_frequency: 8.75,
      std: { age: 6, annual_income: 5, spending_score: 4, purchase_frequency: 2 },
    },
  ],
  elbow: { optimal_k: 2, k_range: [2, 3, 4], inertias: [1234.5, 900.2, 700.1], silhouette_scores: [0.61, 0.5, 0.45] },
  moved: [],
  previous_version: null,
};

/** Quantiles as the profiler writes them (p05..p95; min and max are fields of their own). */
const q = (values: number[]) => Object.fromEntries(['p05', 'p25', 'p50', 'p75', 'p95'].map((k, i) => [k, values[i + 1]!]));

/** `GET /datasets/{id}` of the Mall Customers table once profiled. */
export function mallDatasetFixture(over: Partial<Dataset> = {}): Dataset {
  return {
    dataset_id: 'ds-mall',
    filename: 'mall_customers.csv',
    kind: 'customers',
    status: 'ready',
    size_bytes: 4286,
    rows: 200,
    rejected_rows: 1,
    columns: [
      { name: 'customer_id', type: 'id', missing: 0, distinct: 200, suggested: 'id' },
      {
        name: 'gender',
        type: 'categorical',
        missing: 0,
        distinct: 2,
        top_values: [
          { value: 'Female', count: 112 },
          { value: 'Male', count: 88 },
        ],
        suggested: 'feature',
      },
      {
        name: 'age',
        type: 'numeric',
        missing: 0,
        distinct: 51,
        min: 18,
        max: 70,
        mean: 38.85,
        std: 13.97,
        quantiles: q([18, 19, 28.75, 36, 49, 67, 70]),
        suggested: 'feature',
      },
      {
        name: 'annual_income_thousands',
        type: 'numeric',
        missing: 0,
        distinct: 64,
        min: 15,
        max: 137,
        mean: 60.56,
        std: 26.26,
        quantiles: q([15, 19, 41.5, 61.5, 78, 103, 137]),
        suggested: 'feature',
        suggested_transform: 'log',
      },
      {
        name: 'spending_score',
        type: 'numeric',
        missing: 0,
        distinct: 84,
        min: 1,
        max: 99,
        mean: 50.2,
        std: 25.82,
        quantiles: q([1, 5, 34.75, 50, 73, 92, 99]),
        histogram: { edges: [1, 25.5, 50, 74.5, 99], counts: [34, 66, 54, 46], sampled: false },
        suggested: 'feature',
      },
      { name: 'signup_date', type: 'date', missing: 3, distinct: 180, suggested: 'ignore' },
    ],
    errors: [{ row: 17, customer_id: '17', errors: [{ field: 'age', message: 'not a number ("forty")' }] }],
    created_at: '2026-03-01T11:00:00Z',
    uploaded_by: 'u-analyst',
    ...over,
  };
}

// The API's types, as the SPA names them: aliases of the types generated from the API's own
// OpenAPI document (./openapi.gen.ts, `make docs`; the reference is docs/ in the repository).
// Change a shape in the API's pydantic models (chalicelib/schemas), never here.
import type { components } from './openapi.gen';

type Schemas = components['schemas'];

export type User = Schemas['User'];
export type Role = User['role'];
export const ROLES: Role[] = ['user', 'analyst', 'admin'];
export type UserWithTotals = Schemas['UserWithTotals'];
export type TokenResponse = Schemas['LoginResponse'];

/** One field of the active model's schema (`GET /schema`). */
export type SchemaFeature = Schemas['SchemaFeature'];
export type ModelSchema = Schemas['SchemaOut'];

/** A customer's values keyed by the schema's feature names (numbers, or categories as text).
 * Sent, not described by a response model: the feature names are the active schema's. */
export type FeatureValue = number | string | boolean | null;
export type CustomerFeatures = Record<string, FeatureValue>;

export type Contribution = Schemas['Contribution'];
export type Explanation = Schemas['ExplanationOut'];
export type Probability = Schemas['ClusterProbability'];
export type Prediction = Schemas['PredictionOut'];
/** A prediction as a result card shows it: as `POST /predict` answers, or as history kept it
 * (a history entry has no plot position or between-segments flag; older entries no atypical flag). */
export type ShownPrediction = Omit<Prediction, 'atypical' | 'between_segments' | 'projection'> &
  Partial<Pick<Prediction, 'atypical' | 'between_segments' | 'projection'>>;

export type ClusterInfo = Schemas['SegmentOut'];
export type ClustersResponse = Schemas['ClustersOut'];
/** The K measures of a model (`GET /models/{version}`'s `elbow`); `GET /elbow` adds the model version. */
export type Elbow = Schemas['Elbow'];
export type ElbowResponse = Schemas['ElbowOut'];
export type ProjectionResponse = Schemas['ProjectionOut'];
/** Training customers per previous segment (rows) and new segment (columns) after a retrain. */
export type Movement = Schemas['Movement'];

export type HistoryEntry = Schemas['HistoryEntry'];
export type HistoryPage = Schemas['HistoryPage'];

export type BatchRowOk = Schemas['BatchRowOk'];
export type BatchRowError = Schemas['BatchRowError'];
export type BatchRow = BatchRowOk | BatchRowError;
export type BatchResponse = Schemas['BatchOut'];

export type Profile = Schemas['ProfileOut'];
export type ProfilesPage = Schemas['ProfileList'];

export type Dataset = Schemas['DatasetOut'];
export type DatasetKind = Dataset['kind'];
export type DatasetStatus = Dataset['status'];
/** One column of a dataset's profile. */
export type ColumnProfile = Schemas['ColumnProfileOut'];
export type ColumnType = ColumnProfile['type'];
export type RowError = Schemas['RowError'];
export type DatasetsPage = Schemas['DatasetList'];
export type UploadStart = Schemas['UploadOut'];

export type ScoringJob = Schemas['ScoringJobOut'];
export type ScoringJobStatus = ScoringJob['status'];

export type TrainJob = Schemas['JobOut'];
export type TrainStatus = TrainJob['status'];

export type ModelSummary = Schemas['ModelSummary'];
export type ModelsResponse = Schemas['ModelList'];
export type ModelDetail = Schemas['ModelDetail'];
export type MovedSegment = Schemas['MovedSegment'];

export type AdminUsersPage = Schemas['UserList'];
export type AdminStats = Schemas['StatsOut'];
export type AuditEvent = Schemas['AuditEvent'];
export type AuditPage = Schemas['AuditPage'];

import { pct } from '@/lib/format';
import type { ShownPrediction } from '@/types/api';

/**
 * How well the customer fits the segment: typicality (the share of the segment's customers
 * farther from its centre), and a plain warning when it fits no segment well or lies between
 * two. Confidence alone says which segment is likeliest, not whether the customer fits it.
 */
export function FitNotice({ prediction }: { prediction: ShownPrediction }) {
  const { typicality, atypical, between_segments: between } = prediction;
  if (typicality === undefined || typicality === null) return null;
  const runnerUp = [...prediction.probabilities].sort((a, b) => b.probability - a.probability)[1];
  return (
    <div data-testid="fit-notice" className="space-y-2">
      <p className="text-sm text-slate-800">
        <strong>Typicality {pct(typicality, 1)}</strong>: {pct(typicality, 1)} of the customers in {prediction.cluster_name} lie farther from its centre than
        this one.
      </p>
      {atypical && (
        <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-2 text-sm text-amber-950" data-testid="atypical-warning">
          This customer fits no segment well. The nearest is <strong>{prediction.cluster_name}</strong>
          {runnerUp ? (
            <>
              , the runner-up <strong>{runnerUp.cluster_name}</strong>
            </>
          ) : null}
          ; treat the segment as a rough guide, not a description of this customer.
        </p>
      )}
      {!atypical && between && runnerUp && (
        <p className="rounded-md border border-slate-300 bg-slate-50 p-2 text-sm text-slate-900" data-testid="between-note">
          Between two segments: {prediction.cluster_name} ({pct(prediction.confidence, 0)}) and {runnerUp.cluster_name} ({pct(runnerUp.probability, 0)}).
        </p>
      )}
    </div>
  );
}

import { Badge, Card } from '@/components/ui/card';
import { dateTime, featureLabel, num, pct } from '@/lib/format';
import type { Contribution, ShownPrediction } from '@/types/api';
import { useSegmentColors } from '@/lib/segments';
import { formatValue } from '@/lib/schema-format';
import { ConfidenceGauge } from './confidence-gauge';
import { FitNotice } from './fit-notice';

function ProbabilityBars({ prediction }: { prediction: ShownPrediction }) {
  const colors = useSegmentColors();
  const rows = [...prediction.probabilities].sort((a, b) => b.probability - a.probability);
  return (
    <ul className="space-y-1.5" aria-label="Probability per segment">
      {rows.map((p) => (
        <li key={p.cluster} className="text-sm">
          <div className="flex justify-between gap-2">
            <span className={p.cluster === prediction.cluster ? 'font-semibold' : ''}>{p.cluster_name}</span>
            <span className="tabular-nums">{pct(p.probability, 1)}</span>
          </div>
          <div className="mt-0.5 h-2 w-full rounded-full bg-slate-100" aria-hidden="true">
            <div className="h-2 rounded-full" style={{ width: `${Math.max(0.5, p.probability * 100)}%`, background: colors.byId(p.cluster) }} />
          </div>
        </li>
      ))}
    </ul>
  );
}

export function ContributionBars({ contributions }: { contributions: Contribution[] }) {
  if (!contributions.length) return null;
  const max = Math.max(...contributions.map((c) => Math.abs(c.contribution)), 1e-9);
  const rows = [...contributions].sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
  return (
    <ul className="space-y-2" aria-label="What decided it">
      {rows.map((c) => {
        const width = (Math.abs(c.contribution) / max) * 50;
        const positive = c.contribution >= 0;
        return (
          <li key={c.feature} className="text-sm">
            <div className="flex flex-wrap justify-between gap-x-2">
              <span className="font-medium">{c.label || featureLabel(c.feature)}</span>
              <span className="text-xs text-slate-700">
                value {formatValue(c.value)}
                {typeof c.z_score === 'number' ? ` · ${c.z_score >= 0 ? '+' : ''}${num(c.z_score, 2)} SD` : ''} · {c.direction}
              </span>
            </div>
            <div className="relative mt-1 h-2.5 w-full rounded bg-slate-100" aria-hidden="true">
              <div className="absolute top-0 h-full w-px bg-slate-400" style={{ left: '50%' }} />
              <div
                className={`absolute top-0 h-full rounded ${positive ? 'bg-green-700' : 'bg-red-700'}`}
                style={positive ? { left: '50%', width: `${width}%` } : { right: '50%', width: `${width}%` }}
              />
            </div>
            <span className="sr-only">
              Contribution {num(c.contribution, 3)}, {positive ? 'towards' : 'away from'} this segment.
            </span>
          </li>
        );
      })}
    </ul>
  );
}

export function ResultCard({ prediction, title = 'Result' }: { prediction: ShownPrediction; title?: string }) {
  const { explanation } = prediction;
  const colors = useSegmentColors();
  return (
    <Card title={title} actions={<Badge tone="blue">Model {prediction.model_version}</Badge>}>
      <div data-testid="prediction-result" aria-live="polite" className="space-y-4">
        <div className="flex flex-wrap items-center justify-between gap-4">
          <div>
            <p className="text-xs font-medium uppercase tracking-wide text-slate-600">Segment</p>
            <p className="mt-1 flex items-center gap-2 text-2xl font-bold" data-testid="segment-name">
              <span
                className="inline-block h-3.5 w-3.5 rounded-full"
                style={{ background: colors.byId(prediction.cluster) }}
                aria-hidden="true"
                data-color={colors.byId(prediction.cluster)}
              />
              {prediction.cluster_name}
            </p>
            <p className="mt-1 text-xs text-slate-600">
              Segment #{prediction.cluster} · {dateTime(prediction.created_at)}
              {prediction.customer_id ? ` · customer ${prediction.customer_id}` : ''}
            </p>
          </div>
          <ConfidenceGauge value={prediction.confidence} />
        </div>
        <FitNotice prediction={prediction} />
        <div>
          <h3 className="mb-2 text-sm font-semibold">Probability per segment</h3>
          <ProbabilityBars prediction={prediction} />
        </div>
        {explanation && (
          <div>
            <h3 className="mb-1 text-sm font-semibold">Why this segment</h3>
            <p className="text-sm text-slate-800" data-testid="explanation-summary">
              {explanation.summary}
            </p>
            {explanation.runner_up && (
              <p className="mt-1 text-xs text-slate-700">
                Runner-up: <strong>{explanation.runner_up.cluster_name}</strong>. Bars to the right pulled the customer towards {prediction.cluster_name}, bars
                to the left towards {explanation.runner_up.cluster_name}.
              </p>
            )}
            <div className="mt-3">
              <ContributionBars contributions={explanation.contributions ?? []} />
            </div>
          </div>
        )}
      </div>
    </Card>
  );
}

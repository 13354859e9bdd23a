import { cx } from '@/lib/format';
import { estimateStrength, type StrengthInput } from '@/lib/password-strength';

const COLORS = ['bg-red-600', 'bg-orange-500', 'bg-amber-500', 'bg-lime-600', 'bg-green-700'];

export function StrengthMeter(props: StrengthInput & { id?: string }) {
  const s = estimateStrength(props);
  return (
    <div id={props.id} className="space-y-1" data-testid="strength-meter" data-score={s.score}>
      <div
        className="flex gap-1"
        role="meter"
        aria-label="Password strength"
        aria-valuemin={0}
        aria-valuemax={4}
        aria-valuenow={s.score}
        aria-valuetext={s.label}
      >
        {[0, 1, 2, 3, 4].map((i) => (
          <span key={i} className={cx('h-1.5 flex-1 rounded-full', props.password && i <= s.score ? COLORS[s.score] : 'bg-slate-200')} />
        ))}
      </div>
      <p className="text-xs text-slate-700" aria-live="polite">
        Strength: <strong>{props.password ? s.label : '—'}</strong>
      </p>
      {props.password && s.problems.length > 0 && (
        <ul className="list-disc pl-5 text-xs text-red-800">
          {s.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

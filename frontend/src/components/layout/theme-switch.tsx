import { useTheme, type ThemeChoice } from '@/lib/theme';

const CHOICES: { value: ThemeChoice; label: string }[] = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

/** Light, dark or the OS setting; the choice is kept in localStorage. */
export function ThemeSwitch() {
  const { choice, setChoice } = useTheme();
  return (
    <label className="flex items-center gap-2 px-3 py-2 text-sm font-medium text-blue-50 lg:px-0">
      <span>Theme</span>
      <select
        className="rounded-md border border-blue-300 bg-blue-800 px-2 py-1 text-sm text-white"
        value={choice}
        onChange={(e) => setChoice(e.target.value as ThemeChoice)}
        data-testid="theme-switch"
      >
        {CHOICES.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </label>
  );
}

import { THEME_CHOICES, type ThemeChoice } from './theme';
import { themeStore, useThemeChoice } from './useTheme';

const LABELS: Record<ThemeChoice, string> = { system: 'System theme', light: 'Light', dark: 'Dark' };

/** Picks the app's theme: the system's (the default), light or dark. */
export function ThemeSelect() {
  const choice = useThemeChoice();
  return (
    <label className="theme-select">
      <span className="visually-hidden">Theme</span>
      <select
        value={choice}
        onChange={(event) => themeStore.choose(event.target.value as ThemeChoice)}
        data-testid="theme-select"
        title="Colour theme"
      >
        {THEME_CHOICES.map((option) => (
          <option key={option} value={option}>
            {LABELS[option]}
          </option>
        ))}
      </select>
    </label>
  );
}

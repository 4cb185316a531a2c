// The app's colour theme: the viewer's choice (kept per browser in localStorage). Dark until they
// choose; `system` follows the system's light or dark preference (dark when it states none).

export type ThemeChoice = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

export const THEME_KEY = 'drover.theme';
export const THEME_CHOICES: ThemeChoice[] = ['system', 'light', 'dark'];

/** A stored choice; anything else (nothing stored, an old value) is dark, the default. */
export function parseThemeChoice(stored: string | null): ThemeChoice {
  return stored === 'light' || stored === 'dark' || stored === 'system' ? stored : 'dark';
}

/** The theme to show: the choice, or for `system` light only when the system prefers light. */
export function resolveTheme(choice: ThemeChoice, systemPrefersLight: boolean): Theme {
  if (choice !== 'system') return choice;
  return systemPrefersLight ? 'light' : 'dark';
}

/** The subset of the browser the theme needs, so that tests can hand in their own. */
export interface ThemeEnvironment {
  storage: { getItem(key: string): string | null; setItem(key: string, value: string): void } | null;
  prefersLight: { matches: boolean; addEventListener(type: 'change', listener: () => void): void };
  root: { dataset: DOMStringMap };
}

/** The theme choice of this browser: applies it to the page's root element and tells listeners of changes. */
export class ThemeStore {
  private readonly env: ThemeEnvironment;
  private readonly listeners = new Set<() => void>();
  private value: ThemeChoice;

  constructor(env: ThemeEnvironment) {
    this.env = env;
    this.value = parseThemeChoice(this.read());
    env.prefersLight.addEventListener('change', () => this.apply());
    this.apply();
  }

  get choice(): ThemeChoice {
    return this.value;
  }

  get theme(): Theme {
    return resolveTheme(this.value, this.env.prefersLight.matches);
  }

  choose(choice: ThemeChoice): void {
    this.value = choice;
    try {
      this.env.storage?.setItem(THEME_KEY, choice);
    } catch {
      // Storage full or blocked (private mode): the choice lasts for this page.
    }
    this.apply();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private apply(): void {
    this.env.root.dataset.theme = this.theme;
    this.listeners.forEach((listener) => listener());
  }

  private read(): string | null {
    try {
      return this.env.storage?.getItem(THEME_KEY) ?? null;
    } catch {
      return null;
    }
  }
}

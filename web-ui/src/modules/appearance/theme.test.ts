import { describe, expect, it } from 'vitest';
import { parseThemeChoice, resolveTheme, THEME_KEY, type ThemeEnvironment, ThemeStore } from './theme';

function environment(stored: string | null, prefersLight: boolean) {
  const items = new Map<string, string>(stored === null ? [] : [[THEME_KEY, stored]]);
  const listeners: (() => void)[] = [];
  const media = { matches: prefersLight, addEventListener: (_: 'change', listener: () => void) => listeners.push(listener) };
  const env: ThemeEnvironment = {
    storage: { getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value) },
    prefersLight: media,
    root: { dataset: {} },
  };
  const systemChanges = (light: boolean) => {
    media.matches = light;
    listeners.forEach((listener) => listener());
  };
  return { env, items, systemChanges };
}

describe('theme', () => {
  it('is dark until a theme is chosen; system follows the system, dark when it does not say light', () => {
    expect(resolveTheme('system', true)).toBe('light');
    expect(resolveTheme('system', false)).toBe('dark');
    expect(resolveTheme('dark', true)).toBe('dark');
    expect(resolveTheme('light', false)).toBe('light');
    expect(parseThemeChoice(null)).toBe('dark');
    expect(parseThemeChoice('solarized')).toBe('dark');
    expect(parseThemeChoice('system')).toBe('system');
  });

  it('shows dark when nothing was chosen, even where the system prefers light', () => {
    const { env } = environment(null, true);
    const store = new ThemeStore(env);
    expect(store.choice).toBe('dark');
    expect(env.root.dataset.theme).toBe('dark');
  });

  it('marks the page with the theme and, chosen to, follows the system as it changes', () => {
    const { env, systemChanges } = environment('system', false);
    const store = new ThemeStore(env);
    expect(env.root.dataset.theme).toBe('dark');
    systemChanges(true);
    expect(env.root.dataset.theme).toBe('light');
    expect(store.choice).toBe('system');
  });

  it('keeps a choice in storage over what the system prefers, and tells listeners', () => {
    const { env, items, systemChanges } = environment(null, true);
    const store = new ThemeStore(env);
    let told = 0;
    store.subscribe(() => told++);
    store.choose('dark');
    expect(env.root.dataset.theme).toBe('dark');
    expect(items.get(THEME_KEY)).toBe('dark');
    systemChanges(true);
    expect(env.root.dataset.theme).toBe('dark');
    expect(told).toBe(2);
    expect(new ThemeStore(environment('light', false).env).theme).toBe('light');
  });
});

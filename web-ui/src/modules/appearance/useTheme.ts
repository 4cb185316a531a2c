import { useSyncExternalStore } from 'react';
import { type ThemeChoice, ThemeStore } from './theme';

function browserStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** The page's one theme store; created when the app loads, so the first paint has the right colours. */
export const themeStore = new ThemeStore({
  storage: browserStorage(),
  prefersLight: window.matchMedia('(prefers-color-scheme: light)'),
  root: document.documentElement,
});

export function useThemeChoice(): ThemeChoice {
  return useSyncExternalStore(themeStore.subscribe, () => themeStore.choice);
}

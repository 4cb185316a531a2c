import { useSyncExternalStore } from 'react';
import { DEFAULT_SETTINGS, type TerminalSettings, TerminalSettingsStore } from './settings';

function browserStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** The page's one settings store; phones start with a smaller font. */
export const terminalSettings = new TerminalSettingsStore(browserStorage(), {
  ...DEFAULT_SETTINGS,
  fontSize: window.matchMedia('(max-width: 600px)').matches ? 12 : DEFAULT_SETTINGS.fontSize,
});

export function useTerminalSettings(): TerminalSettings {
  return useSyncExternalStore(terminalSettings.subscribe, () => terminalSettings.current);
}

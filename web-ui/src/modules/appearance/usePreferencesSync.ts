import { useEffect } from 'react';
import { api } from '../../api/client';
import { terminalSettings } from '../terminal/useTerminalSettings';
import { SETTINGS_KEY } from '../terminal/settings';
import { type AppearanceTarget, PreferencesSync } from './preferences';
import { THEME_KEY } from './theme';
import { themeStore } from './useTheme';

function browserStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** The theme store and the terminal settings store, as the one appearance the hub keeps. */
const target: AppearanceTarget = {
  current: () => ({
    theme: themeStore.choice,
    terminalFontFamily: terminalSettings.current.fontFamily,
    terminalFontSize: terminalSettings.current.fontSize,
  }),
  hasLocalChoice: () => {
    const storage = browserStorage();
    return storage !== null && (storage.getItem(THEME_KEY) !== null || storage.getItem(SETTINGS_KEY) !== null);
  },
  apply: (appearance) => {
    themeStore.choose(appearance.theme ?? 'dark');
    terminalSettings.update({
      fontFamily: appearance.terminalFontFamily ?? terminalSettings.defaults.fontFamily,
      fontSize: appearance.terminalFontSize ?? terminalSettings.defaults.fontSize,
    });
  },
  subscribe: (listener) => {
    const stopTheme = themeStore.subscribe(listener);
    let last = target.current();
    const stopTerminal = terminalSettings.subscribe(() => {
      const now = target.current();
      // Scrollback, renderer and OSC 52 stay with this browser: only the font is the account's.
      if (now.terminalFontFamily !== last.terminalFontFamily || now.terminalFontSize !== last.terminalFontSize) listener();
      last = now;
    });
    return () => {
      stopTheme();
      stopTerminal();
    };
  },
};

const sync = new PreferencesSync({ load: api.preferences, save: api.savePreferences }, target, browserStorage());

/** Keeps the signed-in person's appearance in step with the hub while the app shell is shown. */
export function usePreferencesSync(user: string): void {
  useEffect(() => {
    void sync.start(user);
    const online = () => void sync.flush();
    const hidden = () => {
      if (document.visibilityState === 'hidden') void sync.flush();
    };
    window.addEventListener('online', online);
    document.addEventListener('visibilitychange', hidden);
    return () => {
      window.removeEventListener('online', online);
      document.removeEventListener('visibilitychange', hidden);
      sync.stop();
    };
  }, [user]);
}

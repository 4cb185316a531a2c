import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { parseThemeChoice, resolveTheme, THEME_KEY } from './theme';

const BOOT = readFileSync(new URL('../../../public/appearance-boot.js', import.meta.url), 'utf8');

/** The theme public/appearance-boot.js marks the page with, before the app's code runs. */
function bootTheme(stored: string | null, prefersLight: boolean, storageBlocked = false): string | undefined {
  const dataset: Record<string, string> = {};
  runInNewContext(BOOT, {
    window: {
      get localStorage() {
        if (storageBlocked) throw new Error('SecurityError');
        return { getItem: (key: string) => (key === THEME_KEY ? stored : null) };
      },
      matchMedia: (query: string) => ({ matches: query === '(prefers-color-scheme: light)' && prefersLight }),
    },
    document: { documentElement: { dataset } },
  });
  return dataset.theme;
}

describe('appearance-boot.js', () => {
  it('marks the page as the app will, for every stored choice and system preference', () => {
    for (const stored of [null, 'light', 'dark', 'system', 'solarized']) {
      for (const prefersLight of [true, false]) {
        expect(bootTheme(stored, prefersLight), `${stored} with a ${prefersLight ? 'light' : 'dark'} system`).toBe(
          resolveTheme(parseThemeChoice(stored), prefersLight),
        );
      }
    }
  });

  it('shows dark when storage is blocked', () => {
    expect(bootTheme('light', true, true)).toBe('dark');
  });
});

import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_FONT_FAMILY, DEFAULT_SETTINGS, parseSettings, SETTINGS_KEY, TerminalSettingsStore } from './settings';

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

describe('terminal settings', () => {
  it('default to 10,000 lines of scrollback, OSC 52 off and the automatic renderer', () => {
    expect(new TerminalSettingsStore(new MemoryStorage()).current).toEqual({
      scrollback: 10_000,
      fontSize: 14,
      fontFamily: DEFAULT_FONT_FAMILY,
      osc52: false,
      renderer: 'auto',
    });
  });

  it('persist in localStorage and are read back by the next page', () => {
    const storage = new MemoryStorage();
    const store = new TerminalSettingsStore(storage);
    const listener = vi.fn();
    store.subscribe(listener);
    store.update({ scrollback: 50_000, osc52: true, renderer: 'dom' });
    expect(listener).toHaveBeenCalledTimes(1);
    const saved = { scrollback: 50_000, fontSize: 14, fontFamily: DEFAULT_FONT_FAMILY, osc52: true, renderer: 'dom' };
    expect(JSON.parse(storage.getItem(SETTINGS_KEY)!)).toEqual(saved);
    expect(new TerminalSettingsStore(storage).current).toEqual(saved);
  });

  it('clamp out-of-range numbers and replace bad values with the defaults', () => {
    expect(parseSettings('{"scrollback":1e9,"fontSize":3,"fontFamily":7,"osc52":"yes","renderer":"canvas"}')).toEqual({
      scrollback: 100_000,
      fontSize: 8,
      fontFamily: DEFAULT_FONT_FAMILY,
      osc52: false,
      renderer: 'auto',
    });
    expect(parseSettings('not json')).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings('{"scrollback":null,"fontSize":17.6}').fontSize).toBe(18);
  });

  it('keep a font family list, ending it with monospace, and refuse one that could break out of CSS', () => {
    const family = (value: unknown) => parseSettings(JSON.stringify({ fontFamily: value })).fontFamily;
    expect(family('"Fira Code", Menlo')).toBe('"Fira Code", Menlo, monospace');
    expect(family('  Iosevka Term,  ')).toBe('Iosevka Term, monospace');
    expect(family('Hack, monospace')).toBe('Hack, monospace');
    expect(family('x; background: url(evil)')).toBe(DEFAULT_FONT_FAMILY);
    expect(family('   ')).toBe(DEFAULT_FONT_FAMILY);
  });

  it('keep working when storage throws (private mode)', () => {
    const store = new TerminalSettingsStore({
      getItem: () => {
        throw new Error('blocked');
      },
      setItem: () => {
        throw new Error('blocked');
      },
    });
    store.update({ fontSize: 16 });
    expect(store.current.fontSize).toBe(16);
  });

  it('reset to the defaults', () => {
    const store = new TerminalSettingsStore(new MemoryStorage());
    store.update({ fontSize: 20, osc52: true });
    store.reset();
    expect(store.current).toEqual(DEFAULT_SETTINGS);
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type Appearance,
  type AppearanceTarget,
  PreferencesSync,
  SAVE_DELAY_MS,
  type StoredAppearance,
  SYNC_KEY,
} from './preferences';

const NOTHING: StoredAppearance = { theme: null, terminalFontFamily: null, terminalFontSize: null, updatedAt: null };

/** The page's stores as a plain object: what it shows, whether the browser had a choice, its listeners. */
function page(shown: Appearance, localChoice = false) {
  const listeners = new Set<() => void>();
  const target: AppearanceTarget & { shown: Appearance; change(to: Partial<Appearance>): void } = {
    shown,
    current: () => target.shown,
    hasLocalChoice: () => localChoice,
    apply: (appearance) => {
      target.shown = { theme: appearance.theme ?? 'dark', terminalFontFamily: appearance.terminalFontFamily ?? 'monospace', terminalFontSize: appearance.terminalFontSize ?? 14 };
      listeners.forEach((listener) => listener());
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    change: (to) => {
      target.shown = { ...target.shown, ...to };
      listeners.forEach((listener) => listener());
    },
  };
  return target;
}

/** The hub: what it keeps per call, whether it is reachable, what it was sent. */
function hub(kept: StoredAppearance) {
  const state = { kept, online: true, saved: [] as Appearance[], loads: 0 };
  return {
    state,
    api: {
      load: async () => {
        state.loads++;
        if (!state.online) throw new TypeError('Failed to fetch');
        return state.kept;
      },
      save: async (appearance: Appearance) => {
        if (!state.online) throw new TypeError('Failed to fetch');
        state.saved.push(appearance);
        state.kept = { ...appearance, updatedAt: '2026-12-07T08:00:00Z' };
        return state.kept;
      },
    },
  };
}

function storage(entries: Record<string, string> = {}) {
  const items = new Map(Object.entries(entries));
  return { items, getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value) };
}

const DEFAULTS: Appearance = { theme: 'dark', terminalFontFamily: 'monospace', terminalFontSize: 14 };

describe('PreferencesSync', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("shows what the hub keeps for the account over this browser's copy, without saving it back", async () => {
    const shown = page({ ...DEFAULTS, theme: 'system' }, true);
    const { api, state } = hub({ theme: 'light', terminalFontFamily: '"DejaVu Sans Mono", monospace', terminalFontSize: 17, updatedAt: '2026-12-01T00:00:00Z' });
    const local = storage();
    await new PreferencesSync(api, shown, local).start('ana');
    expect(shown.shown).toEqual({ theme: 'light', terminalFontFamily: '"DejaVu Sans Mono", monospace', terminalFontSize: 17 });
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS * 2);
    expect(state.saved).toEqual([]);
    expect(JSON.parse(local.items.get(SYNC_KEY)!)).toEqual({ user: 'ana', pending: false });
  });

  it('saves a change once, a moment after the last of a burst', async () => {
    const shown = page(DEFAULTS);
    const { api, state } = hub({ ...NOTHING });
    const sync = new PreferencesSync(api, shown, storage());
    await sync.start('ana');
    shown.change({ terminalFontSize: 15 });
    shown.change({ terminalFontSize: 16 });
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS - 1);
    expect(state.saved).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(state.saved).toEqual([{ ...DEFAULTS, terminalFontSize: 16 }]);
  });

  it('keeps a change made offline and sends it, over what the hub has, when the page starts again', async () => {
    const local = storage();
    const first = page(DEFAULTS);
    const { api, state } = hub({ ...DEFAULTS, updatedAt: '2026-12-01T00:00:00Z' });
    const offline = new PreferencesSync(api, first, local);
    await offline.start('ana');
    state.online = false;
    first.change({ theme: 'light' });
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    expect(first.shown.theme).toBe('light');
    expect(JSON.parse(local.items.get(SYNC_KEY)!)).toEqual({ user: 'ana', pending: true });
    offline.stop();

    state.online = true;
    const loadsBefore = state.loads;
    const again = page({ ...DEFAULTS, theme: 'light' });
    await new PreferencesSync(api, again, local).start('ana');
    expect(state.saved).toEqual([{ ...DEFAULTS, theme: 'light' }]);
    expect(state.loads).toBe(loadsBefore);
    expect(again.shown.theme).toBe('light');
    expect(JSON.parse(local.items.get(SYNC_KEY)!)).toEqual({ user: 'ana', pending: false });
  });

  it("hands the hub this browser's earlier choice when the account has none yet", async () => {
    const shown = page({ ...DEFAULTS, theme: 'light' }, true);
    const { api, state } = hub({ ...NOTHING });
    await new PreferencesSync(api, shown, storage()).start('ana');
    expect(state.saved).toEqual([{ ...DEFAULTS, theme: 'light' }]);
  });

  it("never hands one account's pending change or local choice to another", async () => {
    const local = storage({ [SYNC_KEY]: JSON.stringify({ user: 'ana', pending: true }) });
    const shown = page({ ...DEFAULTS, theme: 'light' }, true);
    const { api, state } = hub({ ...NOTHING });
    await new PreferencesSync(api, shown, local).start('bob');
    expect(state.saved).toEqual([]);
    expect(JSON.parse(local.items.get(SYNC_KEY)!)).toEqual({ user: 'bob', pending: false });

    const kept = hub({ theme: 'system', terminalFontFamily: null, terminalFontSize: null, updatedAt: '2026-12-01T00:00:00Z' });
    await new PreferencesSync(kept.api, shown, local).start('bob');
    expect(shown.shown).toEqual({ theme: 'system', terminalFontFamily: 'monospace', terminalFontSize: 14 });
  });

  it('keeps the local copy on show when the hub cannot be reached, and stops listening when stopped', async () => {
    const shown = page({ ...DEFAULTS, theme: 'light' });
    const { api, state } = hub({ ...DEFAULTS, updatedAt: '2026-12-01T00:00:00Z' });
    state.online = false;
    const sync = new PreferencesSync(api, shown, storage());
    await sync.start('ana');
    expect(shown.shown.theme).toBe('light');
    sync.stop();
    state.online = true;
    shown.change({ theme: 'dark' });
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    expect(state.saved).toEqual([]);
  });
});

// The viewer's terminal settings, kept per browser in localStorage and shared by every terminal
// on the page (a change applies to all of them at once).

export type RendererSetting = 'auto' | 'webgl' | 'dom';

export interface TerminalSettings {
  /** Lines kept above the screen. */
  scrollback: number;
  /** Font size in CSS pixels. */
  fontSize: number;
  /** A CSS font-family list; fonts the browser lacks fall through to the next, the last is generic. */
  fontFamily: string;
  /** Let programs write the clipboard with OSC 52. */
  osc52: boolean;
  /**
   * `webgl` uses WebGL and falls back to the DOM renderer; `auto` does so only where WebGL runs on
   * a GPU (webglSupport.ts); `dom` never uses WebGL.
   */
  renderer: RendererSetting;
}

export const SETTINGS_KEY = 'drover.terminal.settings';
export const SCROLLBACK_LIMITS = { min: 0, max: 100_000 };
export const FONT_SIZE_LIMITS = { min: 8, max: 32 };
export const DEFAULT_FONT_FAMILY = '"JetBrains Mono", "Cascadia Mono", "Fira Code", Menlo, Consolas, "DejaVu Sans Mono", monospace';
/** Font names, quotes, commas, spaces, dots and dashes: nothing that could end the CSS value. */
const FONT_FAMILY_PATTERN = /^[\p{L}\p{N} ,"'._-]{1,200}$/u;

export const DEFAULT_SETTINGS: TerminalSettings = {
  scrollback: 10_000,
  fontSize: 14,
  fontFamily: DEFAULT_FONT_FAMILY,
  osc52: false,
  renderer: 'auto',
};

function clampInteger(value: unknown, limits: { min: number; max: number }, fallback: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.min(limits.max, Math.max(limits.min, Math.round(value)));
}

/** A font-family list as typed, with monospace added as the last resort; blank or malformed gives `fallback`. */
function fontFamily(value: unknown, fallback: string): string {
  if (typeof value !== 'string') return fallback;
  const list = value.trim().replace(/,\s*$/, '');
  if (!FONT_FAMILY_PATTERN.test(list)) return fallback;
  return /(^|,)\s*monospace\s*$/.test(list) ? list : `${list}, monospace`;
}

/** Settings from stored JSON: unknown keys dropped, bad values replaced by the defaults. */
export function parseSettings(stored: string | null, defaults: TerminalSettings = DEFAULT_SETTINGS): TerminalSettings {
  let raw: Record<string, unknown> = {};
  try {
    const parsed: unknown = stored ? JSON.parse(stored) : {};
    if (parsed && typeof parsed === 'object') raw = parsed as Record<string, unknown>;
  } catch {
    // Corrupt storage: the defaults.
  }
  return {
    scrollback: clampInteger(raw.scrollback, SCROLLBACK_LIMITS, defaults.scrollback),
    fontSize: clampInteger(raw.fontSize, FONT_SIZE_LIMITS, defaults.fontSize),
    fontFamily: fontFamily(raw.fontFamily, defaults.fontFamily),
    osc52: typeof raw.osc52 === 'boolean' ? raw.osc52 : defaults.osc52,
    renderer: raw.renderer === 'webgl' || raw.renderer === 'dom' || raw.renderer === 'auto' ? raw.renderer : defaults.renderer,
  };
}

/** The subset of `Storage` the store uses. */
export interface SettingsStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** Settings kept in `storage`, with change listeners. */
export class TerminalSettingsStore {
  private readonly storage: SettingsStorage | null;
  private readonly defaultSettings: TerminalSettings;
  private readonly listeners = new Set<() => void>();
  private value: TerminalSettings;

  constructor(storage: SettingsStorage | null, defaults: TerminalSettings = DEFAULT_SETTINGS) {
    this.storage = storage;
    this.defaultSettings = defaults;
    this.value = parseSettings(this.read(), defaults);
  }

  get current(): TerminalSettings {
    return this.value;
  }

  /** What a reset goes back to. */
  get defaults(): TerminalSettings {
    return this.defaultSettings;
  }

  update(change: Partial<TerminalSettings>): void {
    this.value = parseSettings(JSON.stringify({ ...this.value, ...change }), this.defaultSettings);
    try {
      this.storage?.setItem(SETTINGS_KEY, JSON.stringify(this.value));
    } catch {
      // Storage full or blocked (private mode): the settings last for this page.
    }
    this.listeners.forEach((listener) => listener());
  }

  reset(): void {
    this.update(this.defaultSettings);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private read(): string | null {
    try {
      return this.storage?.getItem(SETTINGS_KEY) ?? null;
    } catch {
      return null;
    }
  }
}

// The appearance a person chose (theme, terminal font family and size) follows their account: the
// hub keeps it (GET/PUT /api/v1/me/preferences) and this browser keeps a local copy, so the page
// shows it before the hub answers and keeps working offline. A change applies at once and is saved
// a moment later; a save that fails (offline) stays pending and is sent on the next chance.
import type { ThemeChoice } from './theme';

/** What the hub keeps; null where the person chose nothing (the page shows its default). */
export interface Appearance {
  theme: ThemeChoice | null;
  terminalFontFamily: string | null;
  terminalFontSize: number | null;
}

/** The hub's answer: the choices and when they were last saved (null: never). */
export interface StoredAppearance extends Appearance {
  updatedAt: string | null;
}

export interface PreferencesApi {
  load(): Promise<StoredAppearance>;
  save(appearance: Appearance): Promise<StoredAppearance>;
}

/** The page's own stores of the theme and terminal font (the local copy). */
export interface AppearanceTarget {
  /** What the page shows now. */
  current(): Appearance;
  /** Whether this browser holds a choice of its own, made before it knew the hub keeps them. */
  hasLocalChoice(): boolean;
  /** Shows `appearance` (null fields: the defaults) and keeps it as the local copy. */
  apply(appearance: Appearance): void;
  subscribe(listener: () => void): () => void;
}

export interface SyncStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** Whose the local copy is and whether it holds changes the hub has not got yet. */
export const SYNC_KEY = 'drover.preferences.sync';
/** How long after the last change a save waits, so that typing a font name sends one request. */
export const SAVE_DELAY_MS = 600;

interface SyncState {
  user: string | null;
  pending: boolean;
}

export class PreferencesSync {
  private readonly api: PreferencesApi;
  private readonly target: AppearanceTarget;
  private readonly storage: SyncStorage | null;
  private readonly delayMs: number;
  private user: string | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private applying = false;
  private unsubscribe: (() => void) | null = null;

  constructor(api: PreferencesApi, target: AppearanceTarget, storage: SyncStorage | null, delayMs = SAVE_DELAY_MS) {
    this.api = api;
    this.target = target;
    this.storage = storage;
    this.delayMs = delayMs;
  }

  /**
   * Starts keeping `user`'s choices: sends what this browser changed for them offline, else shows
   * what the hub keeps, else (nothing kept yet) hands the hub this browser's own earlier choice.
   */
  async start(user: string): Promise<void> {
    this.stop();
    this.user = user;
    this.unsubscribe = this.target.subscribe(() => this.changed());
    const state = this.readState();
    const mine = state.user === user;
    const adoptable = state.user === null || mine;
    this.writeState({ user, pending: mine && state.pending });
    if (mine && state.pending) {
      await this.flush();
      return;
    }
    let stored: StoredAppearance;
    try {
      stored = await this.api.load();
    } catch {
      return; // Offline: the local copy stays on show.
    }
    if (this.user !== user) return;
    if (stored.updatedAt !== null) {
      this.applying = true;
      try {
        this.target.apply(stored);
      } finally {
        this.applying = false;
      }
    } else if (adoptable && this.target.hasLocalChoice()) {
      this.writeState({ user, pending: true });
      await this.flush();
    }
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.user = null;
  }

  /** Saves a pending change now; a failure keeps it pending. */
  async flush(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const user = this.user;
    if (user === null || !this.readState().pending) return;
    try {
      await this.api.save(this.target.current());
      // A change made while the save was on its way is sent by its own timer.
      if (this.user === user && this.timer === null) this.writeState({ user, pending: false });
    } catch {
      // Offline or refused: kept pending for the next start or `online` event.
    }
  }

  private changed(): void {
    if (this.applying || this.user === null) return;
    this.writeState({ user: this.user, pending: true });
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.delayMs);
  }

  private readState(): SyncState {
    try {
      const parsed: unknown = JSON.parse(this.storage?.getItem(SYNC_KEY) ?? 'null');
      if (parsed && typeof parsed === 'object') {
        const { user, pending } = parsed as Record<string, unknown>;
        return { user: typeof user === 'string' ? user : null, pending: pending === true };
      }
    } catch {
      // Corrupt: as if nothing was kept.
    }
    return { user: null, pending: false };
  }

  private writeState(state: SyncState): void {
    try {
      this.storage?.setItem(SYNC_KEY, JSON.stringify(state));
    } catch {
      // Storage blocked: pending changes last for this page.
    }
  }
}

// A session's terminal in the browser, free of any UI framework (as ttyd's `Xterm` class): it owns
// the xterm.js instance, its addons, the connection to the session's terminal socket and every
// listener, and gives them all back on `dispose()`. TerminalView.tsx only mounts and disposes it.

import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { type IDisposable, Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { copyText } from '../clipboard/clipboard';
import { type AttachFrom, type ConnectionStatus, TerminalConnection } from './connection';
import { encodeBinaryInput, encodeInput } from './frames';
import { type Modifiers, NO_MODIFIERS, type RowKey, rowKeyData, withModifiers } from './keyRow';
import { handleClipboardWrites } from './osc52';
import { blockQueryAnswers } from './queryAnswers';
import { type Renderer, RendererSwitch } from './renderer';
import type { TerminalSettings } from './settings';
import { bufferText, locateText, screenText, type TerminalTestHook } from './testHook';
import { terminalTheme } from './theme';
import { attachTouchScroll } from './touchScroll';

/**
 * Output is handed to xterm.js in pieces of at most this many bytes. xterm parses queued writes
 * until about 12 ms have passed and then yields to the browser, but it never splits one write: a
 * 256 KiB frame of bulk output was one long task that froze input, scrolling and tab switches.
 */
const WRITE_PIECE_BYTES = 8 * 1024;

/** The container is refitted this long after its size last changed. */
const FIT_DEBOUNCE_MS = 50;

/** Keys that only modify the next one: pressing them alone types nothing. */
const MODIFIER_KEYS = new Set(['Shift', 'Control', 'Alt', 'Meta', 'AltGraph', 'CapsLock']);

const FONT_FAMILY = '"JetBrains Mono", "Cascadia Mono", "Fira Code", Menlo, Consolas, "DejaVu Sans Mono", monospace';

export function terminalUrl(sessionId: string, from: AttachFrom): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}/api/v1/sessions/${encodeURIComponent(sessionId)}/terminal?from=${from}`;
}

/** Links open in a new tab that cannot reach back into this page. */
function openLink(uri: string): void {
  if (!/^https?:\/\//i.test(uri)) return;
  window.open(uri, '_blank', 'noopener,noreferrer');
}

/** What the terminal tells the page around it. */
export interface SessionTerminalEvents {
  onStatus(status: ConnectionStatus): void;
  onRenderer(renderer: Renderer): void;
  /** Ctrl+Shift+F was pressed in the terminal. */
  onSearchRequested(): void;
  /** The key row's sticky modifiers changed (they let go after one key). */
  onModifiers(modifiers: Modifiers): void;
}

/** An xterm.js terminal attached to a session's terminal socket, filling the element it opens in. */
export class SessionTerminal {
  private readonly term: Terminal;
  private readonly fit = new FitAddon();
  readonly search = new SearchAddon();
  private readonly renderer: RendererSwitch;
  private readonly connection: TerminalConnection;
  private readonly disposables: IDisposable[] = [];
  private container: HTMLElement | null = null;
  private modifiers: Modifiers = NO_MODIFIERS;
  /** Set by a repaint drawn at the session's size: the terminal fits its box once it is parsed. */
  private refitAfterWrite = false;
  /**
   * True while the terminal shows the session at the size another viewer gave it rather than at
   * its own box's (which it then crops or leaves room in): the session's programs draw for that
   * size, so only at that size does this viewer show what the session shows. The terminal fits
   * its box again, and the session follows, when the box changes or this viewer types.
   */
  private following = false;
  private fitTimer: ReturnType<typeof setTimeout> | undefined;
  readonly testHook: TerminalTestHook;

  constructor(
    sessionId: string,
    private settings: TerminalSettings,
    private readonly events: SessionTerminalEvents,
  ) {
    this.term = new Terminal({
      allowProposedApi: true,
      scrollback: settings.scrollback,
      fontSize: settings.fontSize,
      cursorBlink: true,
      fontFamily: FONT_FAMILY,
      theme: terminalTheme,
      linkHandler: { activate: (_event, uri) => openLink(uri) },
    });
    this.renderer = new RendererSwitch(this.term, (renderer) => this.events.onRenderer(renderer));
    this.connection = new TerminalConnection({
      url: (from) => terminalUrl(sessionId, from),
      sink: {
        write: (data, rendered) => this.write(data, rendered),
        reset: (size) => this.reset(size),
        follow: (size) => this.follow(size),
      },
      size: () => (this.visible() ? { cols: this.term.cols, rows: this.term.rows } : null),
      onStatus: (status) => {
        this.term.options.disableStdin =
          status.readOnly || (status.state !== 'connected' && status.state !== 'connecting');
        this.events.onStatus(status);
      },
    });
    const term = this.term;
    this.testHook = {
      text: () => bufferText(term),
      screen: () => screenText(term),
      state: () => this.connection.current.state,
      renderer: () => this.renderer.current,
      next: () => this.connection.current.next,
      size: () => ({ cols: term.cols, rows: term.rows }),
      sessionId: () => sessionId,
      viewportY: () => term.buffer.active.viewportY,
      locate: (text) => locateText(term, text),
    };
  }

  /** Opens the terminal in `container` and connects it. */
  open(container: HTMLElement): void {
    this.container = container;
    const term = this.term;
    term.loadAddon(this.fit);
    term.loadAddon(this.search);
    term.loadAddon(new WebLinksAddon((_event, uri) => openLink(uri)));
    this.disposables.push(
      ...blockQueryAnswers(term.parser),
      handleClipboardWrites(
        term.parser,
        () => this.settings.osc52,
        (text) => void copyText(text),
      ),
    );
    term.open(container);
    this.renderer.use(this.settings.renderer);
    this.refit();
    term.attachCustomKeyEventHandler((event) => this.onKey(event));
    // Keys typed while the first attach still opens are kept by the connection until the hub
    // says whether this viewer may type (without that the first keys were lost: `echo` ran as `cho`).
    this.disposables.push(
      term.onData((data) => this.connection.sendInput(encodeInput(this.typed(data)))),
      term.onBinary((data) => this.connection.sendInput(encodeBinaryInput(data))),
      term.onResize(({ cols, rows }) => {
        if (this.visible() && !this.following) this.connection.resize(cols, rows);
      }),
    );
    const observer = new ResizeObserver(() => {
      clearTimeout(this.fitTimer);
      this.fitTimer = setTimeout(() => this.refit(), FIT_DEBOUNCE_MS);
    });
    observer.observe(container);
    const detachTouch = attachTouchScroll(container, {
      lineHeight: () => (container.querySelector('.xterm-screen')?.clientHeight ?? term.rows * 17) / term.rows,
      scrollLines: (lines) => term.scrollLines(lines),
    });
    this.disposables.push(
      { dispose: () => observer.disconnect() },
      { dispose: detachTouch },
      { dispose: () => clearTimeout(this.fitTimer) },
    );
    this.connection.start();
  }

  applySettings(settings: TerminalSettings): void {
    this.settings = settings;
    this.term.options.scrollback = settings.scrollback;
    this.term.options.fontSize = settings.fontSize;
    this.renderer.use(settings.renderer);
    this.refit();
  }

  /** Fits the terminal to its box, unless the box is hidden (a background tab); the session follows. */
  refit(): void {
    if (!this.visible()) return;
    this.following = false;
    this.fit.fit();
  }

  focus(): void {
    this.term.focus();
  }

  setModifiers(modifiers: Modifiers): void {
    this.modifiers = modifiers;
    this.events.onModifiers(modifiers);
  }

  /** A key of the key row, sent like a typed key (with the sticky modifiers). */
  pressKey(key: RowKey): void {
    if (this.term.options.disableStdin) return;
    const held = this.modifiers;
    this.setModifiers(NO_MODIFIERS);
    this.takeTheSession();
    this.connection.sendInput(encodeInput(rowKeyData(key, this.term.modes.applicationCursorKeysMode, held)));
    this.term.scrollToBottom();
  }

  dispose(): void {
    if (window.__droverTerminal === this.testHook) delete window.__droverTerminal;
    this.connection.dispose();
    this.disposables.forEach((disposable) => disposable.dispose());
    this.disposables.length = 0;
    this.term.dispose();
  }

  private visible(): boolean {
    const container = this.container;
    return container !== null && container.clientWidth > 0 && container.clientHeight > 0;
  }

  /**
   * A key pressed in a viewer that follows another's size takes the session back to this viewer's
   * size, as tmux's latest client does. Only keys count: xterm also sends data by itself (focus
   * reports once a program such as vim asks for them), which would make every viewer take it.
   */
  private takeTheSession(): void {
    if (this.following) this.refit();
  }

  /** Typed text, with the key row's sticky Ctrl/Alt applied to it (then released). */
  private typed(data: string): string {
    const held = this.modifiers;
    if (!held.ctrl && !held.alt) return data;
    this.setModifiers(NO_MODIFIERS);
    return withModifiers(data, held);
  }

  /**
   * Ctrl+Shift+C copies the selection (Ctrl+C stays an interrupt); Ctrl+Shift+V is left to the
   * browser, whose paste event xterm turns into input (bracketed when the program asked for it);
   * Ctrl+Shift+F opens the search. Any other key but a bare modifier goes to the session, and
   * takes it back to this viewer's size.
   */
  private onKey(event: KeyboardEvent): boolean {
    if (event.type !== 'keydown') return true;
    if (event.ctrlKey && event.shiftKey) {
      const key = event.key.toLowerCase();
      if (key === 'c' && this.term.hasSelection()) {
        void copyText(this.term.getSelection());
        event.preventDefault();
        return false;
      }
      if (key === 'f') {
        event.preventDefault();
        this.events.onSearchRequested();
        return false;
      }
      if (key === 'v') return false;
    }
    if (!MODIFIER_KEYS.has(event.key)) this.takeTheSession();
    return true;
  }


  private write(data: Uint8Array, rendered: () => void): void {
    const parsed = this.refitAfterWrite ? () => (this.refit(), rendered()) : rendered;
    this.refitAfterWrite = false;
    for (let start = 0; start < data.byteLength; start += WRITE_PIECE_BYTES) {
      const end = Math.min(start + WRITE_PIECE_BYTES, data.byteLength);
      // Acknowledged once the last piece is parsed: credit counts rendered bytes.
      this.term.write(data.subarray(start, end), end === data.byteLength ? parsed : undefined);
    }
  }

  private follow(size: { cols: number; rows: number }): void {
    this.following = true;
    this.term.resize(size.cols, size.rows);
  }

  private reset(size?: { cols: number; rows: number }): void {
    this.term.reset();
    if (!size) return;
    // A repaint is drawn for the session's size (cursor positions, the column lines wrap at):
    // written at any other size it shows rows the session does not have. The terminal takes that
    // size for the repaint, then fits its box again (and reflows, as the session does when the
    // resize reaches it).
    this.term.resize(Math.min(size.cols, 1000), Math.min(size.rows, 1000));
    this.refitAfterWrite = true;
  }
}

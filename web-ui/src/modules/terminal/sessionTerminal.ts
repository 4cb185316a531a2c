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
import { OlderOutput, type OlderOutputStatus } from './olderOutput';
import { handleClipboardWrites } from './osc52';
import { writeInPieces } from './pieces';
import { blockQueryAnswers } from './queryAnswers';
import type { Repaint } from './rebuild';
import { type Renderer, RendererSwitch } from './renderer';
import type { TerminalSettings } from './settings';
import { bufferText, locateText, screenText, type TerminalTestHook, viewportText } from './testHook';
import { terminalTheme } from './theme';
import { attachTouchScroll } from './touchScroll';

/** The container is refitted this long after its size last changed. */
const FIT_DEBOUNCE_MS = 50;

/** Frames a rebuild waits at most for the viewport to reach the line it keeps the user on. */
const SCROLL_SETTLE_FRAMES = 10;

const EMPTY = new Uint8Array(0);

/** Keys that only modify the next one: pressing them alone types nothing. */
const MODIFIER_KEYS = new Set(['Shift', 'Control', 'Alt', 'Meta', 'AltGraph', 'CapsLock']);

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
  /** Whether older output is loading, can be loaded, or what is above the first row. */
  onOlderOutput(status: OlderOutputStatus): void;
  /** The session's output rang the bell (BEL). */
  onBell?(): void;
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
  private readonly older: OlderOutput;
  /** The box changed while a rebuild wrote at the repaint's size: fit it once the rebuild is done. */
  private refitAfterRebuild = false;
  private settleFrame = 0;
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
      fontFamily: settings.fontFamily,
      theme: terminalTheme,
      linkHandler: { activate: (_event, uri) => openLink(uri) },
    });
    this.renderer = new RendererSwitch(this.term, (renderer) => this.events.onRenderer(renderer));
    this.older = new OlderOutput(this.term, {
      next: () => this.connection.current.next,
      open: (from) => new WebSocket(terminalUrl(sessionId, from)),
      scrollback: () => this.term.options.scrollback ?? 0,
      rebuilding: () => this.container?.setAttribute('data-rebuilding', ''),
      rebuilt: (line) => this.rebuilt(line),
      onStatus: (status) => this.events.onOlderOutput(status),
    });
    this.connection = new TerminalConnection({
      url: (from) => terminalUrl(sessionId, from),
      sink: {
        write: (data, rendered) => this.write(data, rendered),
        reset: () => this.replace(),
        repaint: (repaint) => this.repaint(repaint),
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
    term.onBell(() => this.events.onBell?.());
    this.testHook = {
      text: () => bufferText(term),
      screen: () => screenText(term),
      state: () => this.connection.current.state,
      renderer: () => this.renderer.current,
      next: () => this.connection.current.next,
      size: () => ({ cols: term.cols, rows: term.rows }),
      sessionId: () => sessionId,
      viewportY: () => term.buffer.active.viewportY,
      viewport: () => viewportText(term),
      locate: (text) => locateText(term, text),
      olderOutput: () => this.older.current,
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
        if (this.visible() && !this.following && !this.older.rebuilding) this.connection.resize(cols, rows);
      }),
      term.onScroll(() => this.older.scrolled()),
    );
    // A wheel turned up at the top moves nothing, so xterm reports no scroll: it asks for older output too.
    const wheel = (event: WheelEvent) => {
      if (event.deltaY < 0) this.older.scrolled(true);
    };
    container.addEventListener('wheel', wheel, { passive: true, capture: true });
    const observer = new ResizeObserver(() => {
      clearTimeout(this.fitTimer);
      this.fitTimer = setTimeout(() => this.refit(), FIT_DEBOUNCE_MS);
    });
    observer.observe(container);
    const detachTouch = attachTouchScroll(container, {
      lineHeight: () => (container.querySelector('.xterm-screen')?.clientHeight ?? term.rows * 17) / term.rows,
      scrollLines: (lines) => {
        term.scrollLines(lines);
        if (lines < 0) this.older.scrolled(true);
      },
    });
    this.disposables.push(
      { dispose: () => container.removeEventListener('wheel', wheel, { capture: true }) },
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
    this.term.options.fontFamily = settings.fontFamily;
    this.renderer.use(settings.renderer);
    this.refit();
  }

  /** Fits the terminal to its box, unless the box is hidden (a background tab); the session follows. */
  refit(): void {
    if (!this.visible()) return;
    if (this.older.rebuilding) {
      this.refitAfterRebuild = true;
      return;
    }
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
    this.older.dispose();
    cancelAnimationFrame(this.settleFrame);
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
    this.older.received(data);
    writeInPieces(this.term, data, rendered);
  }

  private follow(size: { cols: number; rows: number }): void {
    this.following = true;
    // A rebuild writes at the repaint's size: it takes the session's size when it is done.
    if (this.older.rebuilding) this.older.restoreTo(size);
    else this.term.resize(size.cols, size.rows);
  }

  /**
   * Resets and resizes in a write callback, not at once: output still queued in xterm.js is parsed
   * before the reset instead of on top of what replaces it.
   */
  private reset(size: { cols: number; rows: number } | null): void {
    this.term.write(EMPTY, () => {
      this.term.reset();
      if (size) this.term.resize(Math.min(size.cols, 1000), Math.min(size.rows, 1000));
    });
  }

  /** A replay replaces what is shown. */
  private replace(): void {
    this.reset(null);
    this.older.replaced();
  }

  /**
   * A repaint is drawn for the session's size (cursor positions, the column lines wrap at):
   * written at any other size it shows rows the session does not have. The terminal takes that
   * size for the repaint, then fits its box again (and reflows, as the session does when the
   * resize reaches it).
   */
  private repaint(repaint: Repaint): void {
    this.reset(repaint.size);
    this.older.writeRepaint(repaint, () => {
      if (repaint.size) this.refit();
    });
  }

  /** A rebuild is parsed: the viewport goes to `line` (once the renderer has caught up), then the rows show. */
  private rebuilt(line: number | null): void {
    const done = () => {
      this.container?.removeAttribute('data-rebuilding');
      if (this.refitAfterRebuild) {
        this.refitAfterRebuild = false;
        this.refit();
      }
    };
    if (line === null) {
      this.term.scrollToBottom();
      done();
      return;
    }
    let frames = 0;
    const settle = () => {
      this.term.scrollToLine(line);
      if (this.term.buffer.active.viewportY === line || ++frames >= SCROLL_SETTLE_FRAMES) done();
      else this.settleFrame = requestAnimationFrame(settle);
    };
    settle();
  }
}

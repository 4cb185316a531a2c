import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { WebglAddon } from '@xterm/addon-webgl';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef, useState } from 'react';
import { copyText } from '../clipboard/clipboard';
import { type AttachFrom, type ConnectionStatus, TerminalConnection } from './connection';
import { encodeBinaryInput, encodeInput } from './frames';
import { KeyRow } from './KeyRow';
import { type Modifiers, NO_MODIFIERS, type RowKey, rowKeyData, withModifiers } from './keyRow';
import { handleClipboardWrites } from './osc52';
import { blockQueryAnswers } from './queryAnswers';
import { SearchBar } from './SearchBar';
import type { RendererSetting, TerminalSettings } from './settings';
import { SettingsPanel } from './SettingsPanel';
import { terminalTheme } from './theme';
import { attachTouchScroll } from './touchScroll';
import { terminalSettings, useTerminalSettings } from './useTerminalSettings';
import { webglIsSoftware } from './webglSupport';
import './terminal.css';

export type Renderer = 'webgl' | 'dom';

/** Read-only view of the live terminal for browser tests (`window.__droverTerminal`). */
export interface TerminalTestHook {
  /** The whole buffer (scrollback and screen) as text, one line per row, right-trimmed. */
  text(): string;
  /** The screen (the rows below the scrollback, whatever is scrolled into view), one line per row, right-trimmed. */
  screen(): string;
  state(): ConnectionStatus['state'];
  renderer(): Renderer;
  /** Offset of the next byte the terminal expects. */
  next(): number;
  /** The terminal's columns and rows. */
  size(): { cols: number; rows: number };
  /** The session this terminal shows. */
  sessionId(): string;
  /** First row of the buffer shown at the top of the viewport (0 when scrolled to the top). */
  viewportY(): number;
  /** Viewport centre of the first cell of the last visible occurrence of `text`, or null. */
  locate(text: string): { x: number; y: number } | null;
}

declare global {
  interface Window {
    __droverTerminal?: TerminalTestHook;
  }
}

/**
 * Output is handed to xterm.js in pieces of at most this many bytes. xterm parses queued writes
 * until about 12 ms have passed and then yields to the browser, but it never splits one write: a
 * 256 KiB frame of bulk output was one long task that froze input, scrolling and tab switches.
 */
const WRITE_PIECE_BYTES = 8 * 1024;

/** The container is refitted this long after its size last changed. */
const FIT_DEBOUNCE_MS = 50;

export function terminalUrl(sessionId: string, from: AttachFrom): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}/api/v1/sessions/${encodeURIComponent(sessionId)}/terminal?from=${from}`;
}

/** Links open in a new tab that cannot reach back into this page. */
function openLink(uri: string): void {
  if (!/^https?:\/\//i.test(uri)) return;
  window.open(uri, '_blank', 'noopener,noreferrer');
}

interface TerminalViewProps {
  sessionId: string;
  onStatus?: (status: ConnectionStatus) => void;
  /**
   * False for a background tab: the terminal stays connected and keeps rendering, but is hidden,
   * sends no resize and is not `window.__droverTerminal`.
   */
  active?: boolean;
}

/** What the effects share with the live xterm instance. */
interface LiveTerminal {
  term: Terminal;
  search: SearchAddon;
  applySettings(settings: TerminalSettings): void;
  refit(): void;
  /** A key of the key row, sent like a typed key (with the sticky modifiers). */
  pressKey(key: RowKey): void;
  hook: TerminalTestHook;
}

/** An xterm.js terminal attached to a session's terminal socket; fills its parent. */
export function TerminalView({ sessionId, onStatus, active = true }: TerminalViewProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const liveRef = useRef<LiveTerminal | null>(null);
  const settings = useTerminalSettings();
  const [status, setStatus] = useState<ConnectionStatus | null>(null);
  const [renderer, setRenderer] = useState<Renderer>('dom');
  const [searchOpen, setSearchOpen] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [modifiers, setModifiers] = useState<Modifiers>(NO_MODIFIERS);
  const modifiersRef = useRef(modifiers);
  modifiersRef.current = modifiers;
  const onStatusRef = useRef(onStatus);
  onStatusRef.current = onStatus;

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const initial = terminalSettings.current;
    const term = new Terminal({
      allowProposedApi: true,
      scrollback: initial.scrollback,
      fontSize: initial.fontSize,
      cursorBlink: true,
      fontFamily: '"JetBrains Mono", "Cascadia Mono", "Fira Code", Menlo, Consolas, "DejaVu Sans Mono", monospace',
      theme: terminalTheme,
      linkHandler: { activate: (_event, uri) => openLink(uri) },
    });
    const fit = new FitAddon();
    const search = new SearchAddon();
    term.loadAddon(fit);
    term.loadAddon(search);
    term.loadAddon(new WebLinksAddon((_event, uri) => openLink(uri)));
    const parserHandlers = [
      ...blockQueryAnswers(term.parser),
      handleClipboardWrites(
        term.parser,
        () => terminalSettings.current.osc52,
        (text) => void copyText(text),
      ),
    ];
    term.open(container);

    let webgl: WebglAddon | null = null;
    let currentRenderer: Renderer = 'dom';
    const setRendererState = (next: Renderer) => {
      currentRenderer = next;
      setRenderer(next);
    };
    const useRenderer = (setting: RendererSetting) => {
      if (setting === 'dom' || (setting === 'auto' && webglIsSoftware())) {
        webgl?.dispose();
        webgl = null;
        setRendererState('dom');
      } else if (!webgl) {
        webgl = loadWebgl(term, () => {
          webgl = null;
          setRendererState('dom');
        });
        setRendererState(webgl ? 'webgl' : 'dom');
      }
    };
    useRenderer(initial.renderer);

    const visible = () => container.clientWidth > 0 && container.clientHeight > 0;
    const refit = () => {
      if (visible()) fit.fit();
    };
    refit();

    // Ctrl+Shift+C copies the selection (Ctrl+C stays an interrupt); Ctrl+Shift+V is left to the
    // browser, whose paste event xterm turns into input (bracketed when the program asked for it);
    // Ctrl+Shift+F opens the search.
    term.attachCustomKeyEventHandler((event) => {
      if (event.type !== 'keydown' || !event.ctrlKey || !event.shiftKey) return true;
      const key = event.key.toLowerCase();
      if (key === 'c' && term.hasSelection()) {
        void copyText(term.getSelection());
        event.preventDefault();
        return false;
      }
      if (key === 'f') {
        event.preventDefault();
        setSearchOpen(true);
        return false;
      }
      return key !== 'v';
    });

    /** Set by a repaint drawn at the session's size: the terminal fits its box once it is parsed. */
    let refitAfterWrite = false;
    // Keys typed while the first attach still opens are kept by the connection until the hub
    // says whether this viewer may type (without that the first keys were lost: `echo` ran as `cho`).
    const sendInput = (bytes: Uint8Array) => connection.sendInput(bytes);
    /** Typed text, with the key row's sticky Ctrl/Alt applied to it (then released). */
    const typed = (data: string) => {
      const held = modifiersRef.current;
      if (!held.ctrl && !held.alt) return data;
      setModifiers(NO_MODIFIERS);
      modifiersRef.current = NO_MODIFIERS;
      return withModifiers(data, held);
    };
    const connection: TerminalConnection = new TerminalConnection({
      url: (from) => terminalUrl(sessionId, from),
      sink: {
        write: (data, rendered) => {
          const parsed = refitAfterWrite ? () => (refit(), rendered()) : rendered;
          refitAfterWrite = false;
          for (let start = 0; start < data.byteLength; start += WRITE_PIECE_BYTES) {
            const end = Math.min(start + WRITE_PIECE_BYTES, data.byteLength);
            // Acknowledged once the last piece is parsed: credit counts rendered bytes.
            term.write(data.subarray(start, end), end === data.byteLength ? parsed : undefined);
          }
        },
        reset: (size) => {
          term.reset();
          if (!size) return;
          // A repaint is drawn for the session's size (cursor positions, the column lines wrap
          // at): written at any other size it shows rows the session does not have. The terminal
          // takes that size for the repaint, then fits its box again (and reflows, as the session
          // does when the resize reaches it).
          term.resize(Math.min(size.cols, 1000), Math.min(size.rows, 1000));
          refitAfterWrite = true;
        },
      },
      size: () => (visible() ? { cols: term.cols, rows: term.rows } : null),
      onStatus: (next) => {
        term.options.disableStdin = next.readOnly || (next.state !== 'connected' && next.state !== 'connecting');
        setStatus(next);
        onStatusRef.current?.(next);
      },
    });
    const disposables = [
      ...parserHandlers,
      term.onData((data) => sendInput(encodeInput(typed(data)))),
      term.onBinary((data) => sendInput(encodeBinaryInput(data))),
      term.onResize(({ cols, rows }) => {
        if (visible()) connection.resize(cols, rows);
      }),
    ];

    let fitTimer: ReturnType<typeof setTimeout> | undefined;
    const observer = new ResizeObserver(() => {
      clearTimeout(fitTimer);
      fitTimer = setTimeout(refit, FIT_DEBOUNCE_MS);
    });
    observer.observe(container);

    const detachTouch = attachTouchScroll(container, {
      lineHeight: () => (container.querySelector('.xterm-screen')?.clientHeight ?? term.rows * 17) / term.rows,
      scrollLines: (lines) => term.scrollLines(lines),
    });

    const hook: TerminalTestHook = {
      text: () => bufferText(term),
      screen: () => screenText(term),
      state: () => connection.current.state,
      renderer: () => currentRenderer,
      next: () => connection.current.next,
      size: () => ({ cols: term.cols, rows: term.rows }),
      sessionId: () => sessionId,
      viewportY: () => term.buffer.active.viewportY,
      locate: (text) => locateText(term, text),
    };
    liveRef.current = {
      term,
      search,
      hook,
      refit,
      pressKey: (key) => {
        if (term.options.disableStdin) return;
        const held = modifiersRef.current;
        setModifiers(NO_MODIFIERS);
        modifiersRef.current = NO_MODIFIERS;
        sendInput(encodeInput(rowKeyData(key, term.modes.applicationCursorKeysMode, held)));
        term.scrollToBottom();
      },
      applySettings: (next) => {
        term.options.scrollback = next.scrollback;
        term.options.fontSize = next.fontSize;
        useRenderer(next.renderer);
        refit();
      },
    };

    connection.start();

    return () => {
      liveRef.current = null;
      if (window.__droverTerminal === hook) delete window.__droverTerminal;
      clearTimeout(fitTimer);
      observer.disconnect();
      detachTouch();
      connection.dispose();
      disposables.forEach((disposable) => disposable.dispose());
      term.dispose();
    };
  }, [sessionId]);

  useEffect(() => {
    liveRef.current?.applySettings(settings);
  }, [settings]);

  useEffect(() => {
    const live = liveRef.current;
    if (!live || !active) return;
    window.__droverTerminal = live.hook;
    live.refit();
    live.term.focus();
    return () => {
      if (window.__droverTerminal === live.hook) delete window.__droverTerminal;
    };
  }, [active, sessionId]);

  const state = status?.state ?? 'connecting';
  const notice = connectionNotice(status);
  const closeSearch = () => {
    setSearchOpen(false);
    liveRef.current?.term.focus();
  };

  return (
    <div className="terminal-frame" hidden={!active}>
      <div
        className="terminal"
        ref={containerRef}
        data-state={state}
        data-session={sessionId}
        data-renderer={renderer}
        data-testid="terminal"
      />
      <div className="terminal-tools">
        <button
          type="button"
          className="terminal-tool"
          title="Search (Ctrl+Shift+F)"
          aria-label="Search the terminal"
          aria-pressed={searchOpen}
          data-testid="terminal-search-toggle"
          onClick={() => (searchOpen ? closeSearch() : setSearchOpen(true))}
        >
          <span aria-hidden>⌕</span>
        </button>
        <button
          type="button"
          className="terminal-tool"
          title="Terminal settings"
          aria-label="Terminal settings"
          aria-expanded={settingsOpen}
          data-testid="terminal-settings-toggle"
          onClick={() => setSettingsOpen((open) => !open)}
        >
          <span aria-hidden>⚙</span>
        </button>
      </div>
      {searchOpen && liveRef.current && <SearchBar search={liveRef.current.search} onClose={closeSearch} />}
      {settingsOpen && (
        <SettingsPanel settings={settings} renderer={renderer} onClose={() => setSettingsOpen(false)} />
      )}
      <KeyRow modifiers={modifiers} onModifiers={setModifiers} onKey={(key) => liveRef.current?.pressKey(key)} />
      {notice && (
        <div className={`terminal-notice terminal-notice-${state}`} role="status" data-testid="terminal-notice">
          {notice}
        </div>
      )}
    </div>
  );
}

/** The banner over a terminal that is not live and writable; `null` when it is. */
function connectionNotice(status: ConnectionStatus | null): string | null {
  if (!status || status.state === 'connecting') return 'Connecting…';
  switch (status.state) {
    case 'connected':
      return status.readOnly ? 'Read-only' : null;
    case 'reconnecting':
      return `${status.reason ?? 'Connection lost'} – reconnecting, input paused`;
    case 'ended':
      return status.exitCode === null ? 'Session ended' : `Session ended (exit code ${status.exitCode})`;
    case 'error':
      return status.reason ?? 'Disconnected';
  }
}

/** Loads the WebGL renderer; `null` (xterm's DOM renderer) when WebGL is unavailable. */
function loadWebgl(term: Terminal, onContextLoss: () => void): WebglAddon | null {
  try {
    const webgl = new WebglAddon();
    webgl.onContextLoss(() => {
      webgl.dispose();
      onContextLoss();
    });
    term.loadAddon(webgl);
    return webgl;
  } catch (error) {
    console.info('drover: WebGL unavailable, using the DOM renderer', error);
    return null;
  }
}

function bufferText(term: Terminal): string {
  const buffer = term.buffer.active;
  const lines: string[] = [];
  for (let row = 0; row < buffer.length; row++) {
    const line = buffer.getLine(row);
    if (!line) continue;
    const text = line.translateToString(true);
    if (line.isWrapped && lines.length > 0) lines[lines.length - 1] += text;
    else lines.push(text);
  }
  return lines.join('\n').replace(/\n+$/, '');
}

function screenText(term: Terminal): string {
  const buffer = term.buffer.active;
  const rows: string[] = [];
  for (let row = 0; row < term.rows; row++) rows.push(buffer.getLine(buffer.baseY + row)?.translateToString(true) ?? '');
  return rows.join('\n');
}

function locateText(term: Terminal, text: string): { x: number; y: number } | null {
  const screen = term.element?.querySelector('.xterm-screen');
  if (!screen) return null;
  const buffer = term.buffer.active;
  for (let row = term.rows - 1; row >= 0; row--) {
    const column = buffer.getLine(buffer.viewportY + row)?.translateToString(true).lastIndexOf(text) ?? -1;
    if (column < 0) continue;
    const box = screen.getBoundingClientRect();
    const cellWidth = box.width / term.cols;
    const cellHeight = box.height / term.rows;
    return { x: box.left + (column + 0.5) * cellWidth, y: box.top + (row + 0.5) * cellHeight };
  }
  return null;
}

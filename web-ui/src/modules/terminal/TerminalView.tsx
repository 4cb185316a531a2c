import { FitAddon } from '@xterm/addon-fit';
import { WebglAddon } from '@xterm/addon-webgl';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef, useState } from 'react';
import { type ConnectionStatus, TerminalConnection } from './connection';
import { encodeBinaryInput, encodeInput } from './frames';
import { terminalTheme } from './theme';

export type Renderer = 'webgl' | 'dom';

/** Read-only view of the live terminal for browser tests (`window.__droverTerminal`). */
export interface TerminalTestHook {
  /** The whole buffer (scrollback and screen) as text, one line per row, right-trimmed. */
  text(): string;
  state(): ConnectionStatus['state'];
  renderer(): Renderer;
  /** Offset of the next byte the terminal expects. */
  next(): number;
}

declare global {
  interface Window {
    __droverTerminal?: TerminalTestHook;
  }
}

const RESIZE_DEBOUNCE_MS = 100;

export function terminalUrl(sessionId: string, from: number): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}/api/v1/sessions/${encodeURIComponent(sessionId)}/terminal?from=${from}`;
}

interface TerminalViewProps {
  sessionId: string;
  onStatus: (status: ConnectionStatus) => void;
}

/** An xterm.js terminal attached to a session's terminal socket; fills its parent. */
export function TerminalView({ sessionId, onStatus }: TerminalViewProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<ConnectionStatus['state']>('connecting');
  const onStatusRef = useRef(onStatus);
  onStatusRef.current = onStatus;

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const term = new Terminal({
      scrollback: 10_000,
      cursorBlink: true,
      disableStdin: true,
      fontFamily: '"JetBrains Mono", "Cascadia Mono", "Fira Code", Menlo, Consolas, "DejaVu Sans Mono", monospace',
      fontSize: window.matchMedia('(max-width: 600px)').matches ? 12 : 14,
      theme: terminalTheme,
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(container);
    let renderer: Renderer = loadWebgl(term, () => {
      renderer = 'dom';
    });
    fit.fit();

    // Ctrl+Shift+C copies the selection (Ctrl+C stays an interrupt); Ctrl+Shift+V is left to
    // the browser, whose paste event xterm turns into input.
    term.attachCustomKeyEventHandler((event) => {
      if (event.type !== 'keydown' || !event.ctrlKey || !event.shiftKey) return true;
      const key = event.key.toLowerCase();
      if (key === 'c' && term.hasSelection()) {
        void navigator.clipboard?.writeText(term.getSelection());
        event.preventDefault();
        return false;
      }
      return key !== 'v';
    });

    const connection = new TerminalConnection({
      url: (from) => terminalUrl(sessionId, from),
      sink: {
        write: (data, rendered) => term.write(data, rendered),
        reset: () => term.reset(),
      },
      size: () => ({ cols: term.cols, rows: term.rows }),
      onStatus: (status) => {
        term.options.disableStdin = status.state !== 'connected' || status.readOnly;
        setState(status.state);
        onStatusRef.current(status);
      },
    });
    const disposables = [
      term.onData((data) => connection.sendInput(encodeInput(data))),
      term.onBinary((data) => connection.sendInput(encodeBinaryInput(data))),
      term.onResize(({ cols, rows }) => connection.resize(cols, rows)),
    ];

    let resizeTimer: ReturnType<typeof setTimeout> | undefined;
    const observer = new ResizeObserver(() => {
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(() => fit.fit(), RESIZE_DEBOUNCE_MS);
    });
    observer.observe(container);

    const testHook: TerminalTestHook = {
      text: () => bufferText(term),
      state: () => connection.current.state,
      renderer: () => renderer,
      next: () => connection.current.next,
    };
    window.__droverTerminal = testHook;

    connection.start();
    term.focus();

    return () => {
      if (window.__droverTerminal === testHook) delete window.__droverTerminal;
      clearTimeout(resizeTimer);
      observer.disconnect();
      connection.dispose();
      disposables.forEach((disposable) => disposable.dispose());
      term.dispose();
    };
  }, [sessionId]);

  return <div className="terminal" ref={containerRef} data-state={state} data-testid="terminal" />;
}

/** Loads the WebGL renderer; falls back to xterm's DOM renderer when WebGL is unavailable or lost. */
function loadWebgl(term: Terminal, onFallback: () => void): Renderer {
  try {
    const webgl = new WebglAddon();
    webgl.onContextLoss(() => {
      webgl.dispose();
      onFallback();
    });
    term.loadAddon(webgl);
    return 'webgl';
  } catch (error) {
    console.info('drover: WebGL unavailable, using the DOM renderer', error);
    return 'dom';
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

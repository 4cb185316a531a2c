import { useEffect, useRef, useState } from 'react';
import type { ConnectionStatus } from './connection';
import { KeyRow } from './KeyRow';
import { type Modifiers, NO_MODIFIERS } from './keyRow';
import type { OlderOutputStatus } from './olderOutput';
import type { Renderer } from './renderer';
import { SearchBar } from './SearchBar';
import { SessionTerminal } from './sessionTerminal';
import { SettingsPanel } from './SettingsPanel';
import { terminalSettings, useTerminalSettings } from './useTerminalSettings';
import './terminal.css';

interface TerminalViewProps {
  sessionId: string;
  onStatus?: (status: ConnectionStatus) => void;
  /**
   * False for a background tab: the terminal stays connected and keeps rendering, but is hidden,
   * sends no resize and is not `window.__droverTerminal`.
   */
  active?: boolean;
  /** The session's output rang the bell. */
  onBell?: () => void;
}

/** A session's terminal (sessionTerminal.ts) with its tools, key row and connection notice; fills its parent. */
export function TerminalView({ sessionId, onStatus, active = true, onBell }: TerminalViewProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const [terminal, setTerminal] = useState<SessionTerminal | null>(null);
  const settings = useTerminalSettings();
  const [status, setStatus] = useState<ConnectionStatus | null>(null);
  const [renderer, setRenderer] = useState<Renderer>('dom');
  const [searchOpen, setSearchOpen] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [modifiers, setModifiers] = useState<Modifiers>(NO_MODIFIERS);
  const [olderOutput, setOlderOutput] = useState<OlderOutputStatus | null>(null);
  const onStatusRef = useRef(onStatus);
  onStatusRef.current = onStatus;
  const onBellRef = useRef(onBell);
  onBellRef.current = onBell;

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const next = new SessionTerminal(sessionId, terminalSettings.current, {
      onStatus: (status) => {
        setStatus(status);
        onStatusRef.current?.(status);
      },
      onRenderer: setRenderer,
      onSearchRequested: () => setSearchOpen(true),
      onModifiers: setModifiers,
      onOlderOutput: setOlderOutput,
      onBell: () => onBellRef.current?.(),
    });
    next.open(container);
    setTerminal(next);
    return () => {
      setTerminal(null);
      next.dispose();
    };
  }, [sessionId]);

  useEffect(() => {
    terminal?.applySettings(settings);
  }, [terminal, settings]);

  useEffect(() => {
    if (!terminal || !active) return;
    window.__droverTerminal = terminal.testHook;
    terminal.refit();
    terminal.focus();
    return () => {
      if (window.__droverTerminal === terminal.testHook) delete window.__droverTerminal;
    };
  }, [terminal, active]);

  const state = status?.state ?? 'connecting';
  const notice = connectionNotice(status);
  const history = olderOutputNote(olderOutput);
  const closeSearch = () => {
    setSearchOpen(false);
    terminal?.focus();
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
      {history && (
        <div className="terminal-history" role="status" data-testid="terminal-history" data-state={olderOutput?.state}>
          {history}
        </div>
      )}
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
      {searchOpen && terminal && <SearchBar search={terminal.search} onClose={closeSearch} />}
      {settingsOpen && (
        <SettingsPanel settings={settings} renderer={renderer} onClose={() => setSettingsOpen(false)} />
      )}
      <KeyRow modifiers={modifiers} onModifiers={(next) => terminal?.setModifiers(next)} onKey={(key) => terminal?.pressKey(key)} />
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

/** The line over the terminal's first row: older output loading, or what is above the first row once at the top. */
function olderOutputNote(status: OlderOutputStatus | null): string | null {
  if (!status) return null;
  if (status.state === 'loading') return 'Loading older output…';
  return status.atTop ? status.note : null;
}

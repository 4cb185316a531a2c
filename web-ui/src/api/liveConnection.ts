import { backoffDelay } from '../modules/terminal/backoff';
import type { LiveMessage } from './liveCache';

/**
 * connecting: first attempt; live: hello received, changes arrive as they happen; reconnecting:
 * lost, trying again with backoff (pages poll meanwhile); stopped: signed out or refused.
 */
export type LiveState = 'connecting' | 'live' | 'reconnecting' | 'stopped';

/** A socket with only what LiveConnection uses, so tests can hand in a fake. */
export interface LiveSocket {
  onopen: (() => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  close(code?: number, reason?: string): void;
  send(text: string): void;
}

export interface LiveConnectionOptions {
  url: string;
  open?: (url: string) => LiveSocket;
  onMessage: (message: LiveMessage) => void;
  random?: () => number;
}

/** Close codes after which reconnecting cannot help: the login ended or was refused. */
const FINAL_CODES = new Set([1008]);
/** A connection open this long resets the backoff. */
const STABLE_MS = 5_000;

/**
 * The page's one connection to the hub's event socket (/api/v1/events): reconnects forever with
 * capped exponential backoff and jitter (at once when the browser comes back online), takes the
 * connection for dead when nothing, not even a heartbeat, arrived for 2.5 heartbeat intervals,
 * and says its state to whoever listens.
 */
export class LiveConnection {
  private socket: LiveSocket | null = null;
  private state: LiveState = 'connecting';
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private watchdog: ReturnType<typeof setTimeout> | undefined;
  private stableTimer: ReturnType<typeof setTimeout> | undefined;
  private silenceMs = 75_000;
  private stopped = false;
  private readonly listeners = new Set<(state: LiveState) => void>();
  private readonly open: (url: string) => LiveSocket;
  private readonly onOnline = () => {
    if (this.state === 'reconnecting') this.retryNow();
  };

  constructor(private readonly options: LiveConnectionOptions) {
    this.open = options.open ?? ((url) => new WebSocket(url) as unknown as LiveSocket);
  }

  start(): void {
    this.stopped = false;
    if (typeof window !== 'undefined') window.addEventListener('online', this.onOnline);
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (typeof window !== 'undefined') window.removeEventListener('online', this.onOnline);
    this.clearTimers();
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000, 'page closed');
  }

  /** Sends {@code text} to the hub while the socket is live; dropped otherwise (the caller sends again once live). */
  send(text: string): void {
    if (this.state === 'live') this.socket?.send(text);
  }

  current(): LiveState {
    return this.state;
  }

  subscribe(listener: (state: LiveState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private connect(): void {
    const socket = this.open(this.options.url);
    this.socket = socket;
    socket.onmessage = (event) => {
      if (this.socket !== socket) return;
      this.heard();
      let message: LiveMessage;
      try {
        message = JSON.parse(String(event.data)) as LiveMessage;
      } catch {
        return;
      }
      if (message.type === 'hello') {
        this.silenceMs = Math.max(1, message.heartbeatSeconds) * 2_500;
        this.heard();
        this.stableTimer = setTimeout(() => (this.attempt = 0), STABLE_MS);
        this.setState('live');
      }
      this.options.onMessage(message);
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.clearTimers();
      if (this.stopped) return;
      if (FINAL_CODES.has(event.code)) {
        this.setState('stopped');
        return;
      }
      this.setState('reconnecting');
      this.retryTimer = setTimeout(() => this.connect(), backoffDelay(this.attempt++, undefined, this.options.random));
    };
  }

  private retryNow(): void {
    clearTimeout(this.retryTimer);
    this.connect();
  }

  /** Something arrived: the connection is alive for another 2.5 heartbeat intervals. */
  private heard(): void {
    clearTimeout(this.watchdog);
    this.watchdog = setTimeout(() => {
      const socket = this.socket;
      if (socket === null) return;
      socket.close(4000, 'no heartbeat');
      socket.onclose?.({ code: 4000, reason: 'no heartbeat' });
    }, this.silenceMs);
  }

  private clearTimers(): void {
    clearTimeout(this.retryTimer);
    clearTimeout(this.watchdog);
    clearTimeout(this.stableTimer);
  }

  private setState(state: LiveState): void {
    if (this.state === state) return;
    this.state = state;
    this.listeners.forEach((listener) => listener(state));
  }
}

/** The event socket's address on the hub that served this page. */
export function liveEventsUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/api/v1/events`;
}

import { backoffDelay, type BackoffPolicy, DEFAULT_BACKOFF } from './backoff';
import { parseHubMessage, parseOutputFrame, planFrame } from './frames';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'ended' | 'error';

export interface ConnectionStatus {
  state: ConnectionState;
  /** Offset of the next byte the terminal expects. */
  next: number;
  readOnly: boolean;
  /** Exit code from the hub's `exit` message, once the session ended. */
  exitCode: number | null;
  /** Why the connection stopped (state `error`) or waits (state `reconnecting`). */
  reason: string | null;
  /** Retries since the last stable connection. */
  attempt: number;
}

/** What the client does when the socket closes (docs/api/terminal.md, "Close codes"). */
export type CloseAction = 'end' | 'restart' | 'fail' | 'reconnect';

export function closeAction(code: number): CloseAction {
  switch (code) {
    case 1000:
      return 'end';
    case 4416:
      return 'restart';
    case 1007:
    case 1008:
      return 'fail';
    default:
      // 1001 hub shutting down, 1006 network error, 4503 host offline, anything unexpected.
      return 'reconnect';
  }
}

/** The terminal the connection renders into. */
export interface TerminalSink {
  /** Renders bytes and calls `rendered` once they are on screen (xterm's write callback). */
  write(data: Uint8Array, rendered: () => void): void;
  /** Clears everything, before a replay from offset 0. */
  reset(): void;
}

export interface ConnectionOptions {
  /** The socket URL for a replay from `from`. */
  url: (from: number) => string;
  sink: TerminalSink;
  onStatus: (status: ConnectionStatus) => void;
  /** The terminal's size, sent as `resize` whenever a socket opens. */
  size: () => { cols: number; rows: number };
  backoff?: BackoffPolicy;
}

/** A connection that stayed open this long counts as stable: the backoff starts over. */
const STABLE_MS = 5000;

/**
 * One viewer's link to a session's terminal socket: replays from the next expected offset,
 * acknowledges rendered bytes, reconnects with backoff and never writes a byte twice.
 */
export class TerminalConnection {
  private readonly options: ConnectionOptions;
  private socket: WebSocket | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private openedAt = 0;
  private exitEnd: number | null = null;
  private disposed = false;
  private status: ConnectionStatus = {
    state: 'connecting',
    next: 0,
    readOnly: false,
    exitCode: null,
    reason: null,
    attempt: 0,
  };

  constructor(options: ConnectionOptions) {
    this.options = options;
  }

  start(): void {
    window.addEventListener('online', this.retryNow);
    this.connect();
  }

  get current(): ConnectionStatus {
    return this.status;
  }

  /** Sends keystrokes or pasted bytes; dropped unless connected and writable. */
  sendInput(bytes: Uint8Array): void {
    if (this.status.state !== 'connected' || this.status.readOnly) return;
    this.send(bytes);
  }

  resize(cols: number, rows: number): void {
    if (cols < 1 || rows < 1) return;
    this.send(JSON.stringify({ type: 'resize', cols: Math.min(cols, 1000), rows: Math.min(rows, 1000) }));
  }

  dispose(): void {
    this.disposed = true;
    window.removeEventListener('online', this.retryNow);
    this.clearRetry();
    this.dropSocket();
  }

  private send(payload: string | Uint8Array): void {
    const socket = this.socket;
    if (socket && socket.readyState === WebSocket.OPEN) socket.send(payload);
  }

  private update(change: Partial<ConnectionStatus>): void {
    this.status = { ...this.status, ...change };
    this.options.onStatus(this.status);
  }

  private connect(): void {
    const socket = new WebSocket(this.options.url(this.status.next));
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    socket.onopen = () => {
      this.openedAt = Date.now();
      this.update({ state: 'connected', reason: null });
      const { cols, rows } = this.options.size();
      this.resize(cols, rows);
    };
    socket.onmessage = (event: MessageEvent<ArrayBuffer | string>) => {
      if (typeof event.data === 'string') this.onText(event.data);
      else this.onOutput(socket, event.data);
    };
    socket.onclose = (event) => {
      if (this.socket === socket) this.onClose(event.code, event.reason);
    };
  }

  private onText(text: string): void {
    const message = parseHubMessage(text);
    if (message?.type === 'attached') {
      this.update({ readOnly: message.readOnly });
    } else if (message?.type === 'exit') {
      this.exitEnd = message.end;
      this.update({ exitCode: message.exitCode });
    }
  }

  private onOutput(socket: WebSocket, buffer: ArrayBuffer): void {
    let plan;
    try {
      plan = planFrame(parseOutputFrame(buffer), this.status.next);
    } catch (error) {
      console.warn('drover: dropped a malformed terminal frame', error);
      return;
    }
    if (plan.gap > 0) console.warn(`drover: ${plan.gap} bytes missing before offset ${plan.next}`);
    const received = buffer.byteLength - 8;
    this.status = { ...this.status, next: plan.next };
    const acknowledge = () => {
      if (this.socket === socket && socket.readyState === WebSocket.OPEN) {
        socket.send(JSON.stringify({ type: 'ack', bytes: received }));
      }
    };
    if (plan.fresh.byteLength === 0) acknowledge();
    else this.options.sink.write(plan.fresh, acknowledge);
  }

  private onClose(code: number, reason: string): void {
    this.dropSocket();
    if (this.disposed) return;
    const stable = this.openedAt > 0 && Date.now() - this.openedAt >= STABLE_MS;
    this.openedAt = 0;
    const attempt = stable ? 0 : this.status.attempt;
    const everythingRendered = this.exitEnd !== null && this.status.next >= this.exitEnd;
    let action = everythingRendered ? 'end' : closeAction(code);
    if (action === 'restart' && this.status.next === 0) action = 'fail';
    switch (action) {
      case 'end':
        this.update({ state: 'ended', reason: null });
        return;
      case 'fail':
        this.update({ state: 'error', reason: reason || `The hub closed the terminal (code ${code}).` });
        return;
      case 'restart':
        this.options.sink.reset();
        this.exitEnd = null;
        this.update({ state: 'reconnecting', next: 0, reason: 'Replaying from the start', attempt: 0 });
        this.connect();
        return;
      case 'reconnect':
        this.scheduleRetry(attempt, code === 4503 ? 'The host is offline' : 'Connection lost');
    }
  }

  private scheduleRetry(attempt: number, reason: string): void {
    const delay = backoffDelay(attempt, this.options.backoff ?? DEFAULT_BACKOFF);
    this.update({ state: 'reconnecting', reason, attempt: attempt + 1 });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, delay);
  }

  private readonly retryNow = (): void => {
    if (this.retryTimer === null || this.disposed) return;
    this.clearRetry();
    this.connect();
  };

  private clearRetry(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private dropSocket(): void {
    const socket = this.socket;
    this.socket = null;
    if (!socket) return;
    socket.onopen = null;
    socket.onmessage = null;
    socket.onclose = null;
    if (socket.readyState === WebSocket.CONNECTING || socket.readyState === WebSocket.OPEN) {
      socket.close(1000);
    }
  }
}

import { backoffDelay, type BackoffPolicy, DEFAULT_BACKOFF } from './backoff';
import { decodeBase64, type HubMessage, parseHubMessage, parseOutputFrame, planFrame } from './frames';
import type { Repaint } from './rebuild';

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
export type CloseAction = 'end' | 'resync' | 'fail' | 'reconnect';

export function closeAction(code: number): CloseAction {
  switch (code) {
    case 1000:
      return 'end';
    case 4416:
      return 'resync';
    case 1007:
    case 1008:
    case 1009:
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
  /** Clears everything, before a replay that replaces what is shown (no `screen` message). */
  reset(): void;
  /**
   * Replaces what is shown with a repaint (`screen`), drawn for the session's size: the terminal
   * takes that size for the repaint.
   */
  repaint(repaint: Repaint): void;
  /** Another viewer resized the session's terminal: the terminal shows the session at that size. */
  follow(size: TerminalSize): void;
}

/** Where a socket starts: a byte offset, or `screen` (a repaint of the latest screen, then live bytes). */
export type AttachFrom = number | 'screen';

export interface TerminalSize {
  cols: number;
  rows: number;
}

export interface ConnectionOptions {
  /** The socket URL for an attach from `from`. */
  url: (from: AttachFrom) => string;
  sink: TerminalSink;
  onStatus: (status: ConnectionStatus) => void;
  /** The terminal's size, sent as `resize` whenever a socket opens; `null` while hidden. */
  size: () => TerminalSize | null;
  backoff?: BackoffPolicy;
}

/** A connection that stayed open this long counts as stable: the backoff starts over. */
const STABLE_MS = 5000;

/** Bytes per input frame: a 1 MB paste goes as 16 frames, each well within the hub's 1 MiB limit. */
export const INPUT_FRAME_BYTES = 64 * 1024;
/** Input waits while the socket holds this much unsent (the hub is holding the viewer back). */
export const INPUT_BUFFERED_BYTES = 256 * 1024;
/** How often waiting input checks the socket's buffer again (browsers have no event for it). */
const INPUT_RETRY_MS = 20;
/** Size changes are sent once they have been quiet this long (a window drag sends one resize). */
export const RESIZE_DEBOUNCE_MS = 100;

/**
 * One viewer's link to a session's terminal socket: attaches with a repaint of the latest screen,
 * then reconnects from the next expected offset, acknowledges rendered bytes, reconnects with
 * backoff and never writes a byte twice.
 */
export class TerminalConnection {
  private readonly options: ConnectionOptions;
  private socket: WebSocket | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private resizeTimer: ReturnType<typeof setTimeout> | null = null;
  private pendingInput: Uint8Array[] = [];
  private inputTimer: ReturnType<typeof setTimeout> | null = null;
  private pendingSize: TerminalSize | null = null;
  /** The size this socket last sent; `null` until the socket sent one. */
  private sentSize: TerminalSize | null = null;
  private openedAt = 0;
  /**
   * True until the stream has a known position: the next attach asks for `from=screen`, and the
   * first `screen` message or output frame replaces what the terminal shows.
   */
  private resync = true;
  /** False once the hub refused `from=screen` (an older hub): resyncs replay from 0 instead. */
  private screenSupported = true;
  /** The `from` of the current socket. */
  private attachedFrom: AttachFrom = 'screen';
  /** Whether the hub said `attached` on the current socket, and so whether this viewer may type. */
  private attached = false;
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

  /**
   * Sends keystrokes or pasted bytes; dropped while reconnecting, after the end and for a read-only
   * viewer. Input typed while the first socket opens is kept until the hub says the viewer may
   * type (`attached`): a key pressed right after the page opened is not lost. Input goes in frames
   * of at most {@link INPUT_FRAME_BYTES} (the hub refuses messages over 1 MiB with 1009), and
   * only while less than {@link INPUT_BUFFERED_BYTES} wait in the socket: the hub stops reading a
   * viewer whose session has too much input in flight, and the rest of a paste waits here.
   */
  sendInput(bytes: Uint8Array): void {
    const open = this.status.state === 'connected' || this.status.state === 'connecting';
    if (!open || this.status.readOnly) return;
    for (let from = 0; from < bytes.byteLength; from += INPUT_FRAME_BYTES) {
      this.pendingInput.push(bytes.subarray(from, from + INPUT_FRAME_BYTES));
    }
    this.flushInput();
  }

  private flushInput(): void {
    const socket = this.socket;
    if (this.inputTimer !== null || !socket || socket.readyState !== WebSocket.OPEN || !this.attached) return;
    while (this.pendingInput.length > 0 && socket.bufferedAmount < INPUT_BUFFERED_BYTES) {
      socket.send(this.pendingInput.shift()!);
    }
    if (this.pendingInput.length > 0) {
      this.inputTimer = setTimeout(() => {
        this.inputTimer = null;
        this.flushInput();
      }, INPUT_RETRY_MS);
    }
  }

  private dropInput(): void {
    if (this.inputTimer !== null) clearTimeout(this.inputTimer);
    this.inputTimer = null;
    const unsent = this.pendingInput.reduce((sum, chunk) => sum + chunk.byteLength, 0);
    if (unsent > 0) console.warn(`drover: ${unsent} bytes of input not sent, the connection closed`);
    this.pendingInput = [];
  }

  /**
   * Sends the terminal's new size after {@link RESIZE_DEBOUNCE_MS} of quiet, and only when it
   * differs from the size last sent on this socket. A hidden terminal (0×0) sends nothing.
   */
  resize(cols: number, rows: number): void {
    if (cols < 1 || rows < 1) return;
    this.pendingSize = { cols: Math.min(cols, 1000), rows: Math.min(rows, 1000) };
    if (this.resizeTimer !== null) clearTimeout(this.resizeTimer);
    this.resizeTimer = setTimeout(() => {
      this.resizeTimer = null;
      const size = this.pendingSize;
      this.pendingSize = null;
      if (size) this.sendSize(size);
    }, RESIZE_DEBOUNCE_MS);
  }

  dispose(): void {
    this.disposed = true;
    window.removeEventListener('online', this.retryNow);
    this.clearRetry();
    if (this.resizeTimer !== null) clearTimeout(this.resizeTimer);
    this.resizeTimer = null;
    this.dropSocket();
  }

  private sendSize(size: TerminalSize): void {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN || this.status.readOnly) return;
    if (this.sentSize && this.sentSize.cols === size.cols && this.sentSize.rows === size.rows) return;
    this.sentSize = size;
    socket.send(JSON.stringify({ type: 'resize', cols: size.cols, rows: size.rows }));
  }

  private update(change: Partial<ConnectionStatus>): void {
    this.status = { ...this.status, ...change };
    this.options.onStatus(this.status);
  }

  private connect(): void {
    this.attachedFrom = this.resync ? (this.screenSupported ? 'screen' : 0) : this.status.next;
    const socket = new WebSocket(this.options.url(this.attachedFrom));
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    this.attached = false;
    this.sentSize = null;
    socket.onopen = () => {
      this.openedAt = Date.now();
      this.update({ state: 'connected', reason: null });
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
      this.attached = true;
      this.update({ readOnly: message.readOnly });
      // Read-only viewers may not resize (the hub refuses it): the size is sent once attached.
      const size = this.options.size();
      if (size && size.cols >= 1 && size.rows >= 1) {
        this.sendSize({ cols: Math.min(size.cols, 1000), rows: Math.min(size.rows, 1000) });
      }
      if (message.readOnly) this.pendingInput = [];
      else this.flushInput();
    } else if (message?.type === 'error') {
      console.warn(`drover: the hub refused ${message.refused}: ${message.reason}`);
    } else if (message?.type === 'screen') {
      this.onScreen(message);
    } else if (message?.type === 'resized') {
      // The session left the size this socket sent: the next size this viewer fits is sent again.
      this.sentSize = null;
      this.options.sink.follow({ cols: message.cols, rows: message.rows });
    } else if (message?.type === 'exit') {
      this.exitEnd = message.end;
      this.update({ exitCode: message.exitCode });
    }
  }

  /** A repaint of the screen as of `offset`: replaces what is shown; binary frames continue there. */
  private onScreen(message: Extract<HubMessage, { type: 'screen' }>): void {
    let data;
    try {
      data = decodeBase64(message.data);
    } catch (error) {
      console.warn('drover: dropped a malformed screen message', error);
      return;
    }
    this.resync = false;
    this.exitEnd = null;
    const { cols, rows, offset } = message;
    const sized = Number.isInteger(cols) && Number.isInteger(rows) && cols >= 1 && rows >= 1;
    // A hub older than screenAt and logStart sends neither: no older output goes above the repaint.
    const index = (value: unknown) => (Number.isSafeInteger(value) && (value as number) >= 0 ? (value as number) : null);
    this.options.sink.repaint({
      offset,
      data,
      screenAt: index(message.screenAt),
      logStart: index(message.logStart),
      size: sized ? { cols, rows } : null,
    });
    this.update({ next: offset });
  }

  private onOutput(socket: WebSocket, buffer: ArrayBuffer): void {
    let frame;
    try {
      frame = parseOutputFrame(buffer);
    } catch (error) {
      console.warn('drover: dropped a malformed terminal frame', error);
      return;
    }
    if (this.resync) {
      // No screen message (an older hub, or no screen model): the stream starts at the oldest
      // byte the host still holds, and replaces what the terminal shows.
      this.resync = false;
      this.exitEnd = null;
      this.options.sink.reset();
      this.status = { ...this.status, next: frame.offset };
    }
    const plan = planFrame(frame, this.status.next);
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
    if (action === 'fail' && code === 1007 && this.attachedFrom === 'screen') {
      // A hub that predates `from=screen` refuses it as "not a byte offset": replay from 0.
      this.screenSupported = false;
      action = 'resync';
    } else if (action === 'resync' && this.resync) {
      // The resync attach itself was refused: retrying would loop.
      action = 'fail';
    }
    switch (action) {
      case 'end':
        this.update({ state: 'ended', reason: null });
        return;
      case 'fail':
        this.update({ state: 'error', reason: reason || `The hub closed the terminal (code ${code}).` });
        return;
      case 'resync':
        // What is shown stays until the repaint (or the first frame) arrives and replaces it.
        this.resync = true;
        this.update({ state: 'reconnecting', reason: 'Repainting the screen', attempt: 0 });
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
    this.dropInput();
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

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type ConnectionStatus, TerminalConnection } from './connection';
import { goldenJson } from './golden';
import type { Repaint } from './rebuild';

/** A WebSocket double driven by the test, standing in for the hub's terminal socket. */
class FakeSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  static all: FakeSocket[] = [];

  readonly url: string;
  readyState = FakeSocket.CONNECTING;
  binaryType = 'blob';
  bufferedAmount = 0;
  sent: (string | Uint8Array)[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: ArrayBuffer | string }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;

  constructor(url: string) {
    this.url = url;
    FakeSocket.all.push(this);
  }
  send(payload: string | Uint8Array) {
    this.sent.push(payload);
  }
  close() {
    this.readyState = FakeSocket.CLOSED;
  }
  open() {
    this.readyState = FakeSocket.OPEN;
    this.onopen?.();
  }
  output(offset: number, text: string) {
    const bytes = new TextEncoder().encode(text);
    const buffer = new ArrayBuffer(8 + bytes.byteLength);
    new DataView(buffer).setBigUint64(0, BigInt(offset));
    new Uint8Array(buffer, 8).set(bytes);
    this.onmessage?.({ data: buffer });
  }
  attached(readOnly = false) {
    this.text({ type: 'attached', sessionId: 's1', from: 0, window: 1048576, readOnly });
  }
  text(message: object) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
  serverClose(code: number, reason = '') {
    this.readyState = FakeSocket.CLOSED;
    this.onclose?.({ code, reason });
  }
  get controls() {
    return this.sent.filter((payload): payload is string => typeof payload === 'string').map((s) => JSON.parse(s));
  }
}

const latest = () => FakeSocket.all[FakeSocket.all.length - 1];

describe('TerminalConnection', () => {
  let screen: string;
  let resets: number;
  let repaints: Repaint[];
  let statuses: ConnectionStatus[];
  let size: { cols: number; rows: number } | null;
  let followed: { cols: number; rows: number }[];
  let connection: TerminalConnection;

  beforeEach(() => {
    vi.useFakeTimers();
    FakeSocket.all = [];
    vi.stubGlobal('WebSocket', FakeSocket);
    vi.stubGlobal('window', { addEventListener: () => {}, removeEventListener: () => {} });
    screen = '';
    resets = 0;
    repaints = [];
    statuses = [];
    size = { cols: 100, rows: 30 };
    followed = [];
    connection = new TerminalConnection({
      url: (from) => `ws://hub/api/v1/sessions/s1/terminal?from=${from}`,
      sink: {
        write: (data, rendered) => {
          screen += new TextDecoder().decode(data);
          rendered();
        },
        reset: () => {
          screen = '';
          resets++;
        },
        repaint: (repaint) => {
          screen = new TextDecoder().decode(repaint.data);
          repaints.push(repaint);
        },
        follow: (next) => followed.push(next),
      },
      size: () => size,
      onStatus: (status) => statuses.push(status),
      backoff: { initialMs: 1000, maxMs: 8000 },
    });
    connection.start();
  });

  afterEach(() => {
    connection.dispose();
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('sends its size once attached and acknowledges every rendered frame', () => {
    const socket = latest();
    expect(socket.url).toBe('ws://hub/api/v1/sessions/s1/terminal?from=screen');
    expect(socket.binaryType).toBe('arraybuffer');
    socket.open();
    socket.attached();
    socket.output(0, 'hello ');
    socket.output(6, 'world');
    expect(screen).toBe('hello world');
    expect(socket.controls).toEqual([
      { type: 'resize', cols: 100, rows: 30 },
      { type: 'ack', bytes: 6 },
      { type: 'ack', bytes: 5 },
    ]);
    expect(connection.current.state).toBe('connected');
  });

  it('sends resize and ack as the protocol golden files spell them', () => {
    const resize = goldenJson('terminal/resize.json');
    const ack = goldenJson('terminal/ack.json');
    size = { cols: resize.cols as number, rows: resize.rows as number };
    latest().open();
    latest().attached();
    latest().output(0, 'x'.repeat(ack.bytes as number));
    expect(latest().controls).toEqual([resize, ack]);
  });

  it('reconnects from the next offset after a network drop and writes no byte twice', () => {
    latest().open();
    latest().text({ type: 'screen', offset: 0, cols: 100, rows: 30, data: '' });
    latest().output(0, 'abc');
    latest().serverClose(1006);
    expect(connection.current.state).toBe('reconnecting');
    vi.advanceTimersByTime(1000);
    const second = latest();
    expect(FakeSocket.all).toHaveLength(2);
    expect(second.url).toBe('ws://hub/api/v1/sessions/s1/terminal?from=3');
    second.open();
    second.output(1, 'bcdef');
    expect(screen).toBe('abcdef');
    expect(second.controls.filter((c) => c.type === 'ack')).toEqual([{ type: 'ack', bytes: 5 }]);
  });

  it('backs off longer on every failed attempt, up to the cap', () => {
    const delays: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      const before = FakeSocket.all.length;
      latest().serverClose(4503);
      let waited = 0;
      while (FakeSocket.all.length === before) {
        vi.advanceTimersByTime(50);
        waited += 50;
      }
      delays.push(waited);
    }
    expect(statuses.some((s) => s.reason === 'The host is offline')).toBe(true);
    [1000, 2000, 4000, 8000, 8000, 8000].forEach((ceiling, i) => {
      expect(delays[i]).toBeGreaterThanOrEqual(ceiling / 2);
      expect(delays[i]).toBeLessThanOrEqual(ceiling + 50);
    });
  });

  it('attaches with from=screen and continues from the offset of the screen message', () => {
    const socket = latest();
    socket.open();
    socket.text({ type: 'attached', sessionId: 's1', from: 5000, window: 1048576, readOnly: false });
    socket.text({ type: 'screen', offset: 5000, cols: 100, rows: 30, data: btoa('$ prompt') });
    expect(screen).toBe('$ prompt');
    expect(connection.current.next).toBe(5000);
    socket.output(4990, '0123456789ab');
    expect(screen).toBe('$ promptab');
    expect(connection.current.next).toBe(5002);
    expect(socket.controls.filter((c) => c.type === 'ack')).toEqual([{ type: 'ack', bytes: 12 }]);
  });

  it('hands the repaint over with where its screen begins, where the log begins and the session size', () => {
    const socket = latest();
    socket.open();
    socket.attached();
    socket.text({ type: 'screen', offset: 9000, cols: 90, rows: 20, data: btoa('old\r\nscreen'), screenAt: 5, logStart: 12 });
    expect(repaints).toEqual([
      { offset: 9000, data: new TextEncoder().encode('old\r\nscreen'), screenAt: 5, logStart: 12, size: { cols: 90, rows: 20 } },
    ]);
    expect(resets).toBe(0);
  });

  it('a screen message without screenAt and logStart (an older hub) says neither', () => {
    latest().open();
    latest().text({ type: 'screen', offset: 0, cols: 100, rows: 30, data: btoa('x') });
    expect(repaints[0]).toMatchObject({ screenAt: null, logStart: null });
  });

  it('takes the first frame as the start when the hub sends no screen message', () => {
    const socket = latest();
    socket.open();
    socket.text({ type: 'attached', sessionId: 's1', from: 0, window: 1048576, readOnly: false });
    socket.output(700, 'tail of the log');
    expect(screen).toBe('tail of the log');
    expect(connection.current.next).toBe(715);
  });

  it('reattaches with from=screen on 4416 and replaces the screen when the repaint arrives', () => {
    latest().open();
    latest().text({ type: 'screen', offset: 0, cols: 100, rows: 30, data: '' });
    latest().output(0, 'old');
    latest().serverClose(1006);
    vi.advanceTimersByTime(1000);
    expect(latest().url).toBe('ws://hub/api/v1/sessions/s1/terminal?from=3');
    latest().serverClose(4416, 'offset no longer retained');
    expect(latest().url).toBe('ws://hub/api/v1/sessions/s1/terminal?from=screen');
    expect(connection.current).toMatchObject({ state: 'reconnecting', next: 3 });
    expect(screen).toBe('old');
    latest().open();
    latest().text({ type: 'screen', offset: 90_000, cols: 100, rows: 30, data: btoa('new screen') });
    expect(screen).toBe('new screen');
    expect(connection.current.next).toBe(90_000);
  });

  it('after 4416, a hub without screens replaces the screen with the first frame', () => {
    latest().open();
    latest().text({ type: 'screen', offset: 0, cols: 100, rows: 30, data: '' });
    latest().output(0, 'old');
    latest().serverClose(4416);
    latest().open();
    latest().output(64, 'kept tail');
    expect(screen).toBe('kept tail');
    expect(connection.current.next).toBe(73);
  });

  it('stops instead of looping when the from=screen attach itself gets 4416', () => {
    latest().serverClose(4416);
    expect(connection.current.state).toBe('error');
    expect(FakeSocket.all).toHaveLength(1);
  });

  it('falls back to from=0 when the hub refuses from=screen (1007)', () => {
    latest().serverClose(1007, 'from is not a byte offset');
    expect(latest().url).toBe('ws://hub/api/v1/sessions/s1/terminal?from=0');
    latest().open();
    latest().output(0, 'all');
    expect(screen).toBe('all');
  });

  it('sends a resize once, after 100 ms of quiet, and only when the size changed', () => {
    const socket = latest();
    socket.open();
    socket.attached();
    connection.resize(120, 40);
    connection.resize(121, 40);
    connection.resize(122, 41);
    vi.advanceTimersByTime(99);
    expect(socket.controls.filter((c) => c.type === 'resize')).toEqual([{ type: 'resize', cols: 100, rows: 30 }]);
    vi.advanceTimersByTime(1);
    connection.resize(122, 41);
    vi.advanceTimersByTime(100);
    connection.resize(100, 30);
    connection.resize(122, 41);
    vi.advanceTimersByTime(100);
    expect(socket.controls.filter((c) => c.type === 'resize')).toEqual([
      { type: 'resize', cols: 100, rows: 30 },
      { type: 'resize', cols: 122, rows: 41 },
    ]);
  });

  // Regression: a viewer of another size kept showing the session at its own size after another
  // viewer resized it, and could not take the session back to the size it had sent before.
  it('follows a size another viewer gave the session, and sends its own again afterwards', () => {
    const socket = latest();
    socket.open();
    socket.attached();
    socket.text({ type: 'resized', cols: 44, rows: 20 });
    socket.text({ type: 'resized', cols: 0, rows: 20 });
    expect(followed).toEqual([{ cols: 44, rows: 20 }]);
    connection.resize(100, 30);
    vi.advanceTimersByTime(100);
    expect(socket.controls.filter((c) => c.type === 'resize')).toEqual([
      { type: 'resize', cols: 100, rows: 30 },
      { type: 'resize', cols: 100, rows: 30 },
    ]);
  });

  it('sends no resize for a hidden terminal (0x0), neither on open nor on change', () => {
    size = null;
    const socket = latest();
    socket.open();
    connection.resize(0, 0);
    vi.advanceTimersByTime(500);
    expect(socket.controls.filter((c) => c.type === 'resize')).toEqual([]);
  });

  it('resends its size on a new socket after a reconnect', () => {
    latest().open();
    latest().attached();
    latest().serverClose(1001);
    vi.advanceTimersByTime(1000);
    latest().open();
    latest().attached();
    expect(latest().controls).toEqual([{ type: 'resize', cols: 100, rows: 30 }]);
  });

  it('ends on 1000 with the exit code from the exit message', () => {
    latest().open();
    latest().output(0, 'bye');
    latest().text({ type: 'exit', exitCode: 3, end: 3 });
    latest().serverClose(1000);
    expect(connection.current).toMatchObject({ state: 'ended', exitCode: 3 });
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.all).toHaveLength(1);
  });

  it('stops with the reason on 1008 and drops input while not connected', () => {
    latest().open();
    latest().serverClose(1008, 'input from a read-only viewer');
    expect(connection.current).toMatchObject({ state: 'error', reason: 'input from a read-only viewer' });
    connection.sendInput(new Uint8Array([65]));
    expect(latest().sent.filter((p) => typeof p !== 'string')).toEqual([]);
  });

  it('keeps input typed while the first socket opens and sends it in order once attached', () => {
    connection.sendInput(new Uint8Array([101]));
    latest().open();
    connection.sendInput(new Uint8Array([99]));
    expect(latest().sent.filter((p) => typeof p !== 'string')).toEqual([]);
    latest().attached();
    expect(latest().sent.filter((p): p is Uint8Array => typeof p !== 'string').map((p) => Array.from(p))).toEqual([[101], [99]]);
  });

  it('drops input typed while the first socket opens when the hub says the viewer is read-only', () => {
    connection.sendInput(new Uint8Array([65]));
    latest().open();
    latest().attached(true);
    connection.sendInput(new Uint8Array([66]));
    expect(latest().sent.filter((p) => typeof p !== 'string')).toEqual([]);
  });

  it('does not send input as a read-only viewer', () => {
    latest().open();
    latest().text({ type: 'attached', sessionId: 's1', from: 0, window: 1048576, readOnly: true });
    connection.sendInput(new Uint8Array([65]));
    expect(connection.current.readOnly).toBe(true);
    expect(latest().sent.filter((p) => typeof p !== 'string')).toEqual([]);
  });

  it('sends no resize as a read-only viewer, neither when attached nor on change', () => {
    latest().open();
    latest().attached(true);
    connection.resize(120, 40);
    vi.advanceTimersByTime(500);
    expect(latest().controls.filter((c) => c.type === 'resize')).toEqual([]);
  });

  it('sends a large paste in frames of 64 KiB, waiting while the socket holds 256 KiB unsent', () => {
    const socket = latest();
    socket.open();
    socket.attached();
    const paste = new Uint8Array(1024 * 1024).map((_, i) => i % 251);
    connection.sendInput(paste);
    const binaries = () => socket.sent.filter((p): p is Uint8Array => typeof p !== 'string');
    expect(binaries()).toHaveLength(16);
    expect(binaries().every((frame) => frame.byteLength === 64 * 1024)).toBe(true);

    const second = new Uint8Array(200 * 1024).fill(7);
    socket.bufferedAmount = 256 * 1024;
    connection.sendInput(second);
    connection.sendInput(new Uint8Array([13]));
    vi.advanceTimersByTime(100);
    expect(binaries()).toHaveLength(16);
    socket.bufferedAmount = 0;
    vi.advanceTimersByTime(20);
    expect(binaries()).toHaveLength(21);
    const sent = new Uint8Array(binaries().reduce((sum, frame) => sum + frame.byteLength, 0));
    binaries().reduce((at, frame) => (sent.set(frame, at), at + frame.byteLength), 0);
    const same = (a: Uint8Array, b: Uint8Array) => a.byteLength === b.byteLength && a.every((v, i) => v === b[i]);
    expect(same(sent.subarray(0, paste.byteLength), paste)).toBe(true);
    expect(same(sent.subarray(paste.byteLength, paste.byteLength + second.byteLength), second)).toBe(true);
    expect(sent[sent.byteLength - 1]).toBe(13);
  });

  it('stops with the hub\'s reason on 1009 instead of reconnecting', () => {
    latest().open();
    latest().serverClose(1009, 'input message of 2000000 bytes is over the limit of 1048576');
    expect(connection.current).toMatchObject({ state: 'error', reason: 'input message of 2000000 bytes is over the limit of 1048576' });
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.all).toHaveLength(1);
  });
});

import { Terminal } from '@xterm/headless';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NOTES, OLDER_BYTES, OlderOutput, type OlderOutputStatus } from './olderOutput';
import { writeInPieces } from './pieces';
import type { Repaint } from './rebuild';

const encoder = new TextEncoder();
const SESSION = { cols: 80, rows: 24 };

/** The hub's terminal socket for a `from=<offset>` read of the log, driven by the test. */
class LogSocket {
  static all: LogSocket[] = [];
  binaryType = 'blob';
  sent: string[] = [];
  closed = false;
  onmessage: ((event: { data: ArrayBuffer | string }) => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;
  constructor(readonly from: number) {
    LogSocket.all.push(this);
  }
  send(payload: string) {
    this.sent.push(payload);
  }
  close() {
    this.closed = true;
  }
  /** Sends `log[start, end)` as one binary frame. */
  frame(log: Uint8Array, start: number, end: number) {
    const buffer = new ArrayBuffer(8 + end - start);
    new DataView(buffer).setBigUint64(0, BigInt(start));
    new Uint8Array(buffer, 8).set(log.subarray(start, end));
    this.onmessage?.({ data: buffer });
  }
}

/** A bash-like session's output: a prompt, `seq 1 <count>`, its lines and the next prompt. */
function seqOutput(count: number, from = 1): Uint8Array {
  const lines = Array.from({ length: count }, (_, i) => `${from + i}`).join('\r\n');
  return encoder.encode(`$ seq ${from} ${from + count - 1}\r\n${lines}\r\n$ `);
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const all = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    all.set(part, at);
    at += part.byteLength;
  }
  return all;
}

const written = (term: Terminal, data: Uint8Array | string) => new Promise<void>((resolve) => term.write(data, resolve));

/** The buffer's rows, right-trimmed, trailing blank rows dropped. */
function rows(term: Terminal): string[] {
  const buffer = term.buffer.active;
  const text: string[] = [];
  for (let row = 0; row < buffer.length; row++) text.push(buffer.getLine(row)?.translateToString(true) ?? '');
  while (text.length > 0 && text[text.length - 1] === '') text.pop();
  return text;
}

/**
 * What the daemon's terminal model sends for the session as of `log`: clear, the newest `scrollback`
 * lines above the screen, then (from `screenAt`) the screen rows and the cursor, as Repaint.java does.
 */
async function repaintOf(log: Uint8Array, logStart: number, scrollback = 1000): Promise<Repaint> {
  const model = new Terminal({ ...SESSION, scrollback: 100_000, allowProposedApi: true });
  await written(model, log);
  const buffer = model.buffer.active;
  const line = (row: number) => buffer.getLine(row)?.translateToString(true) ?? '';
  const history = Array.from({ length: Math.min(buffer.baseY, scrollback) }, (_, i) => line(buffer.baseY - Math.min(buffer.baseY, scrollback) + i));
  const head = `\x1b[0m\x1b[H\x1b[2J\x1b[3J${history.map((row) => `${row}\r\n`).join('')}`;
  const screen = Array.from({ length: SESSION.rows }, (_, y) => line(buffer.baseY + y)).join('\r\n');
  const tail = `${screen}\x1b[${buffer.cursorY + 1};${buffer.cursorX + 1}H`;
  model.dispose();
  return { offset: logStart + log.byteLength, data: encoder.encode(head + tail), screenAt: encoder.encode(head).byteLength, logStart, size: SESSION };
}

describe('OlderOutput', () => {
  let term: Terminal;
  let older: OlderOutput;
  let next: number;
  let statuses: OlderOutputStatus[];
  let rebuilt: Promise<void>;

  beforeEach(() => {
    LogSocket.all = [];
    term = new Terminal({ cols: 100, rows: 30, scrollback: 10_000, allowProposedApi: true });
    statuses = [];
    let done: () => void;
    rebuilt = new Promise((resolve) => (done = resolve));
    older = new OlderOutput(term, {
      next: () => next,
      open: (from) => new LogSocket(from) as unknown as WebSocket,
      scrollback: () => term.options.scrollback ?? 0,
      rebuilding: () => {},
      rebuilt: (line) => {
        if (line === null) term.scrollToBottom();
        else term.scrollToLine(line);
        done();
      },
      onStatus: (status) => statuses.push(status),
    });
    term.onScroll(() => older.scrolled());
  });

  afterEach(() => {
    older.dispose();
    term.dispose();
    vi.restoreAllMocks();
  });

  /** Attaches as the viewer does: reset at the session's size, the repaint, then the box's size. */
  async function attach(repaint: Repaint) {
    term.reset();
    term.resize(SESSION.cols, SESSION.rows);
    let parsed: () => void;
    const done = new Promise<void>((resolve) => (parsed = resolve));
    older.writeRepaint(repaint, () => {
      term.resize(100, 30);
      parsed();
    });
    await done;
    next = repaint.offset;
  }

  /** Live output as the connection hands it over. */
  function live(data: Uint8Array) {
    older.received(data);
    writeInPieces(term, data);
    next += data.byteLength;
  }

  it('puts the whole log above the repaint in order, with output that arrived during the read after it', async () => {
    const before = seqOutput(3000);
    const repaint = await repaintOf(before, 0);
    await attach(repaint);
    const after = encoder.encode('echo one\r\none\r\n$ ');
    live(after);
    await written(term, '');
    expect(rows(term)[0]).toBe('1978');
    expect(older.current).toMatchObject({ state: 'available' });

    term.scrollToTop();
    const socket = LogSocket.all[0];
    expect(socket.from).toBe(0);
    expect(older.current.state).toBe('loading');
    const during = encoder.encode('echo two\r\ntwo\r\n$ ');
    const log = concat(before, after, during);
    socket.frame(log, 0, 10_000);
    live(during);
    socket.frame(log, 10_000, repaint.offset + after.byteLength + 5);
    expect(socket.closed).toBe(true);
    expect(socket.sent.map((s) => JSON.parse(s))).toEqual([
      { type: 'ack', bytes: 10_000 },
      { type: 'ack', bytes: repaint.offset + after.byteLength + 5 - 10_000 },
    ]);
    await rebuilt;
    const later = encoder.encode('echo three\r\nthree\r\n$ ');
    live(later);
    await written(term, '');

    const whole = new Terminal({ cols: 100, rows: 30, scrollback: 10_000, allowProposedApi: true });
    await written(whole, concat(log, later));
    expect(rows(term)).toEqual(rows(whole));
    expect(rows(term)[0]).toBe('$ seq 1 3000');
    expect(older.current).toMatchObject({ state: 'loaded', note: NOTES.start });
    whole.dispose();
  });

  it('keeps the viewport on the rows the user was reading', async () => {
    const log = seqOutput(5000);
    await attach(await repaintOf(log, 0));
    term.scrollToTop();
    const reading = rows(term).slice(0, 30);
    LogSocket.all[0].frame(log, 0, log.byteLength);
    await rebuilt;
    const top = term.buffer.active.viewportY;
    expect(top).toBe(5002 - 1024);
    expect(rows(term).slice(top, top + 30)).toEqual(reading);
    expect(rows(term)[0]).toBe('$ seq 1 5000');
  });

  it('says where history ends: retention, the byte bound, the scrollback', async () => {
    const removed = 50_000;
    const kept = seqOutput(2000, 20_001);
    await attach(await repaintOf(kept, removed));
    term.scrollToTop();
    const socket = LogSocket.all[0];
    expect(socket.from).toBe(removed);
    const log = concat(new Uint8Array(removed), kept);
    socket.frame(log, removed, log.byteLength);
    await rebuilt;
    expect(older.current).toMatchObject({ state: 'loaded', note: NOTES.retention });
    // The read started in the middle of a line: the first row is the next whole line.
    expect(rows(term)[0]).toBe('20001');
  });

  it('loads at most the last OLDER_BYTES before the repaint', async () => {
    const big = { offset: OLDER_BYTES * 2, data: encoder.encode('\x1b[H\x1b[2J$ '), screenAt: 7, logStart: 0, size: SESSION };
    await attach(big);
    older.scrolled(true);
    expect(LogSocket.all[0].from).toBe(OLDER_BYTES);
  });

  it('reads nothing when the scrollback is already full', async () => {
    term.options.scrollback = 500;
    await attach(await repaintOf(seqOutput(3000), 0));
    term.scrollToTop();
    expect(LogSocket.all).toHaveLength(0);
    expect(older.current).toMatchObject({ state: 'none', note: NOTES.scrollback(500) });
  });

  it('says why when the log no longer holds the bytes, and leaves the terminal as it was', async () => {
    await attach(await repaintOf(seqOutput(3000), 0));
    const shown = rows(term);
    term.scrollToTop();
    LogSocket.all[0].onclose?.({ code: 4416 });
    await vi.waitFor(() => expect(older.current.state).toBe('failed'));
    expect(older.current.note).toBe(NOTES.failed('the host no longer holds it'));
    expect(rows(term)).toEqual(shown);
  });

  it('a repaint during the read drops the read', async () => {
    await attach(await repaintOf(seqOutput(3000), 0));
    term.scrollToTop();
    const socket = LogSocket.all[0];
    await attach(await repaintOf(seqOutput(10), 0));
    expect(socket.closed).toBe(true);
    expect(rows(term)[0]).toBe('$ seq 1 10');
  });
});

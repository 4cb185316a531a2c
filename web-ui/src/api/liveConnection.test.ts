import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LiveMessage } from './liveCache';
import { LiveConnection, liveEventsUrl, type LiveSocket, type LiveState } from './liveConnection';

class FakeSocket implements LiveSocket {
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  closedWith: number | undefined;
  sent: string[] = [];
  close(code?: number): void {
    this.closedWith = code;
  }
  send(text: string): void {
    this.sent.push(text);
  }
  receive(message: LiveMessage): void {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
}

function setUp() {
  const sockets: FakeSocket[] = [];
  const messages: LiveMessage[] = [];
  const states: LiveState[] = [];
  const connection = new LiveConnection({
    url: 'ws://hub/api/v1/events',
    open: () => {
      const socket = new FakeSocket();
      sockets.push(socket);
      return socket;
    },
    onMessage: (message) => messages.push(message),
    random: () => 0,
  });
  connection.subscribe((state) => states.push(state));
  connection.start();
  return { connection, sockets, messages, states };
}

describe('LiveConnection', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('is live after hello and hands every message on', () => {
    const { connection, sockets, messages } = setUp();
    sockets[0].receive({ type: 'hello', protocol: 1, heartbeatSeconds: 25 });
    sockets[0].receive({ type: 'session-removed', id: 's1' });
    expect(connection.current()).toBe('live');
    expect(messages.map((message) => message.type)).toEqual(['hello', 'session-removed']);
  });

  it('sends to the hub only while live', () => {
    const { connection, sockets } = setUp();
    connection.send('early');
    sockets[0].receive({ type: 'hello', protocol: 1, heartbeatSeconds: 25 });
    connection.send('{"type":"viewing","sessionId":"s1"}');
    sockets[0].onclose?.({ code: 1006, reason: '' });
    connection.send('lost');
    expect(sockets[0].sent).toEqual(['{"type":"viewing","sessionId":"s1"}']);
  });

  it('reconnects with growing delays after the hub closes it, and stops when signed out', () => {
    const { connection, sockets, states } = setUp();
    sockets[0].onclose?.({ code: 4429, reason: 'too slow' });
    expect(connection.current()).toBe('reconnecting');
    vi.advanceTimersByTime(249);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2);
    sockets[1].onclose?.({ code: 1006, reason: '' });
    vi.advanceTimersByTime(499);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(3);
    sockets[2].onclose?.({ code: 1008, reason: 'signed out' });
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(3);
    expect(states).toEqual(['reconnecting', 'stopped']);
  });

  it('takes a connection silent for 2.5 heartbeats for dead and opens another', () => {
    const { connection, sockets } = setUp();
    sockets[0].receive({ type: 'hello', protocol: 1, heartbeatSeconds: 2 });
    vi.advanceTimersByTime(4_000);
    sockets[0].receive({ type: 'heartbeat' });
    vi.advanceTimersByTime(4_999);
    expect(connection.current()).toBe('live');
    vi.advanceTimersByTime(1);
    expect(sockets[0].closedWith).toBe(4000);
    expect(connection.current()).toBe('reconnecting');
    vi.advanceTimersByTime(250);
    expect(sockets).toHaveLength(2);
  });

  it('addresses the hub that served the page', () => {
    expect(liveEventsUrl({ protocol: 'https:', host: 'drover.example:8443' })).toBe('wss://drover.example:8443/api/v1/events');
    expect(liveEventsUrl({ protocol: 'http:', host: '127.0.0.1:8420' })).toBe('ws://127.0.0.1:8420/api/v1/events');
  });
});

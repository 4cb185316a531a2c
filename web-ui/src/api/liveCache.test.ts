import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import { session } from '../modules/sessions/sessionFixture';
import { LiveCache, patchData, SPEND_REFRESH_AFTER_MS } from './liveCache';
import type { Host } from './types';

const usage = (inputTokens: number, costUsd: string) => ({
  inputTokens,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheCreationTokens: 0,
  costUsd,
  estimatedCostUsd: '0',
  unpricedTokens: 0,
});

const host = (id: string, online: boolean): Host =>
  ({ id, name: id, online, labels: {}, agents: [], profileProblems: [] }) as unknown as Host;

function setUp() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Infinity } } });
  let clock = 0;
  const cache = new LiveCache(client, () => clock);
  return { client, cache, tick: (ms: number) => (clock += ms) };
}

describe('patchData', () => {
  it('replaces the row in a list, a page and a single view, and removes it from lists', () => {
    const changed = { type: 'session' as const, session: session('s2', { task: 'new' }), created: false };
    const list = [session('s1'), session('s2')];
    expect(patchData(list, changed)).toEqual({ data: [session('s1'), changed.session], found: true, list: true });
    expect(patchData({ items: list, total: 2 }, changed)).toEqual({
      data: { items: [session('s1'), changed.session], total: 2 },
      found: true,
      list: true,
    });
    expect(patchData(session('s2'), changed)).toEqual({ data: changed.session, found: true, list: false });
    expect(patchData(list, { type: 'session-removed', id: 's1' }).data).toEqual([session('s2')]);
  });

  it('leaves data of another kind alone', () => {
    const hosts = [host('h1', true)];
    const changed = { type: 'session' as const, session: session('h1'), created: true };
    expect(patchData(hosts, changed)).toEqual({ data: hosts, found: false, list: false });
    expect(patchData({ profiles: ['bash'] }, changed)).toEqual({ data: { profiles: ['bash'] }, found: false, list: false });
  });
});

describe('LiveCache', () => {
  it('puts a session change into the list and the session’s own query', () => {
    const { client, cache } = setUp();
    client.setQueryData(['sessions'], [session('s1'), session('s2')]);
    client.setQueryData(['sessions', 's2'], session('s2'));
    const changed = session('s2', { usage: usage(1234, '0.5') });

    cache.apply({ type: 'session', session: changed, created: false });

    expect(client.getQueryData(['sessions'])).toEqual([session('s1'), changed]);
    expect(client.getQueryData(['sessions', 's2'])).toEqual(changed);
  });

  it('fetches a list again for a created session it lacks, but not for a change of one it does not show', () => {
    const { client, cache } = setUp();
    client.setQueryData(['sessions'], [session('s1')]);

    cache.apply({ type: 'session', session: session('s9'), created: false });
    expect(client.getQueryState(['sessions'])?.isInvalidated).toBe(false);

    cache.apply({ type: 'session', session: session('s9'), created: true });
    expect(client.getQueryState(['sessions'])?.isInvalidated).toBe(true);
  });

  it('marks hosts online and drops removed ones', () => {
    const { client, cache } = setUp();
    client.setQueryData(['hosts'], [host('h1', false), host('h2', true)]);

    cache.apply({ type: 'host', host: host('h1', true) });
    cache.apply({ type: 'host-removed', id: 'h2' });

    expect(client.getQueryData(['hosts'])).toEqual([host('h1', true)]);
  });

  it('lays a change over an answer to a fetch that began before the change arrived', async () => {
    const { client, cache, tick } = setUp();
    client.setQueryData(['sessions'], [session('s1', { usage: usage(1, '0') })]);
    let answer: (value: unknown) => void = () => undefined;
    const fetching = client.fetchQuery({
      queryKey: ['sessions'],
      queryFn: () => new Promise((resolve) => (answer = resolve)),
      staleTime: 0,
    });
    tick(10);
    const newer = session('s1', { usage: usage(500, '0.1') });
    cache.apply({ type: 'session', session: newer, created: false });
    tick(10);
    answer([session('s1', { usage: usage(1, '0') })]);
    await fetching;

    expect(client.getQueryData(['sessions'])).toEqual([newer]);
  });

  it('keeps an answer to a fetch that began after the change', async () => {
    const { client, cache, tick } = setUp();
    client.setQueryData(['sessions'], [session('s1')]);
    cache.apply({ type: 'session', session: session('s1', { task: 'from the event' }), created: false });
    tick(10);
    await client.fetchQuery({
      queryKey: ['sessions'],
      queryFn: async () => [session('s1', { task: 'fetched later' })],
      staleTime: 0,
    });

    expect(client.getQueryData(['sessions'])).toEqual([session('s1', { task: 'fetched later' })]);
  });

  it('asks for spend figures again once after pushed usage changes, not for other changes', () => {
    vi.useFakeTimers();
    try {
      const { client, cache } = setUp();
      client.setQueryData(['spend', 'summary'], { total: 1 });
      cache.apply({ type: 'session', session: session('s1', { usage: usage(100, '0.1') }), created: false });
      vi.advanceTimersByTime(SPEND_REFRESH_AFTER_MS);
      client.setQueryData(['spend', 'summary'], { total: 2 });

      cache.apply({ type: 'session', session: session('s1', { usage: usage(100, '0.1'), task: 'renamed' }), created: false });
      vi.advanceTimersByTime(SPEND_REFRESH_AFTER_MS);
      expect(client.getQueryState(['spend', 'summary'])?.isInvalidated).toBe(false);

      cache.apply({ type: 'session', session: session('s1', { usage: usage(150, '0.2') }), created: false });
      cache.apply({ type: 'session', session: session('s1', { usage: usage(200, '0.3') }), created: false });
      expect(client.getQueryState(['spend', 'summary'])?.isInvalidated).toBe(false);
      vi.advanceTimersByTime(SPEND_REFRESH_AFTER_MS);
      expect(client.getQueryState(['spend', 'summary'])?.isInvalidated).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('fetches everything again on hello, since changes may have been missed while away', () => {
    const { client, cache } = setUp();
    client.setQueryData(['sessions'], [session('s1')]);
    client.setQueryData(['hosts'], [host('h1', true)]);

    cache.apply({ type: 'hello', protocol: 1, heartbeatSeconds: 25 });

    expect(client.getQueryState(['sessions'])?.isInvalidated).toBe(true);
    expect(client.getQueryState(['hosts'])?.isInvalidated).toBe(true);
  });
});

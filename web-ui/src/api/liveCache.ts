import type { Query, QueryCacheNotifyEvent, QueryClient } from '@tanstack/react-query';
import type { BudgetEvent, Host, PromptDelivery, Session } from './types';

/** JSON text frames of the hub's event socket (docs/api/events.md). */
export type LiveMessage =
  | { type: 'hello'; protocol: number; heartbeatSeconds: number }
  | { type: 'heartbeat' }
  | { type: 'session'; session: Session; created: boolean }
  | { type: 'session-removed'; id: string }
  | { type: 'host'; host: Host }
  | { type: 'host-removed'; id: string }
  | { type: 'notice'; kind: string; message: string; sessionId: string | null }
  | { type: 'prompt-delivery'; delivery: PromptDelivery }
  | { type: 'budget-event'; event: BudgetEvent }
  | { type: 'conversation-messages'; conversationId: string; lastSeq: number };

type Change = Extract<LiveMessage, { type: 'session' | 'session-removed' | 'host' | 'host-removed' }>;

/** How soon spend figures are asked again after a pushed session's usage changed (changes in between share it). */
export const SPEND_REFRESH_AFTER_MS = 100;

/** How long a change is remembered, to be laid over an answer that was asked for before it arrived. */
const REMEMBERED_MS = 60_000;

interface Entity {
  id: string;
}

/** The query key prefix and id a change is about; null for the view of a removed row. */
function target(change: Change): { root: 'sessions' | 'hosts'; id: string; view: Entity | null } {
  switch (change.type) {
    case 'session':
      return { root: 'sessions', id: change.session.id, view: change.session };
    case 'session-removed':
      return { root: 'sessions', id: change.id, view: null };
    case 'host':
      return { root: 'hosts', id: change.host.id, view: change.host };
    case 'host-removed':
      return { root: 'hosts', id: change.id, view: null };
  }
}

function isEntity(value: unknown): value is Entity {
  return typeof value === 'object' && value !== null && typeof (value as Entity).id === 'string';
}

/** A list of rows of the kind the change is about (sessions have a hostId, hosts do not). */
function isListOf(root: 'sessions' | 'hosts', value: unknown): value is Entity[] {
  return (
    Array.isArray(value) &&
    value.every((row) => isEntity(row) && (root === 'sessions') === 'hostId' in (row as object))
  );
}

type Patched = { data: unknown; found: boolean; list: boolean };

/**
 * Lays a change over a query's data, whatever its shape: one row, a list of rows, or an object
 * holding such a list (a page). Answers the new data, whether the row was there, and whether the
 * data holds a list of such rows.
 */
export function patchData(data: unknown, change: Change): Patched {
  const { root, id, view } = target(change);
  if (isListOf(root, data)) {
    const at = data.findIndex((row) => row.id === id);
    if (at < 0) return { data, found: false, list: true };
    const next = view === null ? data.filter((row) => row.id !== id) : data.map((row, i) => (i === at ? view : row));
    return { data: next, found: true, list: true };
  }
  if (isEntity(data) && !Array.isArray(data)) {
    if (data.id === id) return { data: view ?? data, found: true, list: false };
  }
  if (typeof data === 'object' && data !== null && !Array.isArray(data)) {
    for (const [key, value] of Object.entries(data)) {
      if (isListOf(root, value)) {
        const inner = patchData(value, change);
        return { data: inner.found ? { ...data, [key]: inner.data } : data, found: inner.found, list: true };
      }
    }
  }
  return { data, found: false, list: false };
}

/**
 * Keeps the query cache current from the event socket's changes: every cached query under
 * ['sessions'] or ['hosts'] that holds the row gets the new view; a list that lacks a session
 * just created, or a removed row's own query, is fetched again. An answer to a fetch that began
 * before a change arrived may be older than the change: the change is laid over it again.
 */
export class LiveCache {
  private readonly recent = new Map<string, { at: number; change: Change }>();
  private readonly fetchStarted = new WeakMap<Query, number>();
  private readonly usageSeen = new Map<string, string>();
  private spendRefresh: ReturnType<typeof setTimeout> | null = null;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly client: QueryClient,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.unsubscribe = client.getQueryCache().subscribe((event) => this.cacheEvent(event));
  }

  dispose(): void {
    this.unsubscribe();
    if (this.spendRefresh !== null) clearTimeout(this.spendRefresh);
  }

  /** Applies one message of the socket to the cache (a notice changes nothing cached). */
  apply(message: LiveMessage): void {
    if (message.type === 'hello') {
      void this.client.invalidateQueries({ queryKey: ['sessions'] });
      void this.client.invalidateQueries({ queryKey: ['hosts'] });
      void this.client.invalidateQueries({ queryKey: ['spend'] });
      void this.client.invalidateQueries({ queryKey: ['budget-events'] });
      return;
    }
    if (message.type === 'prompt-delivery') {
      void this.client.invalidateQueries({ queryKey: ['prompt', message.delivery.promptId] });
      return;
    }
    // Conversations are fetched by their open page, which listens for these itself (api/conversationQueries.ts).
    if (message.type === 'heartbeat' || message.type === 'notice' || message.type === 'budget-event'
      || message.type === 'conversation-messages') return;
    if (message.type === 'session') this.spendMayHaveChanged(message.session);
    const now = this.now();
    const { root, id } = target(message);
    this.recent.set(`${root}:${id}`, { at: now, change: message });
    for (const [key, entry] of this.recent) {
      if (now - entry.at > REMEMBERED_MS) this.recent.delete(key);
    }
    for (const query of this.client.getQueryCache().findAll({ queryKey: [root] })) {
      this.layOver(query, message, true);
    }
  }

  /**
   * Spend figures are sums the hub makes: when a pushed session's usage differs from what was last pushed of it,
   * the open spend queries are asked again, at most once per {@link SPEND_REFRESH_AFTER_MS}.
   */
  private spendMayHaveChanged(session: Session): void {
    const usage = session.usage === null ? '' : `${session.usage.costUsd}/${session.usage.inputTokens}/${session.usage.outputTokens}/${session.usage.cacheReadTokens}/${session.usage.cacheCreationTokens}`;
    const before = this.usageSeen.get(session.id);
    this.usageSeen.set(session.id, usage);
    if (before === undefined ? usage === '' : before === usage) return;
    if (this.spendRefresh !== null) return;
    this.spendRefresh = setTimeout(() => {
      this.spendRefresh = null;
      void this.client.invalidateQueries({ queryKey: ['spend'] });
    }, SPEND_REFRESH_AFTER_MS);
  }

  private layOver(query: Query, change: Change, refetchWhenMissing: boolean): void {
    if (query.state.data === undefined) return;
    const patched = patchData(query.state.data, change);
    if (patched.found) {
      if (change.type.endsWith('-removed') && !patched.list) {
        void this.client.invalidateQueries({ queryKey: query.queryKey, exact: true });
      } else {
        this.client.setQueryData(query.queryKey, patched.data);
      }
    } else if (refetchWhenMissing && patched.list && change.type === 'session' && change.created) {
      void this.client.invalidateQueries({ queryKey: query.queryKey, exact: true });
    } else if (refetchWhenMissing && patched.list && change.type === 'host') {
      void this.client.invalidateQueries({ queryKey: query.queryKey, exact: true });
    }
  }

  private cacheEvent(event: QueryCacheNotifyEvent): void {
    if (event.type !== 'updated') return;
    const root = event.query.queryKey[0];
    if (root !== 'sessions' && root !== 'hosts') return;
    if (event.action.type === 'fetch') {
      this.fetchStarted.set(event.query, this.now());
    } else if (event.action.type === 'success' && !event.action.manual) {
      const started = this.fetchStarted.get(event.query);
      if (started === undefined) return;
      for (const [key, entry] of this.recent) {
        if (key.startsWith(`${root}:`) && entry.at >= started) this.layOver(event.query, entry.change, false);
      }
    }
  }
}

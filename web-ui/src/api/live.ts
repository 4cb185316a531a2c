import type { QueryClient } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { LiveCache, type LiveMessage } from './liveCache';
import { LiveConnection, liveEventsUrl, type LiveState } from './liveConnection';

/** How often lists refresh anyway while the event socket is live: a safety net, not the way changes arrive. */
export const LIVE_SAFETY_MS = 60_000;

type Notice = Extract<LiveMessage, { type: 'notice' }>;
type LiveBudgetEvent = Extract<LiveMessage, { type: 'budget-event' }>['event'];

let connection: LiveConnection | null = null;
let shownState: LiveState | 'off' = 'off';
const stateListeners = new Set<() => void>();

function show(state: LiveState | 'off'): void {
  shownState = state;
  stateListeners.forEach((listener) => listener());
}
let users = 0;
const releaseHooks = new Map<LiveConnection, () => void>();
const noticeListeners = new Set<(notice: Notice) => void>();
const budgetListeners = new Set<(event: LiveBudgetEvent) => void>();
type LiveSession = Extract<LiveMessage, { type: 'session' }>['session'];
const sessionListeners = new Set<(session: LiveSession) => void>();
/** The hub stored messages of a conversation up to `lastSeq`. */
export type ConversationGrew = Extract<LiveMessage, { type: 'conversation-messages' }>;
const conversationListeners = new Set<(grew: ConversationGrew) => void>();

/** Calls {@code listener} whenever the event socket says a conversation has new messages; answers the function that stops it. */
export function onConversationGrew(listener: (grew: ConversationGrew) => void): () => void {
  conversationListeners.add(listener);
  return () => conversationListeners.delete(listener);
}

/** Calls {@code listener} with every session the event socket pushes; answers the function that stops it. */
export function onLiveSession(listener: (session: LiveSession) => void): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

/**
 * Opens the page's one event socket for {@code client}'s cache (the signed-in frame calls it);
 * answers the function that lets it go. When the socket is lost, lists are fetched at once and
 * then polled until it is back.
 */
export function startLiveEvents(client: QueryClient): () => void {
  users++;
  if (connection === null) {
    const cache = new LiveCache(client);
    const opened = new LiveConnection({
      url: liveEventsUrl(window.location),
      onMessage: (message) => {
        cache.apply(message);
        if (message.type === 'notice') noticeListeners.forEach((listener) => listener(message));
        if (message.type === 'budget-event') budgetListeners.forEach((listener) => listener(message.event));
        if (message.type === 'session') sessionListeners.forEach((listener) => listener(message.session));
        if (message.type === 'conversation-messages') conversationListeners.forEach((listener) => listener(message));
      },
    });
    opened.subscribe((state) => {
      show(state);
      if (state === 'live' && viewing !== null) sendViewing();
      if (state !== 'live') {
        void client.invalidateQueries({ queryKey: ['sessions'] });
        void client.invalidateQueries({ queryKey: ['hosts'] });
      }
    });
    connection = opened;
    releaseHooks.set(opened, () => cache.dispose());
    show(opened.current());
    opened.start();
  }
  const held = connection;
  return () => {
    users--;
    if (users === 0 && connection === held) {
      held.stop();
      releaseHooks.get(held)?.();
      releaseHooks.delete(held);
      connection = null;
      show('off');
    }
  };
}

let viewing: string | null = null;

/** The session this page shows in a visible tab, or null: the hub sends the person no webhook about it (ADR 0034). */
export function reportViewing(sessionId: string | null): void {
  if (viewing === sessionId) return;
  viewing = sessionId;
  sendViewing();
}

function sendViewing(): void {
  connection?.send(JSON.stringify({ type: 'viewing', sessionId: viewing }));
}

/** Whether changes arrive by the socket now (pages then poll only as a safety net). */
export function liveEventsConnected(): boolean {
  return connection?.current() === 'live';
}

/** The event socket's state, for a badge. */
export function useLiveState(): LiveState | 'off' {
  return useSyncExternalStore(
    (notify) => {
      stateListeners.add(notify);
      return () => stateListeners.delete(notify);
    },
    () => shownState,
  );
}

/** Calls {@code listener} with every notice the hub pushes (budget warnings and the like). */
export function onLiveNotice(listener: (notice: Notice) => void): () => void {
  noticeListeners.add(listener);
  return () => noticeListeners.delete(listener);
}

/** Calls {@code listener} with every budget event (80 % warning, 100 % spent) the hub pushes as it records it. */
export function onLiveBudgetEvent(listener: (event: LiveBudgetEvent) => void): () => void {
  budgetListeners.add(listener);
  return () => budgetListeners.delete(listener);
}

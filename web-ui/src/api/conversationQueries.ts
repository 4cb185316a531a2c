import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef } from 'react';
import { appendMessages, lastSeq } from '../modules/conversations/thread';
import { conversationApi, type ConversationQuery, MESSAGE_PAGE, type SearchQuery } from './client';
import { liveEventsConnected, onConversationGrew } from './live';
import type { ConversationMessage } from './types';

/** How often an open conversation asks for new messages while the event socket is down. */
const GROW_POLL_MS = 3_000;
/** How often the tree and lists refresh: new conversations appear, nobody reads them by the second. */
const LIST_REFRESH_MS = 30_000;

const keys = {
  tree: ['conversations', 'tree'] as const,
  page: (query: ConversationQuery) => ['conversations', 'page', query] as const,
  search: (query: SearchQuery) => ['conversations', 'search', query] as const,
  conversation: (id: string) => ['conversations', 'one', id] as const,
  messages: (id: string) => ['conversations', 'messages', id] as const,
  transcript: (sessionId: string) => ['conversations', 'of-session', sessionId] as const,
};

export function useConversationTree() {
  return useQuery({ queryKey: keys.tree, queryFn: conversationApi.tree, refetchInterval: LIST_REFRESH_MS });
}

/** One page of conversations for `query`; the previous page stays shown while the next one loads. */
export function useConversationPage(query: ConversationQuery, enabled: boolean) {
  return useQuery({
    queryKey: keys.page(query),
    queryFn: () => conversationApi.page(query),
    placeholderData: keepPreviousData,
    refetchInterval: LIST_REFRESH_MS,
    enabled,
  });
}

/** Full-text search hits for `query` (asked only when it has words). */
export function useSearch(query: SearchQuery, enabled: boolean) {
  return useQuery({
    queryKey: keys.search(query),
    queryFn: () => conversationApi.search(query),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useConversation(id: string) {
  return useQuery({ queryKey: keys.conversation(id), queryFn: () => conversationApi.conversation(id) });
}

/** Every message after `have`'s last one, a page at a time, laid into `have`. */
async function grown(id: string, have: ConversationMessage[]): Promise<ConversationMessage[]> {
  let messages = have;
  for (;;) {
    const more = await conversationApi.messages(id, lastSeq(messages));
    messages = appendMessages(messages, more);
    if (more.length < MESSAGE_PAGE) return messages;
  }
}

/**
 * A conversation's messages, kept growing: when the event socket says the hub stored more (or, while it is down,
 * every few seconds) only the messages after the last one held are fetched and appended; when it says the hub
 * stored some without going further, they are fetched again.
 */
export function useConversationMessages(id: string) {
  const client = useQueryClient();
  const messages = useQuery({
    queryKey: keys.messages(id),
    queryFn: () => grown(id, []),
    staleTime: Infinity,
  });
  const growing = useRef<Promise<void> | null>(null);

  const grow = useCallback(() => {
    const have = client.getQueryData<ConversationMessage[]>(keys.messages(id));
    if (have === undefined || growing.current !== null) return;
    growing.current = grown(id, have)
      .then((next) => {
        if (next !== have) {
          client.setQueryData(keys.messages(id), next);
          void client.invalidateQueries({ queryKey: keys.conversation(id) });
        }
      })
      .catch(() => undefined)
      .finally(() => (growing.current = null));
  }, [client, id]);

  useEffect(
    () =>
      onConversationGrew((grew) => {
        if (grew.conversationId !== id) return;
        const held = lastSeq(client.getQueryData<ConversationMessage[]>(keys.messages(id)) ?? []);
        if (held === undefined || grew.lastSeq > held) grow();
        // Nothing new past the end: the agent rewrote messages the page holds (Gemini rewrites records, a Claude
        // message gains its usage), so they are all fetched again.
        else void client.invalidateQueries({ queryKey: keys.messages(id), exact: true });
      }),
    [client, grow, id],
  );
  useEffect(() => {
    const timer = setInterval(() => {
      if (!liveEventsConnected()) grow();
    }, GROW_POLL_MS);
    return () => clearInterval(timer);
  }, [grow]);

  return messages;
}

/** Resumes a conversation on its host as a new session; 409 while someone else's resume of it runs. */
export function useResumeConversation(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => conversationApi.resume(id),
    onSettled: () => client.invalidateQueries({ queryKey: keys.conversation(id) }),
  });
}

/** The conversation a Drover session had with its agent (404 when none was archived). */
export function useSessionTranscript(sessionId: string) {
  return useQuery({ queryKey: keys.transcript(sessionId), queryFn: () => conversationApi.ofSession(sessionId) });
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { notifyApi } from './client';
import { LIVE_SAFETY_MS, liveEventsConnected, onLiveSession } from './live';
import { POLL_MS } from './queries';
import type { DecisionRequest, InboxItem, NotificationSettingsRequest } from './types';

const keys = {
  inbox: ['inbox'] as const,
  settings: ['notification-settings'] as const,
  decisions: (id: string) => ['decisions', id] as const,
};

/**
 * The sessions that wait for a person. Fetched again whenever the event socket pushes a session that
 * waits now or waited in the last answer (its state changed), so a transition shows at once.
 */
export function useInbox() {
  const client = useQueryClient();
  useEffect(
    () =>
      onLiveSession((session) => {
        const held = client.getQueryData<InboxItem[]>(keys.inbox) ?? [];
        const waits = session.activity === 'needs-approval' || session.activity === 'needs-answer';
        const listed = held.find((item) => item.sessionId === session.id);
        if (waits ? listed?.since !== session.activitySince : listed !== undefined) {
          void client.invalidateQueries({ queryKey: keys.inbox });
        }
        if (listed !== undefined || waits) void client.invalidateQueries({ queryKey: keys.decisions(session.id) });
      }),
    [client],
  );
  return useQuery({
    queryKey: keys.inbox,
    queryFn: notifyApi.inbox,
    refetchInterval: () => (liveEventsConnected() ? LIVE_SAFETY_MS : POLL_MS),
  });
}

export function useNotificationSettings() {
  return useQuery({ queryKey: keys.settings, queryFn: notifyApi.settings });
}

export function useSaveNotificationSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: NotificationSettingsRequest) => notifyApi.saveSettings(request),
    onSuccess: (settings) => client.setQueryData(keys.settings, settings),
  });
}

/** Mutes or unmutes a session for the signed-in person. */
export function useMute(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (muted: boolean) => (muted ? notifyApi.mute(id) : notifyApi.unmute(id)),
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: keys.settings }),
        client.invalidateQueries({ queryKey: keys.inbox }),
      ]),
  });
}

/** Allows or denies what the session's agent waits for. */
export function useDecide(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: DecisionRequest) => notifyApi.decide(id, request),
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: keys.inbox }),
        client.invalidateQueries({ queryKey: keys.decisions(id) }),
      ]),
  });
}

/** The decisions made in Drover on the session's agent, oldest first. */
export function useDecisions(id: string) {
  return useQuery({ queryKey: keys.decisions(id), queryFn: () => notifyApi.decisions(id) });
}

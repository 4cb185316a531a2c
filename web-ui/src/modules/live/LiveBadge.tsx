import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { startLiveEvents, useLiveState } from '../../api/live';
import './LiveBadge.css';

const LABELS = {
  off: 'Offline',
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  stopped: 'Not live',
} as const;

const TITLES = {
  off: 'Not connected to the hub’s event socket',
  connecting: 'Connecting to the hub’s event socket',
  live: 'Changes appear as they happen',
  reconnecting: 'Lost the hub’s event socket; reconnecting, and refreshing every few seconds meanwhile',
  stopped: 'The hub closed the event socket (signed out?); refreshing every few seconds',
} as const;

/** Opens the page's event socket while mounted and shows its state (data-state for tests). */
export function LiveBadge() {
  const client = useQueryClient();
  useEffect(() => startLiveEvents(client), [client]);
  const state = useLiveState();
  return (
    <span className="live-badge" data-testid="live-state" data-state={state} title={TITLES[state]} aria-label={LABELS[state]} role="status">
      <span className="live-dot" aria-hidden />
      <span className="live-label">{LABELS[state]}</span>
    </span>
  );
}

import type { Session } from '../../api/types';

/**
 * How much a session asks for a person's attention, most first: an agent that waits for an
 * approval or an answer (or reported an error), then one at work (or starting), then an idle one,
 * then a session that ended.
 */
export type AttentionGroup = 'needs-you' | 'working' | 'idle' | 'ended';

const ORDER: AttentionGroup[] = ['needs-you', 'working', 'idle', 'ended'];

export function attentionGroup(session: Pick<Session, 'state' | 'activity'>): AttentionGroup {
  if (session.state !== 'running' && session.state !== 'starting') return 'ended';
  switch (session.activity) {
    case 'needs-approval':
    case 'needs-answer':
    case 'errored':
      return 'needs-you';
    case 'idle':
      return 'idle';
    default:
      return 'working';
  }
}

/** The time a session entered what it shows now: its activity's start, or its end. */
export function inStateSince(session: Pick<Session, 'state' | 'activitySince' | 'startedAt' | 'createdAt' | 'endedAt'>): string {
  if (session.state !== 'running' && session.state !== 'starting') return session.endedAt ?? session.createdAt;
  return session.activitySince ?? session.startedAt ?? session.createdAt;
}

/**
 * Sessions by attention: needs-you first, then working, idle and ended; within a group, the one that
 * has waited (or worked, or idled) longest first, and the latest to end first.
 */
export function byAttention<T extends Session>(sessions: T[]): T[] {
  const time = (session: T) => new Date(inStateSince(session)).getTime();
  return [...sessions].sort((a, b) => {
    const group = ORDER.indexOf(attentionGroup(a)) - ORDER.indexOf(attentionGroup(b));
    if (group !== 0) return group;
    return attentionGroup(a) === 'ended' ? time(b) - time(a) : time(a) - time(b);
  });
}

/** "45s", "3m", "2h 5m", "3d 4h": how long since `iso`. */
export function stateFor(iso: string, now: number = Date.now()): string {
  const seconds = Math.max(0, Math.floor((now - new Date(iso).getTime()) / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours}h` : `${hours}h ${minutes % 60}m`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days}d` : `${days}d ${hours % 24}h`;
}

/**
 * The index of the next session after `from` (or from the top when -1) that needs someone, going
 * round; -1 when none does.
 */
export function nextNeedingYou(sessions: Pick<Session, 'state' | 'activity'>[], from: number): number {
  for (let step = 1; step <= sessions.length; step++) {
    const at = (from + step + sessions.length) % sessions.length;
    if (attentionGroup(sessions[at]) === 'needs-you') return at;
  }
  return -1;
}

import type { Session } from '../../api/types';
import type { Tone } from '../../components/Badge';
import { fullTime } from '../format/format';

/** What a session's agent is doing, as its daemon detected it (ADR 0018). */
export type Activity = NonNullable<Session['activity']>;

/** An activity as the UI shows it. */
export interface ActivityShown {
  state: Activity;
  label: string;
  tone: Tone;
  /** Whether the agent waits for a person. */
  needsYou: boolean;
  /** What it asks, when it needs someone and the daemon knows (the command, the question). */
  detail: string | null;
  /** Since when and why, for a tooltip. */
  title: string;
}

const LABELS: Record<Activity, [string, Tone]> = {
  starting: ['starting', 'info'],
  working: ['working', 'info'],
  'needs-approval': ['needs approval', 'warn'],
  'needs-answer': ['needs answer', 'warn'],
  idle: ['idle', 'muted'],
  errored: ['errored', 'bad'],
  exited: ['exited', 'muted'],
};

/**
 * The activity to show for a session: only while its process lives (an ended session's last
 * activity is history, not news), and only once its daemon said.
 */
export function shownActivity(
  session: Pick<Session, 'state' | 'activity' | 'activitySince' | 'activityCause' | 'activityDetail'>,
): ActivityShown | null {
  const { activity } = session;
  if (activity === null || activity === 'exited' || (session.state !== 'running' && session.state !== 'starting')) {
    return null;
  }
  const [label, tone] = LABELS[activity] ?? [activity, 'muted'];
  const needsYou = activity === 'needs-approval' || activity === 'needs-answer';
  const since = session.activitySince ? ` since ${fullTime(session.activitySince)}` : '';
  const cause = session.activityCause ? ` (${session.activityCause})` : '';
  const detail = needsYou ? session.activityDetail : null;
  return {
    state: activity,
    label,
    tone,
    needsYou,
    detail,
    title: `${label}${since}${cause}${detail ? `: ${detail}` : ''}`,
  };
}

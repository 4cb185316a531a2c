import type { SessionState } from '../../api/types';
import { Badge, type Tone } from '../../components/Badge';

const tones: Record<SessionState, Tone> = {
  starting: 'info',
  running: 'good',
  exited: 'muted',
  failed: 'bad',
  lost: 'warn',
};

export function SessionStateBadge({ state }: { state: SessionState }) {
  return <Badge tone={tones[state] ?? 'muted'}>{state}</Badge>;
}

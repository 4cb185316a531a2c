import { Badge, type Tone } from '../../components/Badge';
import type { ConnectionStatus } from './connection';

const connectionTones: Record<ConnectionStatus['state'], Tone> = {
  connecting: 'info',
  connected: 'good',
  reconnecting: 'warn',
  ended: 'muted',
  error: 'bad',
};

/** The terminal connection's state, with what it means for the viewer. */
export function ConnectionBadge({ status, fallbackExitCode }: { status: ConnectionStatus | null; fallbackExitCode: number | null }) {
  const state = status?.state ?? 'connecting';
  return (
    <span className="connection" data-testid="connection-state" data-state={state} aria-live="polite">
      <Badge tone={connectionTones[state]}>{state}</Badge> <span className="muted">{describe(status, fallbackExitCode)}</span>
    </span>
  );
}

function describe(status: ConnectionStatus | null, fallbackExitCode: number | null): string {
  if (!status) return 'Connecting…';
  switch (status.state) {
    case 'connecting':
      return 'Connecting…';
    case 'connected':
      return status.readOnly ? 'Read-only' : '';
    case 'reconnecting':
      return `${status.reason ?? 'Connection lost'}, reconnecting (attempt ${status.attempt})…`;
    case 'ended': {
      const code = status.exitCode ?? fallbackExitCode;
      return code === null ? 'Session ended' : `Session ended (exit code ${code})`;
    }
    case 'error':
      return status.reason ?? 'The terminal connection failed.';
  }
}

import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, errorMessage } from '../../api/client';
import { isLive, useMe, useSession, useStopSession } from '../../api/queries';
import type { Session } from '../../api/types';
import { Badge, type Tone } from '../../components/Badge';
import { Spinner } from '../../components/Spinner';
import { Failure, Loading } from '../../components/StateViews';
import { fullTime, timeAgo, usageSummary } from '../../modules/format/format';
import { SessionStateBadge } from '../../modules/sessions/SessionStateBadge';
import type { ConnectionStatus } from '../../modules/terminal/connection';
import { TerminalView } from '../../modules/terminal/TerminalView';
import { openInTabHref, popOutTerminal } from '../../modules/workspace/tabs';

export function SessionPage() {
  const { id = '' } = useParams();
  const session = useSession(id);

  if (session.isPending) {
    return (
      <div className="page">
        <Loading what="the session" />
      </div>
    );
  }
  if (session.isError) {
    const missing = session.error instanceof ApiError && session.error.status === 404;
    return (
      <div className="page">
        {missing ? (
          <div className="state state-empty">
            <p>This session does not exist or you may not see it.</p>
            <Link to="/" className="button">
              Back to the fleet
            </Link>
          </div>
        ) : (
          <Failure error={session.error} onRetry={() => session.refetch()} />
        )}
      </div>
    );
  }
  return <SessionView session={session.data} />;
}

function SessionView({ session }: { session: Session }) {
  const queryClient = useQueryClient();
  const me = useMe();
  const stop = useStopSession(session.id);
  const [connection, setConnection] = useState<ConnectionStatus | null>(null);
  const canStop =
    isLive(session) && (me.data?.roles.some((role) => role === 'admin' || role === 'operator') ?? false);

  const onStatus = useCallback(
    (status: ConnectionStatus) => {
      setConnection(status);
      if (status.state === 'ended') void queryClient.invalidateQueries({ queryKey: ['sessions'] });
    },
    [queryClient],
  );

  return (
    <div className="session-page">
      <header className="session-header">
        <div className="session-title">
          <Link to="/" className="back" aria-label="Back to the fleet">
            ←
          </Link>
          <h1 className="mono" title={session.command.join(' ')}>
            {session.command.join(' ')}
          </h1>
        </div>
        <dl className="session-facts">
          <div>
            <dt>Host</dt>
            <dd>{session.hostName}</dd>
          </div>
          <div>
            <dt>State</dt>
            <dd>
              <SessionStateBadge state={session.state} />
            </dd>
          </div>
          {session.exitCode !== null && (
            <div>
              <dt>Exit code</dt>
              <dd className="mono">{session.exitCode}</dd>
            </div>
          )}
          <div>
            <dt>Started</dt>
            <dd title={fullTime(session.startedAt ?? session.createdAt)}>
              {timeAgo(session.startedAt ?? session.createdAt)}
            </dd>
          </div>
          <div>
            <dt>Usage</dt>
            <dd>{usageSummary(session.usage)}</dd>
          </div>
          <div>
            <dt>Terminal</dt>
            <dd>
              <ConnectionBadge status={connection} fallbackExitCode={session.exitCode} />
            </dd>
          </div>
        </dl>
        <div className="session-actions">
          <Link to={openInTabHref(session.id)} className="button button-small" data-testid="open-in-tab">
            Open in tab
          </Link>
          <button
            type="button"
            className="button button-small"
            data-testid="pop-out"
            title="Open this terminal alone in its own window"
            onClick={() => popOutTerminal(session.id)}
          >
            Pop out
          </button>
        </div>
        {canStop && (
          <button
            type="button"
            className="button button-small button-danger"
            disabled={stop.isPending}
            onClick={() => stop.mutate()}
          >
            {stop.isPending ? <Spinner label="Stopping" /> : 'Stop'}
          </button>
        )}
        {stop.error && (
          <p className="form-error" role="alert">
            {errorMessage(stop.error)}
          </p>
        )}
      </header>
      <TerminalView sessionId={session.id} onStatus={onStatus} />
    </div>
  );
}

const connectionTones: Record<ConnectionStatus['state'], Tone> = {
  connecting: 'info',
  connected: 'good',
  reconnecting: 'warn',
  ended: 'muted',
  error: 'bad',
};

function ConnectionBadge({ status, fallbackExitCode }: { status: ConnectionStatus | null; fallbackExitCode: number | null }) {
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

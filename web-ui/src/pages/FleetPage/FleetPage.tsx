import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useHosts, useMe, useSessions } from '../../api/queries';
import type { Host, Session } from '../../api/types';
import { Badge } from '../../components/Badge';
import { Empty, Failure, Loading } from '../../components/StateViews';
import { fullTime, timeAgo, usageSummary } from '../../modules/format/format';
import { AddHostDialog } from '../../modules/hosts/AddHostDialog';
import { NewSessionDialog } from '../../modules/sessions/NewSessionDialog';
import { SessionStateBadge } from '../../modules/sessions/SessionStateBadge';
import { openInTabHref } from '../../modules/workspace/tabs';

type OpenDialog = 'new-session' | 'add-host' | null;

/** True when a keystroke belongs to a text field, a dialog or a shortcut of the browser. */
function isTyping(event: KeyboardEvent): boolean {
  if (event.ctrlKey || event.metaKey || event.altKey) return true;
  const target = event.target as HTMLElement | null;
  return !!target?.closest('input, textarea, select, [contenteditable="true"], dialog');
}

export function FleetPage() {
  const me = useMe();
  const hosts = useHosts();
  const sessions = useSessions();
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const isAdmin = me.data?.roles.includes('admin') ?? false;
  const canSpawn = isAdmin || (me.data?.roles.includes('operator') ?? false);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'n' && canSpawn && dialog === null && !isTyping(event)) {
        event.preventDefault();
        setDialog('new-session');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [canSpawn, dialog]);

  return (
    <div className="page">
      <div className="page-header">
        <h1>Fleet</h1>
        <div className="page-actions">
          {isAdmin && (
            <button type="button" className="button" onClick={() => setDialog('add-host')}>
              Add host
            </button>
          )}
          {canSpawn && (
            <button
              type="button"
              className="button button-primary"
              onClick={() => setDialog('new-session')}
              aria-keyshortcuts="n"
              title="New session (n)"
            >
              New session <kbd>n</kbd>
            </button>
          )}
        </div>
      </div>

      <section className="section" aria-labelledby="hosts-heading">
        <h2 id="hosts-heading">Hosts</h2>
        {hosts.isPending ? (
          <Loading what="hosts" />
        ) : hosts.isError ? (
          <Failure error={hosts.error} onRetry={() => hosts.refetch()} />
        ) : hosts.data.length === 0 ? (
          <Empty>
            No hosts yet.{' '}
            {isAdmin ? 'Add one and run the daemon on it.' : 'Ask an admin to add one.'}
          </Empty>
        ) : (
          <HostTable hosts={hosts.data} />
        )}
      </section>

      <section className="section" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">Sessions</h2>
        {sessions.isPending ? (
          <Loading what="sessions" />
        ) : sessions.isError ? (
          <Failure error={sessions.error} onRetry={() => sessions.refetch()} />
        ) : sessions.data.length === 0 ? (
          <Empty>No sessions yet. {canSpawn ? 'Press n to start one.' : ''}</Empty>
        ) : (
          <SessionTable sessions={sessions.data} />
        )}
      </section>

      {dialog === 'new-session' && <NewSessionDialog onClose={() => setDialog(null)} />}
      {dialog === 'add-host' && <AddHostDialog onClose={() => setDialog(null)} />}
    </div>
  );
}

function HostTable({ hosts }: { hosts: Host[] }) {
  return (
    <table className="table" data-testid="hosts">
      <thead>
        <tr>
          <th>Name</th>
          <th>Status</th>
          <th>Hostname</th>
          <th>OS</th>
          <th>Daemon</th>
          <th>Last seen</th>
        </tr>
      </thead>
      <tbody>
        {hosts.map((host) => (
          <tr key={host.id}>
            <td data-label="Name" className="strong">
              {host.name}
            </td>
            <td data-label="Status">
              {host.online ? (
                <Badge tone="good">online</Badge>
              ) : host.enrolled ? (
                <Badge tone="muted">offline</Badge>
              ) : (
                <Badge tone="warn">not joined</Badge>
              )}
            </td>
            <td data-label="Hostname" className="mono">
              {host.hostname ?? '–'}
            </td>
            <td data-label="OS">{host.os ?? '–'}</td>
            <td data-label="Daemon" className="mono">
              {host.daemonVersion ?? '–'}
            </td>
            <td data-label="Last seen" title={fullTime(host.lastSeenAt)}>
              {host.online ? 'now' : timeAgo(host.lastSeenAt)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function SessionTable({ sessions }: { sessions: Session[] }) {
  return (
    <table className="table" data-testid="sessions">
      <thead>
        <tr>
          <th>Command</th>
          <th>Host</th>
          <th>State</th>
          <th>Created</th>
          <th>Usage</th>
        </tr>
      </thead>
      <tbody>
        {sessions.map((session) => (
          <tr key={session.id}>
            <td data-label="Command" className="mono">
              <Link to={`/sessions/${session.id}`} className="row-link">
                {session.command.join(' ')}
              </Link>{' '}
              <Link
                to={openInTabHref(session.id)}
                className="tab-link muted"
                title="Open in a terminal tab"
                aria-label={`Open ${session.command.join(' ')} in a terminal tab`}
                data-testid="open-in-tab"
              >
                + tab
              </Link>
            </td>
            <td data-label="Host">{session.hostName}</td>
            <td data-label="State">
              <span>
                <SessionStateBadge state={session.state} />
                {session.exitCode !== null && <span className="muted"> exit {session.exitCode}</span>}
              </span>
            </td>
            <td data-label="Created" title={fullTime(session.createdAt)}>
              {timeAgo(session.createdAt)}
            </td>
            <td data-label="Usage" className="numeric">
              {usageSummary(session.usage)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

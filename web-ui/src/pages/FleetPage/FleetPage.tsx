import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { isLive, useHosts, useMe, useSessionFacets, useSessionPage } from '../../api/queries';
import type { Host, HostHealth, Session } from '../../api/types';
import { Badge } from '../../components/Badge';
import { Empty, Failure, Loading } from '../../components/StateViews';
import { ContextBar } from '../../modules/context/ContextBar';
import { fullTime, timeAgo, unpricedSessionsWarning, usageDetail, usageSummary } from '../../modules/format/format';
import { AddHostDialog } from '../../modules/hosts/AddHostDialog';
import { EditHostDialog } from '../../modules/hosts/EditHostDialog';
import {
  formatCpu,
  formatDisk,
  formatIsolation,
  formatLoad,
  formatMemory,
  formatOs,
  labelsToText,
} from '../../modules/hosts/health';
import { RevokeHostDialog } from '../../modules/hosts/RevokeHostDialog';
import { NewSessionDialog } from '../../modules/sessions/NewSessionDialog';
import { ActivityBadge } from '../../modules/sessions/ActivityBadge';
import { SessionStateBadge } from '../../modules/sessions/SessionStateBadge';
import { RestartButton } from '../../modules/sessions/RestartButton';
import { canRestart as isRestartable } from '../../modules/sessions/restart';
import {
  filterParams,
  isNarrowed,
  pageCount,
  parseFilter,
  sessionQuery,
  type SessionFilter,
} from '../../modules/sessions/sessionFilter';
import { sessionCommand, sessionTitle, withCompanions } from '../../modules/sessions/sessionText';
import { McpServerList, ShellSummary } from '../../modules/sessions/ShellSummary';
import { openInTabHref } from '../../modules/workspace/tabs';
import { AgentList } from '../../modules/hosts/AgentList';
import { AttentionBoard } from './AttentionBoard';
import { isTyping } from './keys';
import { Pager, SessionFilters } from './SessionFilters';
import './FleetPage.css';

type OpenDialog = 'new-session' | 'add-host' | null;

/** How long the session search waits after a keystroke before asking the hub. */
const SEARCH_DELAY_MS = 250;

export function FleetPage() {
  const me = useMe();
  const hosts = useHosts();
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
          <HostTable hosts={hosts.data} isAdmin={isAdmin} />
        )}
      </section>

      <section className="section" aria-labelledby="attention-heading">
        <h2 id="attention-heading">Needs you first</h2>
        <AttentionBoard canPrompt={canSpawn} />
      </section>

      <section className="section" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">Sessions</h2>
        <SessionList canRestart={canSpawn} />
      </section>

      {dialog === 'new-session' && <NewSessionDialog onClose={() => setDialog(null)} />}
      {dialog === 'add-host' && <AddHostDialog onClose={() => setDialog(null)} />}
    </div>
  );
}

type HostAction = { kind: 'edit' | 'revoke'; host: Host } | null;

function HostTable({ hosts, isAdmin }: { hosts: Host[]; isAdmin: boolean }) {
  const [action, setAction] = useState<HostAction>(null);
  return (
    <>
      <table className="table" data-testid="hosts">
        <thead>
          <tr>
            <th>Name</th>
            <th>Status</th>
            <th>Hostname</th>
            <th>OS</th>
            <th>Daemon</th>
            <th>Health</th>
            <th>Agents</th>
            <th>Last seen</th>
            {isAdmin && <th aria-label="Actions" />}
          </tr>
        </thead>
        <tbody>
          {hosts.map((host) => (
            <tr key={host.id} data-testid="host-row">
              <td data-label="Name" className="strong">
                {host.name}{' '}
                <Link
                  to={`/hosts/${host.id}/projects`}
                  className="tab-link"
                  data-testid="host-projects"
                  aria-label={`Projects on ${host.name}`}
                >
                  Projects
                </Link>
                {Object.keys(host.labels).length > 0 && (
                  <div className="host-labels" data-testid="host-labels">
                    {labelsToText(host.labels)
                      .split('\n')
                      .map((label) => (
                        <span key={label} className="label-chip mono">
                          {label}
                        </span>
                      ))}
                  </div>
                )}
              </td>
              <td data-label="Status">
                {host.revoked ? (
                  <Badge tone="bad">revoked</Badge>
                ) : host.online ? (
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
              <td data-label="OS">{host.health ? formatOs(host.health) : (host.os ?? '–')}</td>
              <td data-label="Daemon" className="mono">
                {host.health?.daemonVersion ?? host.daemonVersion ?? '–'}
              </td>
              <td data-label="Health">{host.health ? <HostHealthView health={host.health} /> : '–'}</td>
              <td data-label="Agents">
                <AgentList agents={host.agents} problems={host.profileProblems} />
              </td>
              <td
                data-label="Last seen"
                title={host.lastHeartbeatAt ? `Last heartbeat ${fullTime(host.lastHeartbeatAt)}` : fullTime(host.lastSeenAt)}
              >
                {host.online ? 'now' : timeAgo(host.lastSeenAt)}
                {host.lastHeartbeatAt && (
                  <div className="muted" data-testid="last-heartbeat">
                    heartbeat {timeAgo(host.lastHeartbeatAt)}
                  </div>
                )}
              </td>
              {isAdmin && (
                <td data-label="Actions">
                  <span className="row-actions">
                    <button
                      type="button"
                      className="button button-small"
                      data-testid="edit-host"
                      onClick={() => setAction({ kind: 'edit', host })}
                    >
                      Edit
                    </button>
                    {!host.revoked && (
                      <button
                        type="button"
                        className="button button-small button-danger"
                        data-testid="revoke-host"
                        onClick={() => setAction({ kind: 'revoke', host })}
                      >
                        Revoke
                      </button>
                    )}
                  </span>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {action?.kind === 'edit' && <EditHostDialog host={action.host} onClose={() => setAction(null)} />}
      {action?.kind === 'revoke' && <RevokeHostDialog host={action.host} onClose={() => setAction(null)} />}
    </>
  );
}

function HostHealthView({ health }: { health: HostHealth }) {
  const isolation = formatIsolation(health);
  return (
    <dl className="health" data-testid="host-health">
      <dt>CPU</dt>
      <dd>{formatCpu(health)}</dd>
      <dt>Memory</dt>
      <dd>{formatMemory(health)}</dd>
      <dt>Disk</dt>
      <dd>{formatDisk(health)}</dd>
      <dt>Load</dt>
      <dd className="mono">{formatLoad(health)}</dd>
      <dt>Tools</dt>
      <dd>
        <span title={health.tmuxVersion ?? 'tmux is not installed'}>tmux {health.tmuxVersion ? '✓' : '✗'}</span>{' '}
        <span title={health.gitVersion ?? 'git is not installed'}>git {health.gitVersion ? '✓' : '✗'}</span>
      </dd>
      <dt>Sessions</dt>
      <dd data-testid="session-isolation" data-isolated={isolation.isolated}>
        {isolation.text}
        {isolation.reason && <span className="muted">: {isolation.reason}</span>}
      </dd>
    </dl>
  );
}

/** Sessions of this list that used models without a price: their cost is unknown, not $0. */
function UnpricedWarning({ sessions }: { sessions: Session[] }) {
  const warning = unpricedSessionsWarning(sessions.map((session) => session.usage));
  if (!warning) return null;
  return (
    <p className="warning-banner" role="status" data-testid="fleet-unpriced">
      ⚠ {warning} Add their prices to the profiles' <code>pricing.models</code> (<Link to="/spend">Spend</Link>).
    </p>
  );
}

/**
 * The session list: filters and search (kept in the URL), ended sessions behind a toggle, pages.
 * The hub filters and pages; the page holds one page of sessions at a time.
 */
function SessionList({ canRestart }: { canRestart: boolean }) {
  const [params, setParams] = useSearchParams();
  // The page's own state, mirrored into the URL: a field bound to the URL alone would lag behind
  // typing while the router navigates.
  const [filter, setFilter] = useState(() => parseFilter(params));
  const set = (change: Partial<SessionFilter>) => {
    const next = { ...filter, page: 1, ...change };
    setFilter(next);
    setParams(filterParams(next), { replace: true });
  };
  // The hub is asked once typing pauses, not for every keystroke.
  const [searched, setSearched] = useState(filter.query);
  useEffect(() => {
    const timer = setTimeout(() => setSearched(filter.query), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [filter.query]);
  const list = useSessionPage(sessionQuery({ ...filter, query: searched }));
  const facets = useSessionFacets();
  const pages = pageCount(list.data?.total ?? 0);
  const pastTheEnd = list.data !== undefined && !list.isPlaceholderData && filter.page > pages;
  useEffect(() => {
    // Sessions ended or went away since the page was chosen: show the last one there is.
    if (pastTheEnd) {
      const next = { ...filter, page: pages };
      setFilter(next);
      setParams(filterParams(next), { replace: true });
    }
  }, [pastTheEnd, filter, pages, setParams]);

  if (list.isPending) return <Loading what="sessions" />;
  if (list.isError) return <Failure error={list.error} onRetry={() => list.refetch()} />;
  const { sessions, total, hiddenEnded } = list.data;
  if (total === 0 && hiddenEnded === 0 && !isNarrowed(filter)) {
    return <Empty>No sessions yet. {canRestart ? 'Press n to start one.' : ''}</Empty>;
  }
  return (
    <>
      <SessionFilters choices={facets.data} filter={filter} onChange={set} hiddenEnded={hiddenEnded} />
      {total === 0 ? (
        <Empty>
          {isNarrowed(filter) ? 'No session matches these filters.' : 'No live sessions.'}
          {hiddenEnded > 0 && ` ${hiddenEnded} ended ${hiddenEnded === 1 ? 'session is' : 'sessions are'} hidden.`}
        </Empty>
      ) : (
        <>
          <UnpricedWarning sessions={sessions} />
          <SessionTable rows={withCompanions(sessions)} canRestart={canRestart} />
          <Pager page={Math.min(filter.page, pages)} pages={pages} total={total} onPage={(page) => set({ page })} />
        </>
      )}
    </>
  );
}

function SessionTable({ rows, canRestart }: { rows: { session: Session; companion: boolean }[]; canRestart: boolean }) {
  return (
    <table className="table" data-testid="sessions">
      <thead>
        <tr>
          <th>Session</th>
          <th>Host</th>
          <th>State</th>
          <th>Details</th>
          <th>Created</th>
          <th>Usage</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ session, companion }) => (
          <tr key={session.id} className={companion ? 'companion-row' : undefined} data-session={session.id}>
            <td data-label="Session" className="mono">
              {companion && (
                <span className="muted" title="A shell next to the session above">
                  ↳{' '}
                </span>
              )}
              <Link to={`/sessions/${session.id}`} className="row-link" title={sessionCommand(session)}>
                {sessionTitle(session)}
              </Link>{' '}
              <Link
                to={openInTabHref(session.id)}
                className="tab-link muted"
                title="Open in a terminal tab"
                aria-label={`Open ${sessionTitle(session)} in a terminal tab`}
                data-testid="open-in-tab"
              >
                + tab
              </Link>
            </td>
            <td data-label="Host">{session.hostName}</td>
            <td data-label="State">
              <span>
                <SessionStateBadge state={session.state} />
                {session.exitCode !== null && <span className="muted"> exit {session.exitCode}</span>}{' '}
                <ActivityBadge session={session} />
              </span>
              {canRestart && isRestartable(session) && <RestartButton session={session} />}
            </td>
            <td data-label="Details" className="session-details">
              <SessionDetails session={session} />
            </td>
            <td data-label="Created" title={fullTime(session.createdAt)}>
              {timeAgo(session.createdAt)}
            </td>
            <td data-label="Usage" className="numeric" title={usageDetail(session.usage)}>
              {usageSummary(session.usage)}
              <ContextBar session={session} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The shell's directory, last command and exit code, or the agent's MCP servers; a dash otherwise. */
function SessionDetails({ session }: { session: Session }) {
  if (session.shell === null && session.mcpServers === null) return <span className="muted">–</span>;
  return (
    <span className="session-details-stack">
      {session.shell !== null && <ShellSummary shell={session.shell} live={isLive(session)} />}
      {session.mcpServers !== null && <McpServerList servers={session.mcpServers} />}
    </span>
  );
}

import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client';
import { isLive } from '../../api/queries';
import type { Session } from '../../api/types';
import { BusyButton } from '../../components/BusyButton';
import { CopyButton } from '../../components/CopyButton';
import { Spinner } from '../../components/Spinner';
import { Failure, Loading } from '../../components/StateViews';
import { SessionBudget } from '../../modules/budgets/SessionBudget';
import { ContextBar } from '../../modules/context/ContextBar';
import { fullTime, timeAgo, usageDetail, usageSummary } from '../../modules/format/format';
import { ParentLink } from '../../modules/sessions/ParentLink';
import { canRestart } from '../../modules/sessions/restart';
import { sessionCommand, sessionTitle, stopReasonText } from '../../modules/sessions/sessionText';
import { ActivityBadge } from '../../modules/sessions/ActivityBadge';
import { ApprovalBar, DecisionHistory } from '../../modules/notify/ApprovalBar';
import { SessionStateBadge } from '../../modules/sessions/SessionStateBadge';
import { ShareDialog } from '../../modules/sessions/ShareDialog';
import { StopSessionDialog } from '../../modules/sessions/StopSessionDialog';
import { McpServerList, ShellSummary } from '../../modules/sessions/ShellSummary';
import { ConnectionBadge } from '../../modules/terminal/ConnectionBadge';
import type { ConnectionStatus } from '../../modules/terminal/connection';
import { TerminalView } from '../../modules/terminal/TerminalView';
import { openInTabHref, popOutTerminal } from '../../modules/workspace/tabs';
import './SessionPage.css';

/** What the session page's buttons do, and how far they got. */
export interface SessionActions {
  stop(): void;
  /** Starts a new session that continues this agent's conversation, and opens it. */
  resume(): void;
  /** Opens a shell in this session's directory or worktree, and opens it. */
  openCompanion(): void;
  /** Starts this ended session again as a new one (same profile, command, directory), and opens it. */
  restart(): void;
  /** Saves the task; `done` runs once it is saved. */
  updateTask(task: string, done: () => void): void;
  stopping: boolean;
  resuming: boolean;
  openingCompanion: boolean;
  restarting: boolean;
  updatingTask: boolean;
  /** Why the last stop, resume, restart or companion failed. */
  error: Error | null;
  /** Why the last task update failed. */
  taskError: Error | null;
}

interface SessionPageViewProps {
  /** The session; undefined while it loads or when it could not be loaded. */
  session: Session | undefined;
  /** `missing` for a session that does not exist or the viewer may not see, else what failed. */
  loadError: 'missing' | Error | null;
  onRetry(): void;
  /** Whether the viewer may stop, resume, open a shell and edit the task (its owner, an admin, or shared to type). */
  canOperate: boolean;
  /** Whether the viewer may set the session's budget (an admin, or the operator who started it). */
  canEditBudget: boolean;
  /** Whether the viewer may share the session (an admin, or the operator who started it). */
  canShare: boolean;
  /** The terminal's connection, as the terminal last reported it. */
  connection: ConnectionStatus | null;
  onConnectionStatus(status: ConnectionStatus): void;
  actions: SessionActions;
}

/** The session page's markup: loading, missing and error states, the header and the terminal. */
export function SessionPageView({
  session,
  loadError,
  onRetry,
  canOperate,
  canEditBudget,
  canShare,
  connection,
  onConnectionStatus,
  actions,
}: SessionPageViewProps) {
  const [detailsOpen, setDetailsOpen] = useState(false);
  const [confirmingStop, setConfirmingStop] = useState(false);
  const [sharing, setSharing] = useState(false);
  if (loadError === 'missing') {
    return (
      <div className="page">
        <div className="state state-empty">
          <p>This session does not exist or you may not see it.</p>
          <Link to="/" className="button">
            Back to the fleet
          </Link>
        </div>
      </div>
    );
  }
  if (loadError) {
    return (
      <div className="page">
        <Failure error={loadError} onRetry={onRetry} />
      </div>
    );
  }
  if (!session) {
    return (
      <div className="page">
        <Loading what="the session" />
      </div>
    );
  }
  const canStop = isLive(session) && canOperate;
  const canResume = !isLive(session) && canOperate && session.agentSessionId !== null;
  const restartable = canOperate && canRestart(session);

  return (
    <div className="session-page">
      <header className={`session-header${detailsOpen ? ' session-header-open' : ''}`}>
        <div className="session-title">
          <Link to="/" className="back" aria-label="Back to the fleet">
            ←
          </Link>
          <div className="session-heading">
            <h1 title={sessionTitle(session)} data-testid="session-title">
              {sessionTitle(session)}
            </h1>
            {session.task && (
              <p className="mono muted session-command" title={sessionCommand(session)}>
                {sessionCommand(session)}
              </p>
            )}
          </div>
          <ActivityBadge session={session} withDetail />
          {canOperate && <TaskEditor session={session} actions={actions} />}
        </div>
        <button
          type="button"
          className="button button-small button-ghost session-details-toggle"
          aria-expanded={detailsOpen}
          aria-controls="session-details"
          data-testid="session-details-toggle"
          onClick={() => setDetailsOpen((open) => !open)}
        >
          {detailsOpen ? 'Hide details' : 'Details'}
        </button>
        <div className="session-more" id="session-details">
          <dl className="session-facts">
            <div>
              <dt>Host</dt>
              <dd>{session.hostName}</dd>
            </div>
            <div>
              <dt>Agent</dt>
              <dd data-testid="session-profile">
                {session.profile}
                {session.mode !== 'new' && <span className="muted"> ({session.mode})</span>}
              </dd>
            </div>
            <div>
              <dt>State</dt>
              <dd>
                <SessionStateBadge state={session.state} />
                {session.stopReason && (
                  <span className="muted" data-testid="stop-reason">
                    {' '}
                    {stopReasonText(session.stopReason)}
                  </span>
                )}
              </dd>
            </div>
            {session.exitCode !== null && (
              <div>
                <dt>Exit code</dt>
                <dd className="mono" data-testid="exit-code">
                  {session.exitCode}
                </dd>
              </div>
            )}
            {session.worktree && (
              <div>
                <dt>Worktree</dt>
                <dd className="mono" data-testid="session-worktree" title={session.worktreePath ?? 'being created'}>
                  {session.worktreeBranch ?? 'being created…'}
                </dd>
              </div>
            )}
            {session.parentId && (
              <div>
                <dt>Shell of</dt>
                <dd>
                  <ParentLink id={session.parentId} />
                </dd>
              </div>
            )}
            <DecisionHistory sessionId={session.id} />
            {session.lastHook && (
              <div>
                <dt>Agent hook</dt>
                <dd
                  className="last-hook"
                  data-testid="last-hook"
                  title={`${session.lastHook.detail ?? session.lastHook.event} (${fullTime(session.lastHook.at)})`}
                >
                  {session.lastHook.event}
                  {session.lastHook.detail && <span className="muted"> {session.lastHook.detail}</span>}{' '}
                  <span className="muted">{timeAgo(session.lastHook.at)}</span>
                </dd>
              </div>
            )}
            {session.agentSessionId && (
              <div>
                <dt>Agent session</dt>
                <dd className="mono agent-session-id" data-testid="agent-session-id">
                  <span title={session.agentSessionId}>{session.agentSessionId}</span>
                  <CopyButton text={session.agentSessionId} label="Copy the agent's session id" />
                </dd>
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
              <dd title={usageDetail(session.usage)}>{usageSummary(session.usage)}</dd>
            </div>
            <div>
              <dt>Context</dt>
              <dd>
                <ContextBar session={session} empty="–" />
              </dd>
            </div>
            {(session.budget !== null || (canEditBudget && isLive(session))) && (
              <div>
                <dt>Budget</dt>
                <dd>
                  <SessionBudget session={session} canEdit={canEditBudget && isLive(session)} />
                </dd>
              </div>
            )}
            {session.shell !== null && (
              <div className="session-fact-wide">
                <dt>Shell</dt>
                <dd>
                  <ShellSummary shell={session.shell} live={isLive(session)} />
                </dd>
              </div>
            )}
            {session.mcpServers !== null && (
              <div className="session-fact-wide">
                <dt>MCP</dt>
                <dd>
                  <McpServerList servers={session.mcpServers} />
                </dd>
              </div>
            )}
            {hasTerminal(session) && (
              <div>
                <dt>Terminal</dt>
                <dd>
                  <ConnectionBadge status={connection} fallbackExitCode={session.exitCode} />
                </dd>
              </div>
            )}
          </dl>
          <div className="session-actions">
            {hasTerminal(session) && (
              <>
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
              </>
            )}
            {session.agentSessionId !== null && (
              <Link to={`/sessions/${session.id}/transcript`} className="button button-small" data-testid="transcript">
                Transcript
              </Link>
            )}
            {canShare && (
              <button
                type="button"
                className="button button-small"
                data-testid="share"
                title="Choose who else may watch or type into this session"
                onClick={() => setSharing(true)}
              >
                Share
              </button>
            )}
            {canStop && (
              <BusyButton
                testId="stop"
                label="Stop"
                busy={actions.stopping}
                busyLabel="Stopping"
                tone="danger"
                onClick={() => setConfirmingStop(true)}
              />
            )}
            {canOperate && session.parentId === null && (
              <BusyButton
                testId="open-companion"
                label="Shell here"
                busy={actions.openingCompanion}
                busyLabel="Opening"
                title="Open a shell in this session's directory or worktree"
                onClick={actions.openCompanion}
              />
            )}
            {canResume && (
              <BusyButton
                testId="resume"
                label="Resume"
                busy={actions.resuming}
                busyLabel="Resuming"
                title="Start a new session that continues this agent's conversation"
                tone="primary"
                onClick={actions.resume}
              />
            )}
            {restartable && (
              <BusyButton
                testId="restart"
                label="Restart"
                busy={actions.restarting}
                busyLabel="Restarting"
                title="Start it again as a new session: same agent, command, directory and task"
                tone="primary"
                onClick={actions.restart}
              />
            )}
          </div>
          {actions.error && (
            <p className="form-error" role="alert">
              {errorMessage(actions.error)}
            </p>
          )}
        </div>
      </header>
      {sharing && <ShareDialog session={session} onClose={() => setSharing(false)} />}
      <ApprovalBar session={session} canDecide={canOperate} />
      {confirmingStop && (
        <StopSessionDialog
          session={session}
          onStop={() => {
            actions.stop();
            setConfirmingStop(false);
          }}
          onClose={() => setConfirmingStop(false)}
        />
      )}
      {session.state === 'starting' ? (
        <div className="state spawn-progress" data-testid="spawn-progress" aria-live="polite">
          <Spinner label="Starting" />
          <p>{session.spawnStep ? `${session.spawnStep[0].toUpperCase()}${session.spawnStep.slice(1)}…` : 'Starting…'}</p>
        </div>
      ) : session.state === 'failed' ? (
        <div className="state state-error" data-testid="spawn-failed" role="alert">
          <p>The session did not start: {session.stopReason ?? 'no reason given'}.</p>
        </div>
      ) : (
        <TerminalView sessionId={session.id} onStatus={onConnectionStatus} />
      )}
    </div>
  );
}

/** A session that is starting or failed to start has no terminal to connect to. */
function hasTerminal(session: Session): boolean {
  return session.state !== 'starting' && session.state !== 'failed';
}

function TaskEditor({ session, actions }: { session: Session; actions: SessionActions }) {
  const [draft, setDraft] = useState<string | null>(null);
  if (draft === null) {
    return (
      <button
        type="button"
        className="button button-small button-ghost"
        data-testid="edit-task"
        onClick={() => setDraft(session.task ?? '')}
      >
        {session.task ? 'Edit task' : 'Add task'}
      </button>
    );
  }
  const save = (event: FormEvent) => {
    event.preventDefault();
    actions.updateTask(draft, () => setDraft(null));
  };
  return (
    <form className="task-editor" onSubmit={save}>
      <input
        name="task"
        autoFocus
        maxLength={2000}
        aria-label="Task"
        placeholder="what this session is for"
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') setDraft(null);
        }}
      />
      <button type="submit" className="button button-small button-primary" disabled={actions.updatingTask}>
        Save
      </button>
      <button type="button" className="button button-small button-ghost" onClick={() => setDraft(null)}>
        Cancel
      </button>
      {actions.taskError && (
        <p className="form-error" role="alert">
          {errorMessage(actions.taskError)}
        </p>
      )}
    </form>
  );
}

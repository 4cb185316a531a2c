import { useDecisions, useNotificationSettings } from '../../api/notifyQueries';
import type { Session } from '../../api/types';
import { fullTime, timeAgo } from '../format/format';
import { shownActivity } from '../sessions/activity';
import { DecisionButtons } from './DecisionButtons';
import { MuteButton } from './MuteButton';
import './notify.css';

/**
 * Under the session page's header: while the agent waits for a person, what it asks with Allow and
 * Deny (for those who may type into the session); always, whether the session is muted for the reader.
 */
export function ApprovalBar({ session, canDecide }: { session: Session; canDecide: boolean }) {
  const settings = useNotificationSettings();
  const shown = shownActivity(session);
  const muted = settings.data?.mutedSessions.includes(session.id) ?? false;
  if (!shown?.needsYou) {
    return muted ? (
      <div className="approval-bar" data-testid="approval-bar">
        <span className="muted">Muted: no notifications of this session.</span>
        <MuteButton sessionId={session.id} muted />
      </div>
    ) : null;
  }
  return (
    <div className="approval-bar" data-testid="approval-bar" data-state={shown.state}>
      <strong>{shown.state === 'needs-approval' ? 'Waiting for approval' : 'Waiting for an answer'}</strong>
      {shown.detail && <span className="mono">{shown.detail}</span>}
      {canDecide && <DecisionButtons sessionId={session.id} />}
      <MuteButton sessionId={session.id} muted={muted} />
    </div>
  );
}

/** The decisions made in Drover on the session's agent: who, when, allow or deny, why. */
export function DecisionHistory({ sessionId }: { sessionId: string }) {
  const decisions = useDecisions(sessionId);
  if (!decisions.data || decisions.data.length === 0) return null;
  return (
    <div>
      <dt>Decisions</dt>
      <dd>
        <ol className="decision-history" data-testid="decision-history">
          {decisions.data.map((decision) => (
            <li key={`${decision.decidedAt}-${decision.decidedBy}`} title={fullTime(decision.decidedAt)}>
              {decision.decision === 'allow' ? 'Allowed' : 'Denied'} by {decision.decidedBy}{' '}
              <span className="muted">{timeAgo(decision.decidedAt)}</span>
              {decision.detail && <span className="mono"> {decision.detail}</span>}
              {decision.reason && <span className="muted"> — {decision.reason}</span>}
            </li>
          ))}
        </ol>
      </dd>
    </div>
  );
}

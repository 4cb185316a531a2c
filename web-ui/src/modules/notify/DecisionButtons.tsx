import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { useDecide } from '../../api/notifyQueries';
import { BusyButton } from '../../components/BusyButton';

/**
 * Allow or deny what the session's agent waits for, with an optional reason (told to agents that
 * take one, and kept with the decision).
 */
export function DecisionButtons({ sessionId }: { sessionId: string }) {
  const decide = useDecide(sessionId);
  const [reason, setReason] = useState('');
  const send = (decision: 'allow' | 'deny') => {
    if (decide.isPending) return;
    decide.mutate({ decision, reason: reason.trim() === '' ? null : reason.trim() }, { onSuccess: () => setReason('') });
  };
  return (
    <div className="decision" data-testid="decision">
      <input
        className="decision-reason"
        placeholder="Reason (optional)"
        aria-label="Reason"
        value={reason}
        maxLength={1000}
        onChange={(event) => setReason(event.target.value)}
        data-testid="decision-reason"
      />
      <BusyButton
        testId="decision-allow"
        label="Allow"
        busyLabel="Allowing"
        tone="primary"
        busy={decide.isPending && decide.variables?.decision === 'allow'}
        onClick={() => send('allow')}
      />
      <BusyButton
        testId="decision-deny"
        label="Deny"
        busyLabel="Denying"
        tone="danger"
        busy={decide.isPending && decide.variables?.decision === 'deny'}
        onClick={() => send('deny')}
      />
      {decide.isError && (
        <span className="decision-error" role="alert" data-testid="decision-error">
          {errorMessage(decide.error)}
        </span>
      )}
    </div>
  );
}

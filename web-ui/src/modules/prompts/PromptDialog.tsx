import { type FormEvent, useState } from 'react';
import { usePrompt, useSendPrompt } from '../../api/queries';
import type { PromptDelivery, Session } from '../../api/types';
import { Badge, type Tone } from '../../components/Badge';
import { Dialog } from '../../components/Dialog';
import { DialogActions } from '../../components/DialogActions';
import { sessionTitle } from '../sessions/sessionText';
import './PromptDialog.css';

const STATUS: Record<PromptDelivery['status'], [string, Tone]> = {
  waiting: ['waiting for idle', 'info'],
  typed: ['typed', 'info'],
  confirmed: ['delivered', 'good'],
  refused: ['refused', 'warn'],
  'timed-out': ['timed out', 'bad'],
  unconfirmed: ['unconfirmed', 'warn'],
  ended: ['session ended', 'muted'],
  failed: ['failed', 'bad'],
};

/**
 * Types one prompt into the chosen sessions' agents, each once it is idle (never into one that waits
 * for an approval or an answer), then shows each session's result as it comes.
 */
export function PromptDialog({ sessions, onClose }: { sessions: Session[]; onClose: () => void }) {
  const [text, setText] = useState('');
  const [waitMinutes, setWaitMinutes] = useState('5');
  const send = useSendPrompt();
  const sent = usePrompt(send.data?.id ?? null);
  const deliveries = sent.data?.deliveries ?? send.data?.deliveries;
  const titles = new Map(sessions.map((session) => [session.id, sessionTitle(session)]));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    send.mutate({
      text,
      sessionIds: sessions.map((session) => session.id),
      waitSeconds: Math.max(1, Math.round(Number(waitMinutes) * 60)),
    });
  };

  const count = `${sessions.length} ${sessions.length === 1 ? 'session' : 'sessions'}`;
  return (
    <Dialog title={`Prompt ${count}`} onClose={onClose}>
      {deliveries ? (
        <>
          <ul className="prompt-results" data-testid="prompt-results">
            {deliveries.map((delivery) => {
              const [label, tone] = STATUS[delivery.status];
              return (
                <li key={delivery.id} data-testid="prompt-result" data-session={delivery.sessionId} data-status={delivery.status}>
                  <span className="prompt-result-session">{titles.get(delivery.sessionId) ?? delivery.sessionId}</span>{' '}
                  <Badge tone={tone}>{label}</Badge>
                  {delivery.detail && <div className="muted prompt-result-detail">{delivery.detail}</div>}
                </li>
              );
            })}
          </ul>
          <div className="form-actions">
            <button type="button" className="button button-primary" onClick={onClose} data-testid="prompt-done">
              Close
            </button>
          </div>
        </>
      ) : (
        <form onSubmit={submit} className="form">
          <label className="field">
            <span>Prompt</span>
            <textarea
              data-autofocus
              data-testid="prompt-text"
              rows={5}
              value={text}
              onChange={(event) => setText(event.target.value)}
              required
            />
          </label>
          <label className="field">
            <span>Wait for each agent to be idle, at most (minutes)</span>
            <input
              type="number"
              min="0.1"
              max="60"
              step="any"
              value={waitMinutes}
              onChange={(event) => setWaitMinutes(event.target.value)}
            />
          </label>
          <p className="muted">
            Each agent gets the prompt once it is idle; one that waits for an approval or an answer is left alone.
          </p>
          <DialogActions
            error={send.error}
            onCancel={onClose}
            label={`Send to ${count}`}
            busyLabel="Sending"
            busy={send.isPending}
            disabled={text.trim() === ''}
            testId="send-prompt"
          />
        </form>
      )}
    </Dialog>
  );
}

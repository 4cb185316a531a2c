import { useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useBudgetEvents } from '../../api/budgetQueries';
import { onLiveBudgetEvent } from '../../api/live';
import type { BudgetEvent } from '../../api/types';
import { eventMessage } from './budget';
import { notify } from './notify';
import './budgets.css';

const SHOWN_MS = 15_000;

/**
 * Toasts (and browser notifications, where allowed) for every budget event the hub records while a
 * page is open: 80 % warnings and spent budgets of sessions, users and projects, pushed by the event socket as
 * they are recorded (and fetched while it is down).
 */
export function BudgetToasts() {
  const [since] = useState(() => new Date().toISOString());
  const events = useBudgetEvents(since);
  const seen = useRef(new Set<string>());
  const [toasts, setToasts] = useState<BudgetEvent[]>([]);

  const show = useCallback((arrived: BudgetEvent[]) => {
    const fresh = arrived.filter((event) => !seen.current.has(event.id));
    if (fresh.length === 0) return;
    for (const event of fresh) {
      seen.current.add(event.id);
      const message = eventMessage(event);
      notify(message.title, message.body, `budget-${event.id}`);
      window.setTimeout(() => setToasts((shown) => shown.filter((toast) => toast.id !== event.id)), SHOWN_MS);
    }
    setToasts((shown) => [...shown, ...fresh]);
  }, []);

  useEffect(() => onLiveBudgetEvent((event) => show([event])), [show]);
  useEffect(() => show([...(events.data ?? [])].reverse()), [events.data, show]);

  if (toasts.length === 0) return null;
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((event) => {
        const message = eventMessage(event);
        return (
          <div key={event.id} className={`toast toast-${event.kind}`} role="status" data-testid="budget-toast" data-kind={event.kind}>
            <strong>{message.title}</strong>
            <span>{message.body}</span>
            <Link to={`/sessions/${event.sessionId}`}>Open the session</Link>
            <button
              type="button"
              className="button button-small button-ghost"
              aria-label="Dismiss"
              onClick={() => setToasts((shown) => shown.filter((toast) => toast.id !== event.id))}
            >
              ×
            </button>
          </div>
        );
      })}
    </div>
  );
}

import type { ReactNode } from 'react';
import type { Session } from '../../api/types';
import { contextUse } from './context';
import './context.css';

/**
 * The context of the session's latest model request against its model's window: a bar with the percentage
 * (amber from 80 %, red from 95 %), the exact numbers on hover and focus; "window unknown" without a window.
 * Nothing (or `empty`) before any request reported its prompt.
 */
export function ContextBar({ session, empty = null }: { session: Session; empty?: ReactNode }) {
  const use = contextUse(session);
  if (!use) return <>{empty}</>;
  if (!use.known) {
    return (
      <span className="context context-unknown muted" data-testid="context-bar" data-state="unknown" title={use.detail} tabIndex={0}>
        {use.label}
      </span>
    );
  }
  const percent = Math.min(use.fraction, 1) * 100;
  return (
    <span className="context" data-testid="context-bar" data-state={use.state} title={use.detail} tabIndex={0}>
      <span
        className={`meter${use.state === 'warning' ? ' meter-warning' : use.state === 'full' ? ' meter-bad' : ''}`}
        role="meter"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(percent)}
        aria-valuetext={use.detail}
        aria-label="Context used"
      >
        <span className="meter-fill" style={{ width: `${percent}%` }} />
      </span>
      <span className="context-label">{use.label}</span>
    </span>
  );
}

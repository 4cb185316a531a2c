import { type FormEvent, useState } from 'react';
import { useSetSessionBudget } from '../../api/budgetQueries';
import { errorMessage } from '../../api/client';
import type { Session } from '../../api/types';
import { budgetFields, budgetProgress } from './budget';
import { askForNotifications } from './notify';
import './budgets.css';

/** Spent against limit as a bar; its `data-state` is ok, warning or spent. */
export function BudgetBar({ session }: { session: Session }) {
  const progress = budgetProgress(session);
  if (!progress) return <span className="muted">none</span>;
  return (
    <span className="budget" data-testid="budget-bar" data-state={progress.state}>
      <span
        className={`meter${progress.state === 'warning' ? ' meter-warning' : progress.state === 'spent' ? ' meter-bad' : ''}`}
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(Math.min(progress.fraction, 1) * 100)}
        aria-label="Budget used"
      >
        <span className="meter-fill" style={{ width: `${Math.min(progress.fraction, 1) * 100}%` }} />
      </span>
      <span className="budget-label">
        {progress.label} ({Math.round(progress.fraction * 100)} %)
      </span>
    </span>
  );
}

/** The session's budget, with a form to change it for those who may (its creator and admins, while it runs). */
export function SessionBudget({ session, canEdit }: { session: Session; canEdit: boolean }) {
  const set = useSetSessionBudget(session.id);
  const [editing, setEditing] = useState(false);
  const [usd, setUsd] = useState(session.budget?.costUsd ?? '');
  const [tokens, setTokens] = useState(session.budget?.tokens?.toString() ?? '');
  const [invalid, setInvalid] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = budgetFields(usd, tokens);
    if ('error' in result) {
      setInvalid(result.error);
      return;
    }
    setInvalid(null);
    askForNotifications();
    set.mutate(result.fields, { onSuccess: () => setEditing(false) });
  };

  const problem = invalid ?? (set.error ? errorMessage(set.error) : null);
  return (
    <>
      <BudgetBar session={session} />
      {canEdit && !editing && (
        <button type="button" className="button button-small button-ghost" onClick={() => setEditing(true)} data-testid="edit-budget">
          {session.budget ? 'Change' : 'Set a budget'}
        </button>
      )}
      {editing && (
        <form className="budget-form" onSubmit={submit} data-testid="budget-form">
          <label>
            <span>USD</span>
            <input name="budgetUsd" inputMode="decimal" placeholder="0.50" value={usd} onChange={(e) => setUsd(e.target.value)} />
          </label>
          <label>
            <span>Tokens</span>
            <input name="budgetTokens" inputMode="numeric" placeholder="none" value={tokens} onChange={(e) => setTokens(e.target.value)} />
          </label>
          <button type="submit" className="button button-small button-primary" disabled={set.isPending}>
            Save
          </button>
          <button type="button" className="button button-small button-ghost" onClick={() => setEditing(false)}>
            Cancel
          </button>
          {problem && (
            <p className="form-error" role="alert">
              {problem}
            </p>
          )}
        </form>
      )}
    </>
  );
}

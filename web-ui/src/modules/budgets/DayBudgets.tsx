import { type FormEvent, useState } from 'react';
import { useDayBudgets, useRemoveDayBudget, useSetDayBudget } from '../../api/budgetQueries';
import { errorMessage } from '../../api/client';
import { useHosts } from '../../api/queries';
import type { DayBudget, Host } from '../../api/types';
import { Empty, Failure, Loading } from '../../components/StateViews';
import { budgetFields, dayBudgetSubject } from './budget';
import { askForNotifications } from './notify';
import './budgets.css';

/**
 * The day budgets of users and projects with today's spend (docs/budgets.md): everyone reads them; admins set,
 * change (the form, or Change on a row) and remove them. Each change is audited by the hub.
 */
export function DayBudgets({ canEdit }: { canEdit: boolean }) {
  const budgets = useDayBudgets();
  const hosts = useHosts();
  const remove = useRemoveDayBudget();
  const [editing, setEditing] = useState<DayBudget | 'new' | null>(null);

  if (budgets.isPending) return <Loading what="day budgets" />;
  if (budgets.isError) return <Failure error={budgets.error} onRetry={() => void budgets.refetch()} />;
  const hostList = hosts.data ?? [];
  return (
    <div className="day-budgets">
      {budgets.data.length === 0 ? (
        <Empty>No day budget is set.{canEdit ? '' : ' Admins set them.'}</Empty>
      ) : (
        <table className="table" data-testid="day-budgets">
          <thead>
            <tr>
              <th>For</th>
              <th className="numeric">Limit a day</th>
              <th className="numeric">Spent today</th>
              <th>Set by</th>
              {canEdit && <th aria-label="Actions" />}
            </tr>
          </thead>
          <tbody>
            {budgets.data.map((budget) => (
              <tr key={budget.id} data-testid="day-budget" data-scope={budget.scope}>
                <td data-label="For">{dayBudgetSubject(budget, hostList)}</td>
                <td data-label="Limit a day" className="numeric">
                  {[budget.costUsd !== null ? `$${budget.costUsd}` : null, budget.tokens !== null ? `${budget.tokens.toLocaleString('en-US')} tokens` : null]
                    .filter(Boolean)
                    .join(' and ')}
                </td>
                <td data-label="Spent today" className="numeric" title={`${budget.day} in ${budget.timeZone}`}>
                  ${budget.spentUsd} · {budget.spentTokens.toLocaleString('en-US')} tokens
                </td>
                <td data-label="Set by" className="muted">
                  {budget.updatedBy}
                </td>
                {canEdit && (
                  <td className="row-actions">
                    <button type="button" className="button button-small button-ghost" onClick={() => setEditing(budget)}>
                      Change
                    </button>
                    <button
                      type="button"
                      className="button button-small button-ghost"
                      disabled={remove.isPending}
                      onClick={() => remove.mutate(budget.id)}
                      aria-label={`Remove the day budget of ${dayBudgetSubject(budget, hostList)}`}
                    >
                      Remove
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {remove.error && (
        <p className="form-error" role="alert">
          {errorMessage(remove.error)}
        </p>
      )}
      {canEdit && editing === null && (
        <button type="button" className="button button-small" onClick={() => setEditing('new')} data-testid="add-day-budget">
          Set a day budget
        </button>
      )}
      {canEdit && editing !== null && (
        <DayBudgetForm
          key={editing === 'new' ? 'new' : editing.id}
          budget={editing === 'new' ? null : editing}
          hosts={hostList}
          onDone={() => setEditing(null)}
        />
      )}
    </div>
  );
}

function DayBudgetForm({ budget, hosts, onDone }: { budget: DayBudget | null; hosts: Host[]; onDone: () => void }) {
  const set = useSetDayBudget();
  const [scope, setScope] = useState<'user' | 'project'>(budget?.scope ?? 'user');
  const [user, setUser] = useState(budget?.user ?? '');
  const [hostId, setHostId] = useState(budget?.hostId ?? hosts[0]?.id ?? '');
  const [path, setPath] = useState(budget?.path ?? '');
  const [usd, setUsd] = useState(budget?.costUsd ?? '');
  const [tokens, setTokens] = useState(budget?.tokens?.toString() ?? '');
  const [invalid, setInvalid] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const limit = budgetFields(usd, tokens);
    if ('error' in limit) {
      setInvalid(limit.error);
      return;
    }
    if (!limit.fields.costUsd && !limit.fields.tokens) {
      setInvalid('Give a limit in USD, in tokens or both.');
      return;
    }
    if (scope === 'user' ? !user.trim() : !hostId || !path.trim()) {
      setInvalid(scope === 'user' ? 'Name the user.' : 'Choose the host and give the repository path.');
      return;
    }
    setInvalid(null);
    askForNotifications();
    const subject = scope === 'user' ? { user: user.trim() } : { hostId, path: path.trim() };
    set.mutate({ scope, ...subject, ...limit.fields }, { onSuccess: onDone });
  };

  const problem = invalid ?? (set.error ? errorMessage(set.error) : null);
  const fixed = budget !== null;
  return (
    <form className="budget-form day-budget-form" onSubmit={submit} data-testid="day-budget-form">
      <label>
        <span>For</span>
        <select name="scope" value={scope} disabled={fixed} onChange={(e) => setScope(e.target.value as 'user' | 'project')}>
          <option value="user">a user</option>
          <option value="project">a project</option>
        </select>
      </label>
      {scope === 'user' ? (
        <label>
          <span>User</span>
          <input name="user" value={user} readOnly={fixed} onChange={(e) => setUser(e.target.value)} autoComplete="off" />
        </label>
      ) : (
        <>
          <label>
            <span>Host</span>
            <select name="hostId" value={hostId} disabled={fixed} onChange={(e) => setHostId(e.target.value)}>
              {hosts.map((host) => (
                <option key={host.id} value={host.id}>
                  {host.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>Repository path</span>
            <input name="path" value={path} readOnly={fixed} placeholder="/home/me/shop" onChange={(e) => setPath(e.target.value)} />
          </label>
        </>
      )}
      <label>
        <span>USD a day</span>
        <input name="costUsd" inputMode="decimal" placeholder="20" value={usd} onChange={(e) => setUsd(e.target.value)} />
      </label>
      <label>
        <span>Tokens a day</span>
        <input name="tokens" inputMode="numeric" placeholder="none" value={tokens} onChange={(e) => setTokens(e.target.value)} />
      </label>
      <button type="submit" className="button button-small button-primary" disabled={set.isPending}>
        Save
      </button>
      <button type="button" className="button button-small button-ghost" onClick={onDone}>
        Cancel
      </button>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}

import { type FormEvent, useState } from 'react';
import { useCreatePerson } from '../../api/queries';
import type { Role } from '../../api/types';
import { CopyButton } from '../../components/CopyButton';
import { Dialog } from '../../components/Dialog';
import { DialogActions } from '../../components/DialogActions';
import './people.css';
import { passwordProblem, ROLE_SUMMARIES, ROLES, roleName, userNameProblem } from './roles';

/**
 * Creates an account. By default the hub makes a one-time password, shown here once with a copy
 * button; the person must replace it at their first sign-in. An admin may give a password instead.
 */
export function AddPersonDialog({ onClose }: { onClose: () => void }) {
  const create = useCreatePerson();
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<Role>('operator');
  const [ownPassword, setOwnPassword] = useState(false);
  const [password, setPassword] = useState('');
  const name = username.trim();
  const nameProblem = name === '' ? null : userNameProblem(name);
  const passwordTrouble = ownPassword && password !== '' ? passwordProblem(name, password) : null;
  const ready = name !== '' && nameProblem === null && (!ownPassword || (password !== '' && passwordTrouble === null));

  if (create.data) {
    const { user, oneTimePassword } = create.data;
    return (
      <Dialog title={`${user.username} can sign in`} onClose={onClose}>
        {oneTimePassword ? (
          <>
            <p>
              Give {user.username} this one-time password. It is not shown again; at the first sign-in they choose their
              own, and until then it allows nothing else.
            </p>
            <pre className="code-block one-time-password" data-testid="one-time-password">
              {oneTimePassword}
            </pre>
          </>
        ) : (
          <p>{user.username} signs in with the password you gave.</p>
        )}
        <div className="form-actions">
          {oneTimePassword && <CopyButton text={oneTimePassword} label="Copy password" />}
          <button type="button" className="button button-primary" data-testid="person-created-done" onClick={onClose}>
            Done
          </button>
        </div>
      </Dialog>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (ready) create.mutate({ username: name, role, password: ownPassword ? password : undefined });
  };

  return (
    <Dialog title="Add person" onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate>
        <label className="field">
          <span>User name</span>
          <input
            name="username"
            data-testid="person-username"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            placeholder="alice"
            value={username}
            aria-invalid={nameProblem !== null}
            onChange={(event) => setUsername(event.target.value)}
          />
          {nameProblem && <small className="field-problem">{nameProblem}</small>}
        </label>
        <label className="field">
          <span>Role</span>
          <select
            name="role"
            data-testid="person-new-role"
            value={role}
            onChange={(event) => setRole(event.target.value as Role)}
          >
            {ROLES.map((each) => (
              <option key={each} value={each}>
                {roleName(each)} — {ROLE_SUMMARIES[each]}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={ownPassword} onChange={(event) => setOwnPassword(event.target.checked)} />
          <span>Set a password they keep, instead of a one-time password</span>
        </label>
        {ownPassword && (
          <label className="field">
            <span>Password</span>
            <input
              name="new-password"
              type="password"
              autoComplete="new-password"
              value={password}
              aria-invalid={passwordTrouble !== null}
              onChange={(event) => setPassword(event.target.value)}
            />
            <small className={passwordTrouble ? 'field-problem' : 'muted'}>
              {passwordTrouble ?? 'At least 12 characters, not the user name.'}
            </small>
          </label>
        )}
        <DialogActions
          error={create.error}
          onCancel={onClose}
          label="Add"
          busyLabel="Adding"
          busy={create.isPending}
          disabled={!ready}
          testId="create-person"
        />
      </form>
    </Dialog>
  );
}

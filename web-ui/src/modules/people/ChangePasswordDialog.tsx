import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api/client';
import { useChangePassword } from '../../api/queries';
import { Dialog } from '../../components/Dialog';
import { DialogActions } from '../../components/DialogActions';
import './people.css';
import { passwordProblem } from './roles';

/**
 * Changes the signed-in person's password. With `required` it replaces a one-time password: the
 * app shows nothing else until it is done, and it cannot be cancelled (only signing out can).
 */
export function ChangePasswordDialog({
  username,
  required = false,
  onClose,
  onSignOut,
}: {
  username: string;
  required?: boolean;
  onClose: () => void;
  onSignOut: () => void;
}) {
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const problem = next === '' ? null : passwordProblem(username, next);
  const mismatch = repeat !== '' && repeat !== next;
  const ready = current !== '' && next !== '' && problem === null && repeat === next;

  if (change.isSuccess) {
    return (
      <Dialog title="Password changed" onClose={onClose}>
        <p data-testid="password-changed">
          Your password is changed. Your other sign-ins (other browsers, bearer logins) have ended; this one stays.
          Your API tokens keep working: revoke them on the Account page if they may be exposed.
        </p>
        <div className="form-actions">
          <button type="button" className="button button-primary" onClick={onClose}>
            Done
          </button>
        </div>
      </Dialog>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (ready) change.mutate({ currentPassword: current, newPassword: next });
  };
  const wrongCurrent = change.error instanceof ApiError && change.error.status === 403;

  return (
    <Dialog title={required ? 'Choose your password' : 'Change password'} onClose={required ? onSignOut : onClose}>
      <form className="form" onSubmit={submit} noValidate data-testid="change-password-form">
        {required && (
          <p>You signed in with a one-time password. Choose your own to continue; nothing else works until you do.</p>
        )}
        <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
        <label className="field">
          <span>{required ? 'One-time password' : 'Current password'}</span>
          <input
            name="current-password"
            type="password"
            autoComplete="current-password"
            data-testid="current-password"
            value={current}
            aria-invalid={wrongCurrent}
            onChange={(event) => {
              setCurrent(event.target.value);
              change.reset();
            }}
          />
        </label>
        <label className="field">
          <span>New password</span>
          <input
            name="new-password"
            type="password"
            autoComplete="new-password"
            data-testid="new-password"
            value={next}
            aria-invalid={problem !== null}
            onChange={(event) => setNext(event.target.value)}
          />
          <small className={problem ? 'field-problem' : 'muted'}>
            {problem ?? 'At least 12 characters, at most 72 bytes, not your user name.'}
          </small>
        </label>
        <label className="field">
          <span>New password again</span>
          <input
            name="repeat-password"
            type="password"
            autoComplete="new-password"
            data-testid="repeat-password"
            value={repeat}
            aria-invalid={mismatch}
            onChange={(event) => setRepeat(event.target.value)}
          />
          {mismatch && <small className="field-problem">The two new passwords differ.</small>}
        </label>
        <DialogActions
          error={change.error}
          onCancel={required ? onSignOut : onClose}
          cancelLabel={required ? 'Log out' : 'Cancel'}
          label="Change password"
          busyLabel="Changing"
          busy={change.isPending}
          disabled={!ready}
          testId="submit-password"
        />
      </form>
    </Dialog>
  );
}

import { errorMessage } from '../api/client';
import { Spinner } from './Spinner';

interface DialogActionsProps {
  /** The failure of the dialog's action, shown above the buttons. */
  error: unknown;
  onCancel: () => void;
  /** The cancel button's text; "Cancel" unless cancelling does something else (e.g. "Log out"). */
  cancelLabel?: string;
  /** The submit button's text, e.g. "Save". */
  label: string;
  /** Its text while the action runs, e.g. "Saving". */
  busyLabel: string;
  busy: boolean;
  disabled?: boolean;
  tone?: 'primary' | 'danger';
  testId?: string;
}

/** A dialog form's error line and its Cancel / submit buttons, the submit showing a spinner while busy. */
export function DialogActions({
  error,
  onCancel,
  cancelLabel = 'Cancel',
  label,
  busyLabel,
  busy,
  disabled = false,
  tone = 'primary',
  testId,
}: DialogActionsProps) {
  return (
    <>
      {error ? (
        <p className="form-error" role="alert">
          {errorMessage(error)}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="button" className="button button-ghost" onClick={onCancel}>
          {cancelLabel}
        </button>
        <button type="submit" className={`button button-${tone}`} disabled={disabled || busy} data-testid={testId}>
          {busy ? (
            <>
              <Spinner label={busyLabel} /> {busyLabel}…
            </>
          ) : (
            label
          )}
        </button>
      </div>
    </>
  );
}

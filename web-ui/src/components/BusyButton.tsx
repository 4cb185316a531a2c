import { Spinner } from './Spinner';

/** A small action button that shows a spinner, and is disabled, while its action runs. */
export function BusyButton({
  testId,
  label,
  busy,
  busyLabel,
  title,
  tone,
  disabled = false,
  onClick,
}: {
  testId: string;
  label: string;
  busy: boolean;
  /** What the spinner says while the action runs, e.g. "Stopping". */
  busyLabel: string;
  title?: string;
  tone?: 'primary' | 'danger';
  /** Disabled for another reason than running (its title should say which). */
  disabled?: boolean;
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      className={`button button-small${tone ? ` button-${tone}` : ''}`}
      data-testid={testId}
      title={title}
      disabled={busy || disabled}
      onClick={onClick}
    >
      {busy ? <Spinner label={busyLabel} /> : label}
    </button>
  );
}

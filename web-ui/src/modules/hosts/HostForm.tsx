import type { FormEvent } from 'react';
import { DialogActions } from '../../components/DialogActions';

interface HostFormProps {
  name: string;
  onNameChange: (name: string) => void;
  /** The labels as text, one key=value a line; the field shows only when given. */
  labels?: { text: string; onChange: (text: string) => void };
  placeholder?: string;
  onSubmit: () => void;
  onCancel: () => void;
  /** What went wrong: the form's own check or the failed request. */
  error: unknown;
  busy: boolean;
  disabled?: boolean;
  submitLabel: string;
  busyLabel: string;
  testId?: string;
}

/** A host's name (and labels) as the add and edit dialogs ask for them. */
export function HostForm({ name, onNameChange, labels, placeholder, onSubmit, onCancel, testId, ...actions }: HostFormProps) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!actions.busy) onSubmit();
  };

  return (
    <form className="form" onSubmit={submit} data-testid={testId}>
      <label className="field">
        <span>Name</span>
        <input
          name="name"
          autoFocus
          data-autofocus
          autoCapitalize="none"
          spellCheck={false}
          placeholder={placeholder}
          value={name}
          onChange={(event) => onNameChange(event.target.value)}
        />
      </label>
      {labels && (
        <label className="field">
          <span>Labels (one key=value a line)</span>
          <textarea
            name="labels"
            className="mono"
            rows={5}
            spellCheck={false}
            placeholder="gpu=a100"
            value={labels.text}
            onChange={(event) => labels.onChange(event.target.value)}
          />
        </label>
      )}
      <DialogActions
        error={actions.error}
        onCancel={onCancel}
        label={actions.submitLabel}
        busyLabel={actions.busyLabel}
        busy={actions.busy}
        disabled={actions.disabled}
      />
    </form>
  );
}

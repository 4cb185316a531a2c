import { type FormEvent, useState } from 'react';
import { errorMessage } from '../../api/client';
import { useUpdateHost } from '../../api/queries';
import type { Host } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { Spinner } from '../../components/Spinner';
import { isValidHostName, labelsToText, parseLabels } from './health';

/** Rename a host and edit its labels (admins). */
export function EditHostDialog({ host, onClose }: { host: Host; onClose: () => void }) {
  const update = useUpdateHost(host.id);
  const [name, setName] = useState(host.name);
  const [labelText, setLabelText] = useState(labelsToText(host.labels));
  const [invalid, setInvalid] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (update.isPending) return;
    const trimmed = name.trim();
    if (!isValidHostName(trimmed)) {
      setInvalid('A name is 1–64 letters, digits, dots, underscores or dashes.');
      return;
    }
    const parsed = parseLabels(labelText);
    if ('error' in parsed) {
      setInvalid(parsed.error);
      return;
    }
    setInvalid(null);
    update.mutate(
      { ...(trimmed === host.name ? {} : { name: trimmed }), labels: parsed.labels },
      { onSuccess: onClose },
    );
  };

  const error = invalid ?? (update.error ? errorMessage(update.error) : null);
  return (
    <Dialog title={`Edit ${host.name}`} onClose={onClose}>
      <form className="form" onSubmit={submit} data-testid="edit-host-form">
        <label className="field">
          <span>Name</span>
          <input
            name="name"
            autoFocus
            data-autofocus
            autoCapitalize="none"
            spellCheck={false}
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        </label>
        <label className="field">
          <span>Labels (one key=value a line)</span>
          <textarea
            name="labels"
            className="mono"
            rows={5}
            spellCheck={false}
            placeholder="gpu=a100"
            value={labelText}
            onChange={(event) => setLabelText(event.target.value)}
          />
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="form-actions">
          <button type="button" className="button button-ghost" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={update.isPending}>
            {update.isPending ? (
              <>
                <Spinner label="Saving" /> Saving…
              </>
            ) : (
              'Save'
            )}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

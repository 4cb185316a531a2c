import { useState } from 'react';
import { useUpdateHost } from '../../api/queries';
import type { Host } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { isValidHostName, labelsToText, parseLabels } from './health';
import { HostForm } from './HostForm';

/** Rename a host and edit its labels (admins). */
export function EditHostDialog({ host, onClose }: { host: Host; onClose: () => void }) {
  const update = useUpdateHost(host.id);
  const [name, setName] = useState(host.name);
  const [labelText, setLabelText] = useState(labelsToText(host.labels));
  const [invalid, setInvalid] = useState<string | null>(null);

  const submit = () => {
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

  return (
    <Dialog title={`Edit ${host.name}`} onClose={onClose}>
      <HostForm
        testId="edit-host-form"
        name={name}
        onNameChange={setName}
        labels={{ text: labelText, onChange: setLabelText }}
        onSubmit={submit}
        onCancel={onClose}
        error={invalid ?? update.error}
        busy={update.isPending}
        submitLabel="Save"
        busyLabel="Saving"
      />
    </Dialog>
  );
}

import { useState } from 'react';
import { useCreateHost } from '../../api/queries';
import { CopyButton } from '../../components/CopyButton';
import { Dialog } from '../../components/Dialog';
import { fullTime } from '../format/format';
import { HostForm } from './HostForm';

/** The command an admin runs on the new machine, from a checkout with the daemon built. */
export function daemonCommand(hubUrl: string, joinToken: string): string {
  return (
    `DROVER_DAEMON_HUB_URL=${hubUrl} DROVER_DAEMON_JOIN_TOKEN=${joinToken} ` +
    'java --enable-native-access=ALL-UNNAMED -jar host-daemon/target/quarkus-app/quarkus-run.jar'
  );
}

export function AddHostDialog({ onClose }: { onClose: () => void }) {
  const create = useCreateHost();
  const [name, setName] = useState('');
  const trimmed = name.trim();

  if (create.data) {
    const command = daemonCommand(window.location.origin, create.data.joinToken);
    return (
      <Dialog title={`Join ${create.data.host.name}`} onClose={onClose}>
        <p>
          Run this on the machine. The join token works once, expires at{' '}
          {fullTime(create.data.joinTokenExpiresAt)} and is not shown again.
        </p>
        <pre className="code-block" data-testid="daemon-command">
          {command}
        </pre>
        <div className="form-actions">
          <CopyButton text={create.data.joinToken} label="Copy token" />
          <CopyButton text={command} label="Copy command" />
          <button type="button" className="button button-primary" onClick={onClose}>
            Done
          </button>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog title="Add host" onClose={onClose}>
      <HostForm
        name={name}
        onNameChange={setName}
        placeholder="gpu-box"
        onSubmit={() => {
          if (trimmed) create.mutate(trimmed);
        }}
        onCancel={onClose}
        error={create.error}
        busy={create.isPending}
        disabled={!trimmed}
        submitLabel="Create join token"
        busyLabel="Creating"
      />
    </Dialog>
  );
}

import { type FormEvent, useState } from 'react';
import { errorMessage } from '../../api/client';
import { useCreateHost } from '../../api/queries';
import { CopyButton } from '../../components/CopyButton';
import { Dialog } from '../../components/Dialog';
import { Spinner } from '../../components/Spinner';
import { fullTime } from '../format/format';

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

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() && !create.isPending) create.mutate(name.trim());
  };

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
      <form className="form" onSubmit={submit}>
        <label className="field">
          <span>Name</span>
          <input
            name="name"
            autoFocus
            data-autofocus
            autoCapitalize="none"
            spellCheck={false}
            placeholder="gpu-box"
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        </label>
        {create.error && (
          <p className="form-error" role="alert">
            {errorMessage(create.error)}
          </p>
        )}
        <div className="form-actions">
          <button type="button" className="button button-ghost" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={create.isPending || !name.trim()}>
            {create.isPending ? (
              <>
                <Spinner label="Creating" /> Creating…
              </>
            ) : (
              'Create join token'
            )}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

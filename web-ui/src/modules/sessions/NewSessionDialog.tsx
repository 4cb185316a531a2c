import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../api/client';
import { useCreateSession, useHosts } from '../../api/queries';
import { Dialog } from '../../components/Dialog';
import { Spinner } from '../../components/Spinner';
import { Failure, Loading } from '../../components/StateViews';
import { splitArgv } from './argv';

/** Initial PTY size; the terminal page sends its real size as soon as it attaches. */
const INITIAL_COLS = 120;
const INITIAL_ROWS = 40;

export function NewSessionDialog({ onClose }: { onClose: () => void }) {
  const hosts = useHosts();
  const create = useCreateSession();
  const navigate = useNavigate();
  const [hostId, setHostId] = useState<string>('');
  const [command, setCommand] = useState('bash');
  const [cwd, setCwd] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);

  const onlineHosts = hosts.data?.filter((host) => host.online) ?? [];
  const selectedHost = hostId || onlineHosts[0]?.id || '';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (create.isPending) return;
    let argv: string[];
    try {
      argv = splitArgv(command);
    } catch (error) {
      setInvalid(errorMessage(error));
      return;
    }
    if (argv.length === 0) {
      setInvalid('Enter a command to run.');
      return;
    }
    if (!selectedHost) {
      setInvalid('Pick an online host.');
      return;
    }
    setInvalid(null);
    create.mutate(
      { hostId: selectedHost, command: argv, cwd: cwd.trim() || null, cols: INITIAL_COLS, rows: INITIAL_ROWS },
      { onSuccess: (session) => navigate(`/sessions/${session.id}`) },
    );
  };

  const problem = invalid ?? (create.error ? errorMessage(create.error) : null);

  return (
    <Dialog title="New session" onClose={onClose}>
      {hosts.isPending ? (
        <Loading what="hosts" />
      ) : hosts.isError ? (
        <Failure error={hosts.error} onRetry={() => hosts.refetch()} />
      ) : hosts.data.length === 0 ? (
        <p className="muted">No hosts yet. An admin adds one with “Add host” and runs the daemon on it.</p>
      ) : (
        <form className="form" onSubmit={submit}>
          <label className="field">
            <span>Host</span>
            <select
              name="host"
              value={selectedHost}
              onChange={(event) => setHostId(event.target.value)}
              data-testid="new-session-host"
            >
              {onlineHosts.length === 0 && <option value="">No host is online</option>}
              {hosts.data.map((host) => (
                <option key={host.id} value={host.id} disabled={!host.online}>
                  {host.name}
                  {host.online ? '' : ' (offline)'}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Command</span>
            <input
              name="command"
              className="mono"
              autoFocus
            data-autofocus
              autoCapitalize="none"
              autoCorrect="off"
              spellCheck={false}
              value={command}
              onChange={(event) => setCommand(event.target.value)}
            />
            <small className="muted">Quotes group words: claude --model 'opus'</small>
          </label>
          <label className="field">
            <span>
              Working directory <span className="muted">(optional)</span>
            </span>
            <input
              name="cwd"
              className="mono"
              placeholder="the daemon's default"
              autoCapitalize="none"
              autoCorrect="off"
              spellCheck={false}
              value={cwd}
              onChange={(event) => setCwd(event.target.value)}
            />
          </label>
          {problem && (
            <p className="form-error" role="alert" data-testid="new-session-error">
              {problem}
            </p>
          )}
          <div className="form-actions">
            <button type="button" className="button button-ghost" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="button button-primary" disabled={create.isPending || !selectedHost}>
              {create.isPending ? (
                <>
                  <Spinner label="Starting" /> Starting…
                </>
              ) : (
                'Start session'
              )}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

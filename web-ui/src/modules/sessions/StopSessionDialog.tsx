import type { Session } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { canRestart } from './restart';
import { sessionTitle } from './sessionText';

/** Asks before stopping a session: what runs in it ends, which cannot be undone. */
export function StopSessionDialog({ session, onStop, onClose }: { session: Session; onStop: () => void; onClose: () => void }) {
  return (
    <Dialog title={`Stop ${sessionTitle(session)}?`} onClose={onClose}>
      <p>
        What runs in it on {session.hostName} is ended (an agent gets its graceful stop first). Its output stays here to
        read{canRestart({ ...session, state: 'exited' }) ? ', and it can be restarted as a new session' : ''}.
      </p>
      <div className="form-actions">
        <button type="button" className="button button-ghost" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="button button-danger" data-testid="confirm-stop" onClick={onStop}>
          Stop
        </button>
      </div>
    </Dialog>
  );
}

import { errorMessage } from '../../api/client';
import { useRevokeHost } from '../../api/queries';
import type { Host } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { Spinner } from '../../components/Spinner';

/** Asks before revoking a host's credential (admins). */
export function RevokeHostDialog({ host, onClose }: { host: Host; onClose: () => void }) {
  const revoke = useRevokeHost(host.id);
  return (
    <Dialog title={`Revoke ${host.name}?`} onClose={onClose}>
      <p>
        Its daemon is disconnected now and its credential stops working; its running sessions end. To use the machine
        again, add it as a new host.
      </p>
      {revoke.error && (
        <p className="form-error" role="alert">
          {errorMessage(revoke.error)}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="button button-ghost" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="button button-danger"
          data-testid="confirm-revoke"
          disabled={revoke.isPending}
          onClick={() => revoke.mutate(undefined, { onSuccess: onClose })}
        >
          {revoke.isPending ? (
            <>
              <Spinner label="Revoking" /> Revoking…
            </>
          ) : (
            'Revoke'
          )}
        </button>
      </div>
    </Dialog>
  );
}

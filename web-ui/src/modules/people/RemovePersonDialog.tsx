import { useRemovePerson } from '../../api/queries';
import type { Person } from '../../api/types';
import { DialogActions } from '../../components/DialogActions';
import { Dialog } from '../../components/Dialog';

/** Asks before removing an account (admins). */
export function RemovePersonDialog({ person, onClose }: { person: Person; onClose: () => void }) {
  const remove = useRemovePerson();
  return (
    <Dialog title={`Remove ${person.username}?`} onClose={onClose}>
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          remove.mutate(person.id, { onSuccess: onClose });
        }}
      >
        <p>
          They are signed out everywhere now and cannot sign in again. The sessions they started keep running. To only
          stop them for a while, disable the account instead.
        </p>
        <DialogActions
          error={remove.error}
          onCancel={onClose}
          label="Remove"
          busyLabel="Removing"
          busy={remove.isPending}
          tone="danger"
          testId="confirm-remove-person"
        />
      </form>
    </Dialog>
  );
}

import { type FormEvent, useState } from 'react';
import { useDiscardWorktree } from '../../api/queries';
import type { Worktree } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { DialogActions } from '../../components/DialogActions';

/** Asks for the branch name before force-removing a worktree and its branch (operators and admins). */
export function DiscardWorktreeDialog({
  hostId,
  worktree,
  onClose,
}: {
  hostId: string;
  worktree: Worktree;
  onClose: () => void;
}) {
  const discard = useDiscardWorktree(hostId);
  const [typed, setTyped] = useState('');
  const confirmed = typed.trim() === worktree.branch;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!confirmed || discard.isPending) return;
    discard.mutate({ path: worktree.path, confirm: typed.trim() }, { onSuccess: onClose });
  };

  return (
    <Dialog title="Discard worktree?" onClose={onClose}>
      <form className="form" onSubmit={submit}>
        <p>
          This deletes <span className="mono">{worktree.path}</span> and the branch{' '}
          <span className="mono strong">{worktree.branch}</span>, with every uncommitted change and every commit that
          is not merged or pushed. It cannot be undone.
        </p>
        <label className="field">
          <span>
            Type <span className="mono">{worktree.branch}</span> to confirm
          </span>
          <input
            name="confirm"
            className="mono"
            autoFocus
            data-autofocus
            autoCapitalize="none"
            autoCorrect="off"
            spellCheck={false}
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
            data-testid="discard-confirm"
          />
        </label>
        <DialogActions
          error={discard.error}
          onCancel={onClose}
          label="Discard worktree"
          busyLabel="Discarding"
          busy={discard.isPending}
          disabled={!confirmed}
          tone="danger"
          testId="discard-worktree-submit"
        />
      </form>
    </Dialog>
  );
}

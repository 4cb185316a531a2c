import { type FormEvent, useState } from 'react';
import { errorMessage } from '../../api/client';
import { useDiscardWorktree } from '../../api/queries';
import type { Worktree } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { Spinner } from '../../components/Spinner';

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
        {discard.error && (
          <p className="form-error" role="alert">
            {errorMessage(discard.error)}
          </p>
        )}
        <div className="form-actions">
          <button type="button" className="button button-ghost" onClick={onClose}>
            Cancel
          </button>
          <button
            type="submit"
            className="button button-danger"
            disabled={!confirmed || discard.isPending}
            data-testid="discard-worktree-submit"
          >
            {discard.isPending ? (
              <>
                <Spinner label="Discarding" /> Discarding…
              </>
            ) : (
              'Discard worktree'
            )}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

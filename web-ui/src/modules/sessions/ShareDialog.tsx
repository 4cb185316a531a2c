import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { useShareSession, useShares, useUnshareSession } from '../../api/queries';
import type { Session, Share } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { Failure, Loading } from '../../components/StateViews';
import { timeAgo } from '../format/format';
import './ShareDialog.css';

type Access = Share['access'];

const ACCESS_NAMES: Record<Access, string> = { view: 'Can watch', type: 'Can type' };

/**
 * Whom a session is shared with, for its owner and admins: each person with their access (watch, or
 * also type, stop and resume), which can be changed or taken back at once, and a field to share it
 * with someone else by user name. Nobody else sees the session (docs/security.md).
 */
export function ShareDialog({ session, onClose }: { session: Session; onClose: () => void }) {
  const shares = useShares(session.id);
  const share = useShareSession(session.id);
  const unshare = useUnshareSession(session.id);
  const [username, setUsername] = useState('');
  const [access, setAccess] = useState<Access>('view');
  const error = share.error ?? unshare.error;

  return (
    <Dialog title="Share this session" onClose={onClose}>
      <form
        className="form"
        data-testid="share-dialog"
        onSubmit={(event) => {
          event.preventDefault();
          share.mutate({ username: username.trim(), access }, { onSuccess: () => setUsername('') });
        }}
      >
        <p className="muted">
          Started by <strong>{session.createdBy}</strong>. Only admins and the people listed here see it; someone who
          can type may also stop and resume it.
        </p>
        {shares.isPending ? (
          <Loading what="shares" />
        ) : shares.isError ? (
          <Failure error={shares.error} onRetry={() => void shares.refetch()} />
        ) : shares.data.length === 0 ? (
          <p className="muted" data-testid="no-shares">
            Not shared with anyone yet.
          </p>
        ) : (
          <ul className="share-list" data-testid="shares">
            {shares.data.map((existing) => (
              <li key={existing.username} className="share-item" data-testid="share" data-username={existing.username}>
                <span className="share-name">{existing.username}</span>
                <span className="muted share-when">
                  shared by {existing.grantedBy} {timeAgo(existing.grantedAt)}
                </span>
                <select
                  aria-label={`Access of ${existing.username}`}
                  value={existing.access}
                  disabled={share.isPending || unshare.isPending}
                  onChange={(event) =>
                    share.mutate({ username: existing.username, access: event.target.value as Access })
                  }
                >
                  {(Object.keys(ACCESS_NAMES) as Access[]).map((level) => (
                    <option key={level} value={level}>
                      {ACCESS_NAMES[level]}
                    </option>
                  ))}
                </select>
                <button
                  type="button"
                  className="button button-small button-danger"
                  data-testid="unshare"
                  disabled={share.isPending || unshare.isPending}
                  onClick={() => unshare.mutate(existing.username)}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
        )}
        <div className="share-add">
          <label className="field">
            <span>User name</span>
            <input
              data-testid="share-username"
              value={username}
              autoComplete="off"
              spellCheck={false}
              onChange={(event) => setUsername(event.target.value)}
            />
          </label>
          <label className="field">
            <span>Access</span>
            <select data-testid="share-access" value={access} onChange={(event) => setAccess(event.target.value as Access)}>
              {(Object.keys(ACCESS_NAMES) as Access[]).map((level) => (
                <option key={level} value={level}>
                  {ACCESS_NAMES[level]}
                </option>
              ))}
            </select>
          </label>
          <button
            type="submit"
            className="button button-primary"
            data-testid="share-submit"
            disabled={username.trim() === '' || share.isPending}
          >
            Share
          </button>
        </div>
        {error ? (
          <p className="form-error" role="alert">
            {errorMessage(error)}
          </p>
        ) : null}
        <div className="form-actions">
          <button type="button" className="button button-ghost" onClick={onClose}>
            Done
          </button>
        </div>
      </form>
    </Dialog>
  );
}

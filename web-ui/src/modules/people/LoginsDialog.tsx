import { useEndLogin, useLogins } from '../../api/queries';
import { errorMessage } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { Empty, Failure, Loading } from '../../components/StateViews';
import { fullTime, timeAgo } from '../format/format';
import { browserName } from './browser';
import './people.css';

/**
 * Where someone is signed in: each live login with its browser, address, when it began and when it
 * was last used, and a button that ends it at once (its tabs are signed out, its terminals close).
 * For one's own logins (`personId` null) the one in use is marked and cannot be ended here (Log out
 * does that); an admin looking at someone else's can also end them all.
 */
export function LoginsDialog({
  personId,
  username,
  onClose,
}: {
  personId: string | null;
  username: string;
  onClose: () => void;
}) {
  const logins = useLogins(personId);
  const end = useEndLogin(personId);
  const own = personId === null;
  const busy = (loginId: string | null) => end.isPending && end.variables === loginId;
  return (
    <Dialog title={own ? 'Where you are signed in' : `Where ${username} is signed in`} onClose={onClose}>
      <div className="logins" data-testid="logins">
        {logins.isPending ? (
          <Loading what="logins" />
        ) : logins.isError ? (
          <Failure error={logins.error} onRetry={() => void logins.refetch()} />
        ) : logins.data.length === 0 ? (
          <Empty>Not signed in anywhere.</Empty>
        ) : (
          <ul className="login-list">
            {logins.data.map((login) => (
              <li key={login.id} className="login-item" data-testid="login" data-current={login.current}>
                <div className="login-what">
                  <span className="login-browser" title={login.userAgent ?? undefined}>
                    {browserName(login.userAgent)}
                  </span>
                  {login.current && <span className="label-chip">this browser</span>}
                  <span className="muted login-address">{login.address ?? 'unknown address'}</span>
                </div>
                <div className="muted login-when">
                  <span title={fullTime(login.createdAt)}>signed in {timeAgo(login.createdAt)}</span>
                  {' · '}
                  <span title={login.lastSeenAt ? fullTime(login.lastSeenAt) : undefined}>
                    {login.lastSeenAt ? `last seen ${timeAgo(login.lastSeenAt)}` : 'not used since'}
                  </span>
                </div>
                {!(own && login.current) && (
                  <button
                    type="button"
                    className="button button-small button-danger"
                    data-testid="end-login"
                    disabled={end.isPending}
                    onClick={() => end.mutate(login.id)}
                  >
                    {busy(login.id) ? 'Signing out…' : 'Sign out'}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        {end.error ? (
          <p className="form-error" role="alert">
            {errorMessage(end.error)}
          </p>
        ) : null}
        <div className="form-actions">
          {!own && logins.data !== undefined && logins.data.length > 0 && (
            <button
              type="button"
              className="button button-danger"
              data-testid="end-all-logins"
              disabled={end.isPending}
              onClick={() => end.mutate(null)}
            >
              {busy(null) ? 'Signing out…' : 'Sign out everywhere'}
            </button>
          )}
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </Dialog>
  );
}

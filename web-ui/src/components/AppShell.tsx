import { Link, Outlet, useNavigate } from 'react-router';
import { useLogout, useMe } from '../api/queries';
import { Spinner } from './Spinner';
import { Failure } from './StateViews';

/** The signed-in frame: header with the user and logout, the page below. */
export function AppShell() {
  const me = useMe();
  const logout = useLogout();
  const navigate = useNavigate();

  if (me.isPending) {
    return (
      <div className="fullscreen-center">
        <Spinner label="Signing in" />
      </div>
    );
  }
  if (me.isError) {
    return (
      <div className="fullscreen-center">
        <Failure error={me.error} onRetry={() => me.refetch()} />
      </div>
    );
  }

  return (
    <div className="app">
      <header className="topbar">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden>
            ❯_
          </span>{' '}
          Drover
        </Link>
        <div className="topbar-user">
          <span className="user" title={me.data.roles.join(', ')} data-testid="current-user">
            {me.data.username}
            <span className="user-roles">{me.data.roles.join(' · ')}</span>
          </span>
          <button
            type="button"
            className="button button-small button-ghost"
            disabled={logout.isPending}
            onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/login') })}
          >
            Log out
          </button>
        </div>
      </header>
      <main className="content">
        <Outlet />
      </main>
    </div>
  );
}

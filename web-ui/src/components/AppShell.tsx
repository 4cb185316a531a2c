import { Link, Outlet, useNavigate } from 'react-router';
import { useLogout } from '../api/queries';
import { SignedIn } from './SignedIn';

/** The signed-in frame: header with the user and logout, the page below. */
export function AppShell() {
  const logout = useLogout();
  const navigate = useNavigate();

  return (
    <SignedIn>
      {(user) => (
        <div className="app">
          <header className="topbar">
            <Link to="/" className="brand">
              <span className="brand-mark" aria-hidden>
                ❯_
              </span>{' '}
              Drover
            </Link>
            <div className="topbar-user">
              <span className="user" title={user.roles.join(', ')} data-testid="current-user">
                {user.username}
                <span className="user-roles">{user.roles.join(' · ')}</span>
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
      )}
    </SignedIn>
  );
}

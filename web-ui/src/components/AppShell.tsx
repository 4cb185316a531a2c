import { Link, Outlet, useNavigate } from 'react-router';
import { useLogout } from '../api/queries';
import { ThemeSelect } from '../modules/appearance/ThemeSelect';
import { usePreferencesSync } from '../modules/appearance/usePreferencesSync';
import { BudgetToasts } from '../modules/budgets/BudgetToasts';
import { LiveBadge } from '../modules/live/LiveBadge';
import { SignedIn } from './SignedIn';
import './AppShell.css';

const ROLE_NAMES: Record<string, string> = {
  admin: 'Administrator',
  operator: 'Operator',
  viewer: 'Viewer (read-only)',
};

/** A role as people call it; roles this version does not know are shown as they are. */
function roleName(role: string): string {
  return ROLE_NAMES[role] ?? role;
}

/** Keeps the signed-in person's theme and terminal font in step with their account on the hub. */
function AccountAppearance({ user }: { user: string }) {
  usePreferencesSync(user);
  return null;
}

/** The signed-in frame: header with the user and logout, the page below. */
export function AppShell() {
  const logout = useLogout();
  const navigate = useNavigate();

  return (
    <SignedIn>
      {(user) => (
        <div className="app">
          <AccountAppearance user={user.username} />
          <header className="topbar">
            <Link to="/" className="brand">
              <span className="brand-mark" aria-hidden>
                ❯_
              </span>{' '}
              Drover
            </Link>
            <div className="topbar-user">
              <LiveBadge />
              <ThemeSelect />
              <span className="user" data-testid="current-user">
                <span title="Signed in as">{user.username}</span>
                <span className="user-roles" title="Role" data-testid="current-roles">
                  {user.roles.map(roleName).join(' · ')}
                </span>
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
          <BudgetToasts />
        </div>
      )}
    </SignedIn>
  );
}

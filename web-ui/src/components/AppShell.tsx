import { useState } from 'react';
import { Link, NavLink, Outlet, useNavigate } from 'react-router';
import { useLogout } from '../api/queries';
import { ThemeSelect } from '../modules/appearance/ThemeSelect';
import { usePreferencesSync } from '../modules/appearance/usePreferencesSync';
import { AccountMenu } from '../modules/people/AccountMenu';
import { LoginsDialog } from '../modules/people/LoginsDialog';
import { ChangePasswordDialog } from '../modules/people/ChangePasswordDialog';
import { BudgetToasts } from '../modules/budgets/BudgetToasts';
import { LiveBadge } from '../modules/live/LiveBadge';
import { Attention } from '../modules/notify/Attention';
import { InboxLink } from '../modules/notify/InboxLink';
import { SignedIn } from './SignedIn';
import './AppShell.css';

/** Keeps the signed-in person's theme and terminal font in step with their account on the hub. */
function AccountAppearance({ user }: { user: string }) {
  usePreferencesSync(user);
  return null;
}

/**
 * The signed-in frame: header with the user's menu (change password, log out), the page below.
 * A login with a one-time password sees only the dialog that replaces it.
 */
export function AppShell() {
  const logout = useLogout();
  const navigate = useNavigate();
  const [changingPassword, setChangingPassword] = useState(false);
  const [showingLogins, setShowingLogins] = useState(false);
  const signOut = () => logout.mutate(undefined, { onSettled: () => navigate('/login') });

  return (
    <SignedIn>
      {(user) => (
        <div className="app">
          {!user.passwordChangeRequired && <AccountAppearance user={user.username} />}
          <header className="topbar">
            <nav className="topbar-nav">
              <Link to="/" className="brand">
                <span className="brand-mark" aria-hidden>
                  ❯_
                </span>{' '}
                Drover
              </Link>
              <NavLink to="/conversations" className="topbar-link" data-testid="conversations-link">
                Conversations
              </NavLink>
              <NavLink to="/spend" className="topbar-link" data-testid="spend-link">
                Spend
              </NavLink>
              {!user.passwordChangeRequired && <InboxLink />}
              {user.roles.includes('admin') && (
                <>
                  <NavLink to="/people" className="topbar-link" data-testid="people-link">
                    People
                  </NavLink>
                  <NavLink to="/audit" className="topbar-link" data-testid="audit-link">
                    Audit
                  </NavLink>
                </>
              )}
            </nav>
            <div className="topbar-user">
              <LiveBadge />
              <ThemeSelect />
              <AccountMenu
                user={user}
                signingOut={logout.isPending}
                onAccount={() => navigate('/account')}
                onChangePassword={() => setChangingPassword(true)}
                onShowLogins={() => setShowingLogins(true)}
                onSignOut={signOut}
              />
            </div>
          </header>
          <main className="content">
            {user.passwordChangeRequired ? (
              <ChangePasswordDialog username={user.username} required onClose={() => {}} onSignOut={signOut} />
            ) : (
              <Outlet />
            )}
          </main>
          {changingPassword && !user.passwordChangeRequired && (
            <ChangePasswordDialog
              username={user.username}
              onClose={() => setChangingPassword(false)}
              onSignOut={signOut}
            />
          )}
          {showingLogins && !user.passwordChangeRequired && (
            <LoginsDialog personId={null} username={user.username} onClose={() => setShowingLogins(false)} />
          )}
          {!user.passwordChangeRequired && <BudgetToasts />}
          {!user.passwordChangeRequired && <Attention />}
        </div>
      )}
    </SignedIn>
  );
}

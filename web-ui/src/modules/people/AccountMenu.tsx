import { useEffect, useRef, useState } from 'react';
import type { User } from '../../api/types';
import { roleName } from './roles';
import './people.css';

/**
 * The signed-in person in the top bar: their name and role on a button that opens a menu with
 * "Account and API tokens", "Change password", "Where I'm signed in" and "Log out". Escape or a click elsewhere closes the menu.
 */
export function AccountMenu({
  user,
  signingOut,
  onAccount,
  onChangePassword,
  onShowLogins,
  onSignOut,
}: {
  user: User;
  signingOut: boolean;
  onAccount: () => void;
  onChangePassword: () => void;
  onShowLogins: () => void;
  onSignOut: () => void;
}) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const choose = (action: () => void) => () => {
    setOpen(false);
    action();
  };

  return (
    <div className="account-menu" ref={root}>
      <button
        type="button"
        className="user account-button"
        data-testid="current-user"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((was) => !was)}
      >
        <span title="Signed in as">{user.username}</span>
        <span className="user-roles" title="Role" data-testid="current-roles">
          {user.passwordChangeRequired ? 'Password change required' : user.roles.map(roleName).join(' · ')}
        </span>
      </button>
      {open && (
        <div className="account-menu-items" role="menu">
          {!user.passwordChangeRequired && (
            <button type="button" role="menuitem" data-testid="account-link" onClick={choose(onAccount)}>
              Account and API tokens
            </button>
          )}
          <button type="button" role="menuitem" data-testid="change-password" onClick={choose(onChangePassword)}>
            Change password
          </button>
          {!user.passwordChangeRequired && (
            <button type="button" role="menuitem" data-testid="show-logins" onClick={choose(onShowLogins)}>
              Where I'm signed in
            </button>
          )}
          <button type="button" role="menuitem" data-testid="log-out" disabled={signingOut} onClick={choose(onSignOut)}>
            Log out
          </button>
        </div>
      )}
    </div>
  );
}

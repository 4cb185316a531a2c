import { NavLink } from 'react-router';
import { useInbox } from '../../api/notifyQueries';
import { counted } from './attention';
import { BellIcon } from './BellIcon';
import './notify.css';

/** The top bar's way to the inbox: a bell with how many sessions need you. */
export function InboxLink() {
  const inbox = useInbox();
  const count = inbox.data ? counted(inbox.data).length : 0;
  return (
    <NavLink
      to="/inbox"
      className={`topbar-link inbox-link${count > 0 ? ' inbox-link-waiting' : ''}`}
      data-testid="inbox-link"
      data-count={count}
      data-ready={inbox.isSuccess}
      aria-label={count > 0 ? `Inbox: ${count} sessions need you` : 'Inbox'}
    >
      <BellIcon /> Inbox
      {count > 0 && <span className="inbox-count">{count}</span>}
    </NavLink>
  );
}

import type { Person, Role } from '../../api/types';
import { Badge } from '../../components/Badge';
import { Empty, Failure, Loading } from '../../components/StateViews';
import { fullTime, timeAgo } from '../../modules/format/format';
import { ROLES, roleName } from '../../modules/people/roles';
import './PeoplePage.css';

export interface PeoplePageViewProps {
  /** Undefined while loading or after a failure. */
  people: Person[] | undefined;
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  /** The signed-in admin's user name, marked "you" in the list. */
  me: string;
  /** The id of the account whose change is on its way, if any. */
  busyId: string | null;
  /** The failure of the last change, shown above the list. */
  changeError: unknown;
  onAdd: () => void;
  onRoleChange: (person: Person, role: Role) => void;
  onDisabledChange: (person: Person, disabled: boolean) => void;
  onRemove: (person: Person) => void;
  onShowLogins: (person: Person) => void;
}

/** The People page's markup: the accounts with their role, state and last sign-in, and what an admin can do to each. */
export function PeoplePageView(props: PeoplePageViewProps) {
  return (
    <div className="page people-page">
      <div className="page-header">
        <h1>People</h1>
        <div className="page-actions">
          <button type="button" className="button button-primary" data-testid="add-person" onClick={props.onAdd}>
            Add person
          </button>
        </div>
      </div>
      <p className="muted people-note">
        Changing someone's role, disabling or removing them signs them out everywhere at once: their tokens stop
        working and their open terminals close. Logins shows where someone is signed in and signs out one or all.
      </p>
      {props.changeError ? <Failure error={props.changeError} /> : null}
      <PeopleList {...props} />
    </div>
  );
}

function PeopleList(props: PeoplePageViewProps) {
  if (props.loading) return <Loading what="people" />;
  if (props.error || props.people === undefined) return <Failure error={props.error} onRetry={props.onRetry} />;
  if (props.people.length === 0) return <Empty>No accounts yet.</Empty>;
  return (
    <table className="data-table" data-testid="people">
      <thead>
        <tr>
          <th>User name</th>
          <th>Role</th>
          <th>State</th>
          <th>Last sign-in</th>
          <th>Created</th>
          <th>
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {props.people.map((person) => (
          <PersonRow key={person.id} person={person} {...props} />
        ))}
      </tbody>
    </table>
  );
}

function PersonRow({
  person,
  me,
  busyId,
  onRoleChange,
  onDisabledChange,
  onRemove,
  onShowLogins,
}: PeoplePageViewProps & { person: Person }) {
  const busy = busyId === person.id;
  const self = person.username === me;
  return (
    <tr data-testid="person-row" data-username={person.username} data-disabled={person.disabled}>
      <td data-label="User name">
        <span className="person-name">{person.username}</span>
        {self && <span className="label-chip">you</span>}
        {person.provider && (
          <span
            className="label-chip"
            data-testid="person-provider"
            title={`Signs in through ${person.provider}, which sets the role at each sign-in; no password here`}
          >
            {person.provider}
          </span>
        )}
      </td>
      <td data-label="Role">
        <label className="visually-hidden" htmlFor={`role-${person.id}`}>
          Role of {person.username}
        </label>
        <select
          id={`role-${person.id}`}
          className="role-select"
          data-testid="person-role"
          value={person.role}
          disabled={busy}
          onChange={(event) => onRoleChange(person, event.target.value as Role)}
        >
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {roleName(role)}
            </option>
          ))}
        </select>
      </td>
      <td data-label="State" data-testid="person-state">
        {person.disabled ? (
          <span title={person.disabledAt ? `Disabled ${fullTime(person.disabledAt)}` : undefined}>
            <Badge tone="bad">Disabled</Badge>
          </span>
        ) : person.passwordChangeRequired ? (
          <Badge tone="warn">One-time password</Badge>
        ) : (
          <Badge tone="good">Active</Badge>
        )}
      </td>
      <td data-label="Last sign-in" title={person.lastLoginAt ? fullTime(person.lastLoginAt) : undefined}>
        {person.lastLoginAt ? timeAgo(person.lastLoginAt) : <span className="muted">never</span>}
        {person.liveLogins > 0 && (
          <>
            {' '}
            <span data-testid="person-live-logins">
              <Badge tone="good">
                signed in ({person.liveLogins} {person.liveLogins === 1 ? 'login' : 'logins'})
              </Badge>
            </span>
          </>
        )}
      </td>
      <td data-label="Created" title={fullTime(person.createdAt)}>
        {timeAgo(person.createdAt)}
      </td>
      <td className="person-actions">
        <button
          type="button"
          className="button button-small"
          data-testid="show-person-logins"
          title={`Where ${person.username} is signed in`}
          onClick={() => onShowLogins(person)}
        >
          Logins
        </button>
        <button
          type="button"
          className="button button-small"
          data-testid={person.disabled ? 'enable-person' : 'disable-person'}
          disabled={busy}
          onClick={() => onDisabledChange(person, !person.disabled)}
        >
          {person.disabled ? 'Enable' : 'Disable'}
        </button>
        <button
          type="button"
          className="button button-small button-danger"
          data-testid="remove-person"
          disabled={busy}
          onClick={() => onRemove(person)}
        >
          Remove
        </button>
      </td>
    </tr>
  );
}

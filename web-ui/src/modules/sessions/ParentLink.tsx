import { Link } from 'react-router';
import { useSession } from '../../api/queries';
import { sessionTitle } from './sessionText';

/** The session a companion shell belongs to, by its title (a task, an agent or a plain command). */
export function ParentLink({ id }: { id: string }) {
  const parent = useSession(id);
  return (
    <Link to={`/sessions/${id}`} data-testid="parent-session">
      {parent.data ? sessionTitle(parent.data) : id.slice(0, 8)}
    </Link>
  );
}

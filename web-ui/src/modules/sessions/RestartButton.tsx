import { useNavigate } from 'react-router';
import { errorMessage } from '../../api/client';
import { useCreateSession } from '../../api/queries';
import type { Session } from '../../api/types';
import { Spinner } from '../../components/Spinner';
import { restartRequest } from './restart';

/** Starts an ended session again as a new one (same host, profile, command, directory, task) and opens it. */
export function RestartButton({ session }: { session: Session }) {
  const create = useCreateSession();
  const navigate = useNavigate();
  return (
    <button
      type="button"
      className="button button-small restart-button"
      data-testid="restart"
      title={create.error ? errorMessage(create.error) : 'Start it again as a new session'}
      disabled={create.isPending}
      onClick={() =>
        create.mutate(restartRequest(session), { onSuccess: (next) => navigate(`/sessions/${next.id}`) })
      }
    >
      {create.isPending ? <Spinner label="Restarting" /> : create.error ? 'Restart failed – retry' : 'Restart'}
    </button>
  );
}

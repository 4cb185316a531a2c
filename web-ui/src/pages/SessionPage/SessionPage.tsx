import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import {
  useCreateSession,
  useMe,
  useOpenCompanion,
  useResumeSession,
  useSession,
  useShares,
  useStopSession,
  useUpdateSession,
} from '../../api/queries';
import type { Session } from '../../api/types';
import { restartRequest } from '../../modules/sessions/restart';
import type { ConnectionStatus } from '../../modules/terminal/connection';
import { type SessionActions, SessionPageView } from './SessionPageView';

/** A session's page: loads the session and the viewer's roles, and runs what its buttons ask for. */
export function SessionPage() {
  const { id = '' } = useParams();
  const session = useSession(id);
  const me = useMe();
  const stop = useStopSession(id);
  const resume = useResumeSession(id);
  const companion = useOpenCompanion(id);
  const update = useUpdateSession(id);
  const shares = useShares(id);
  const restart = useCreateSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [connection, setConnection] = useState<ConnectionStatus | null>(null);
  const openSession = (next: Session) => navigate(`/sessions/${next.id}`);

  const onConnectionStatus = useCallback(
    (status: ConnectionStatus) => {
      setConnection(status);
      if (status.state === 'ended') void queryClient.invalidateQueries({ queryKey: ['sessions'] });
    },
    [queryClient],
  );

  const roles = me.data?.roles ?? [];
  const writer = roles.includes('admin') || roles.includes('operator');
  /** Admins, and the operator who started it, own the session: they act on it, set its budget and share it. */
  const ownsIt = roles.includes('admin') || (writer && me.data?.username === session.data?.createdBy);

  const actions: SessionActions = {
    stop: () => stop.mutate(),
    resume: () => resume.mutate(undefined, { onSuccess: openSession }),
    openCompanion: () => companion.mutate(undefined, { onSuccess: openSession }),
    restart: () => session.data && restart.mutate(restartRequest(session.data), { onSuccess: openSession }),
    updateTask: (task, done) => update.mutate(task, { onSuccess: done }),
    stopping: stop.isPending,
    resuming: resume.isPending,
    openingCompanion: companion.isPending,
    restarting: restart.isPending,
    updatingTask: update.isPending,
    error: stop.error ?? resume.error ?? restart.error ?? companion.error,
    taskError: update.error,
  };

  return (
    <SessionPageView
      session={session.data}
      loadError={session.isError ? (isMissing(session.error) ? 'missing' : session.error) : null}
      onRetry={() => void session.refetch()}
      canOperate={
        ownsIt ||
        (writer && shares.data?.some((share) => share.username === me.data?.username && share.access === 'type') === true)
      }
      canEditBudget={ownsIt}
      canShare={ownsIt}
      connection={connection}
      onConnectionStatus={onConnectionStatus}
      actions={actions}
    />
  );
}

/** A session that does not exist and one the viewer may not see both answer 404. */
function isMissing(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}

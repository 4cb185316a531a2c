import { useEffect } from 'react';
import { useParams } from 'react-router';
import { useMe, useSession } from '../../api/queries';
import { Spinner } from '../../components/Spinner';
import { Failure } from '../../components/StateViews';
import { TerminalView } from '../../modules/terminal/TerminalView';

/** A session's terminal alone, filling the window: the pop-out target. It is just another viewer. */
export function TerminalOnlyPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const session = useSession(id);
  const title = session.data?.command.join(' ');

  useEffect(() => {
    if (title) document.title = `${title} · Drover`;
  }, [title]);

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
    <div className="terminal-only">
      <TerminalView sessionId={id} />
    </div>
  );
}

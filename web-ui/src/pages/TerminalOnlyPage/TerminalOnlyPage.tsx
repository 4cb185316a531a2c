import { useEffect } from 'react';
import { useParams } from 'react-router';
import { useSession } from '../../api/queries';
import { SignedIn } from '../../components/SignedIn';
import { sessionTitle } from '../../modules/sessions/sessionText';
import { TerminalView } from '../../modules/terminal/TerminalView';
import './TerminalOnlyPage.css';

/** A session's terminal alone, filling the window: the pop-out target. It is just another viewer. */
export function TerminalOnlyPage() {
  const { id = '' } = useParams();
  const session = useSession(id);
  const title = session.data ? sessionTitle(session.data) : undefined;

  useEffect(() => {
    if (title) document.title = `${title} · Drover`;
  }, [title]);

  return (
    <SignedIn>
      {() => (
        <div className="terminal-only">
          <TerminalView sessionId={id} />
        </div>
      )}
    </SignedIn>
  );
}

import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { isLive, useSession, useSessions } from '../../api/queries';
import type { Session } from '../../api/types';
import { Empty } from '../../components/StateViews';
import { exitBadge, shellTitle } from '../../modules/sessions/shell';
import { BellIcon } from '../../modules/notify/BellIcon';
import { TerminalView } from '../../modules/terminal/TerminalView';
import { parseTabIds, popOutTerminal, rememberTabs, tabForKey, withTab, workspaceHref } from '../../modules/workspace/tabs';
import { sessionPickerLabel, sessionTitle } from '../../modules/sessions/sessionText';
import './WorkspacePage.css';

/**
 * Several terminals in tabs (`/terminals?ids=a,b&tab=b`). Every tab stays attached: a background
 * tab keeps rendering (so its credit window never stalls) but is hidden and sends no resize.
 */
export function WorkspacePage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const sessions = useSessions();
  const ids = useMemo(() => parseTabIds(params.get('ids')), [params]);
  const requested = params.get('tab');
  const active = requested && ids.includes(requested) ? requested : ids[0];
  const byId = useMemo(() => new Map((sessions.data ?? []).map((session) => [session.id, session])), [sessions.data]);

  useEffect(() => rememberTabs(ids), [ids]);

  // Tabs whose terminal rang the bell while in the background; seeing a tab clears its bell.
  const [rang, setRang] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => {
    if (active && rang.has(active)) setRang((now) => new Set([...now].filter((id) => id !== active)));
  }, [active, rang]);
  const bell = (id: string) => {
    if (id !== active) setRang((now) => (now.has(id) ? now : new Set([...now, id])));
  };

  const show = (tabs: string[], tab: string | undefined) => navigate(workspaceHref(tabs, tab), { replace: true });

  useEffect(() => {
    // Capture phase: the shortcut is taken before xterm sees it as input.
    const onKey = (event: KeyboardEvent) => {
      const index = tabForKey(event, ids.length, Math.max(0, ids.indexOf(active ?? '')));
      if (index === null) return;
      event.preventDefault();
      event.stopPropagation();
      show(ids, ids[index]);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  });

  const close = (id: string) => {
    const rest = ids.filter((other) => other !== id);
    show(rest, active === id ? rest[Math.max(0, ids.indexOf(id) - 1)] : active);
  };
  const addable = (sessions.data ?? []).filter((session) => isLive(session) && !ids.includes(session.id));

  return (
    <div className="workspace-page">
      <div className="workspace-tabs" role="tablist" aria-label="Terminals">
        {ids.map((id, index) => (
          <div key={id} className={`workspace-tab${id === active ? ' workspace-tab-active' : ''}`}>
            <button
              type="button"
              role="tab"
              aria-selected={id === active}
              className="workspace-tab-label mono"
              data-testid="workspace-tab"
              data-session={id}
              title={tabTitle(byId.get(id), id, index)}
              onClick={() => show(ids, id)}
            >
              <ShellDot session={byId.get(id)} />
              {tabLabel(byId.get(id), id)}
              {rang.has(id) && (
                <span className="workspace-tab-bell" data-testid="workspace-tab-bell" title="The terminal rang its bell">
                  <BellIcon />
                </span>
              )}
            </button>
            <button
              type="button"
              className="workspace-tab-action"
              aria-label={`Pop out ${tabLabel(byId.get(id), id)}`}
              title="Pop out"
              onClick={() => popOutTerminal(id)}
            >
              ↗
            </button>
            <button
              type="button"
              className="workspace-tab-action"
              aria-label={`Close ${tabLabel(byId.get(id), id)}`}
              title="Close tab"
              onClick={() => close(id)}
            >
              ×
            </button>
          </div>
        ))}
        {addable.length > 0 && (
          <select
            className="workspace-add"
            aria-label="Open a session in a tab"
            data-testid="workspace-add"
            value=""
            onChange={(event) => event.target.value && show(withTab(ids, event.target.value), event.target.value)}
          >
            <option value="">+ Add…</option>
            {addable.map((session) => (
              <option key={session.id} value={session.id}>
                {sessionPickerLabel(session)}
              </option>
            ))}
          </select>
        )}
      </div>
      {ids.length === 0 ? (
        <div className="page">
          <Empty>
            No terminals open. Open sessions here with “Open in tab” on the <Link to="/">fleet</Link> or a session
            page.
          </Empty>
        </div>
      ) : (
        <div className="workspace-panes">
          {ids.map((id) => (
            <TabPane key={id} id={id} active={id === active} onBell={() => bell(id)} />
          ))}
        </div>
      )}
    </div>
  );
}

/** One tab's terminal; a session that does not exist (or may not be seen) says so instead of retrying. */
function TabPane({ id, active, onBell }: { id: string; active: boolean; onBell: () => void }) {
  const session = useSession(id);
  if (session.error instanceof ApiError && session.error.status === 404) {
    return (
      <div className="terminal-frame" hidden={!active} data-testid="missing-session">
        <Empty>No such session: {id} does not exist or you may not see it. Close its tab with ×.</Empty>
      </div>
    );
  }
  return <TerminalView sessionId={id} active={active} onBell={onBell} />;
}

function tabLabel(session: Session | undefined, id: string): string {
  return session ? sessionTitle(session) : id.slice(0, 8);
}

function tabTitle(session: Session | undefined, id: string, index: number): string {
  const title = `${tabLabel(session, id)}${index < 9 ? ` (Alt+${index + 1})` : ''}`;
  return session?.shell ? `${title}\n${shellTitle(session.shell, isLive(session))}` : title;
}

/** A dot in the tab with the colour of the shell's exit badge: running, last command succeeded or failed. */
function ShellDot({ session }: { session: Session | undefined }) {
  const badge = session?.shell ? exitBadge(session.shell, isLive(session)) : null;
  if (!badge) return null;
  return <span className={`shell-dot shell-dot-${badge.tone}`} data-testid="shell-dot" aria-label={badge.label} />;
}

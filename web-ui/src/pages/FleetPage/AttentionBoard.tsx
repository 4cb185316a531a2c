import { Fragment, useEffect, useRef, useState, type CSSProperties } from 'react';
import { Link, useNavigate } from 'react-router';
import { useSessionPage, useSessionScreen } from '../../api/queries';
import type { Session } from '../../api/types';
import { Empty, Failure, Loading } from '../../components/StateViews';
import { ContextBar } from '../../modules/context/ContextBar';
import { PromptDialog } from '../../modules/prompts/PromptDialog';
import { ActivityBadge } from '../../modules/sessions/ActivityBadge';
import { shownActivity } from '../../modules/sessions/activity';
import { attentionGroup, byAttention, inStateSince, nextNeedingYou, stateFor } from '../../modules/sessions/attention';
import { SessionStateBadge } from '../../modules/sessions/SessionStateBadge';
import { sessionTitle } from '../../modules/sessions/sessionText';
import { styledRuns, type StyledRun } from '../../modules/terminal/styledRow';
import { isTyping } from './keys';

/** The newest sessions the board looks at; ended ones beyond {@link ENDED_SHOWN} are left to the list below. */
const BOARD_QUERY = { limit: 100, page: 1 } as const;
const ENDED_SHOWN = 6;
/** The last rows of a screen a thumbnail shows. */
const THUMBNAIL_ROWS = 10;

/**
 * Live sessions by the attention they need (needs-you, working, idle, then the latest ended), as cards
 * with a thumbnail of their screen and how long they have been in their state. Keys: j / k move
 * between cards, ] (or g n) jumps to the next that needs you, x selects, i selects every idle session,
 * Enter opens, p prompts the selection.
 */
export function AttentionBoard({ canPrompt }: { canPrompt: boolean }) {
  const list = useSessionPage(BOARD_QUERY);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [prompting, setPrompting] = useState<Session[] | null>(null);
  const [focused, setFocused] = useState(-1);
  const cards = useRef<(HTMLElement | null)[]>([]);
  const navigate = useNavigate();
  const now = useNow(1000);

  const all = byAttention(list.data?.sessions ?? []);
  const ended = all.filter((session) => attentionGroup(session) === 'ended').slice(0, ENDED_SHOWN);
  const sessions = [...all.filter((session) => attentionGroup(session) !== 'ended'), ...ended];
  const chosen = sessions.filter((session) => selected.has(session.id) && attentionGroup(session) !== 'ended');

  const latest = useRef({ sessions, focused, chosen, prompting });
  latest.current = { sessions, focused, chosen, prompting };

  useEffect(() => {
    let pendingG = false;
    const focus = (at: number) => {
      if (at < 0) return;
      setFocused(at);
      cards.current[at]?.focus();
    };
    const onKey = (event: KeyboardEvent) => {
      const { sessions: shown, focused: at, chosen: picked, prompting: open } = latest.current;
      if (open !== null || isTyping(event) || shown.length === 0) return;
      const key = event.key;
      const afterG = pendingG;
      pendingG = key === 'g';
      if (key === 'j') focus(Math.min(at + 1, shown.length - 1));
      else if (key === 'k') focus(Math.max(at - 1, 0));
      else if (key === ']' || (afterG && key === 'n')) focus(nextNeedingYou(shown, at));
      else if (key === 'x' && at >= 0) toggle(shown[at].id);
      else if (key === 'i' && canPrompt) selectIdle(shown);
      else if (key === 'Enter' && at >= 0 && document.activeElement === cards.current[at]) navigate(`/sessions/${shown[at].id}`);
      else if (key === 'p' && canPrompt && picked.length > 0) setPrompting(picked);
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [canPrompt, navigate]);

  const toggle = (id: string) =>
    setSelected((before) => {
      const next = new Set(before);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const selectIdle = (shown: Session[]) => setSelected(new Set(idleOf(shown).map((session) => session.id)));

  if (list.isPending) return <Loading what="sessions" />;
  if (list.isError) return <Failure error={list.error} onRetry={() => list.refetch()} />;
  if (sessions.length === 0) return <Empty>No sessions to look at.</Empty>;
  const needingYou = sessions.filter((session) => attentionGroup(session) === 'needs-you').length;
  return (
    <>
      <div className="board-toolbar">
        <span data-testid="needing-you" data-count={needingYou}>
          {needingYou === 0 ? 'Nobody waits for you.' : `${needingYou} ${needingYou === 1 ? 'session needs' : 'sessions need'} you.`}
        </span>
        <span className="muted board-keys" data-testid="board-keys">
          <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>]</kbd> or <kbd>g</kbd> <kbd>n</kbd> next needing you · <kbd>x</kbd> select ·{' '}
          <kbd>Enter</kbd> open{canPrompt && <> · <kbd>i</kbd> select all idle · <kbd>p</kbd> prompt the selection</>}
        </span>
        {canPrompt && (
          <button
            type="button"
            className="button"
            data-testid="select-idle"
            disabled={idleOf(sessions).length === 0}
            onClick={() => selectIdle(sessions)}
          >
            Select all idle <kbd>i</kbd>
          </button>
        )}
        {canPrompt && (
          <button
            type="button"
            className="button button-primary"
            data-testid="prompt-selected"
            disabled={chosen.length === 0}
            onClick={() => setPrompting(chosen)}
          >
            Prompt {chosen.length === 0 ? 'selected' : chosen.length} <kbd>p</kbd>
          </button>
        )}
      </div>
      <div className="board" data-testid="attention-board">
        {sessions.map((session, at) => (
          <SessionCard
            key={session.id}
            session={session}
            now={now}
            focused={at === focused}
            selectable={canPrompt && attentionGroup(session) !== 'ended'}
            selected={selected.has(session.id)}
            onSelect={() => toggle(session.id)}
            onFocus={() => setFocused(at)}
            cardRef={(element) => {
              cards.current[at] = element;
            }}
          />
        ))}
      </div>
      {prompting && <PromptDialog sessions={prompting} onClose={() => setPrompting(null)} />}
    </>
  );
}

/** The sessions whose agents are idle: ready for a prompt. */
function idleOf(sessions: Session[]): Session[] {
  return sessions.filter((session) => attentionGroup(session) === 'idle');
}

interface SessionCardProps {
  session: Session;
  now: number;
  focused: boolean;
  selectable: boolean;
  selected: boolean;
  onSelect: () => void;
  onFocus: () => void;
  cardRef: (element: HTMLElement | null) => void;
}

function SessionCard({ session, now, focused, selectable, selected, onSelect, onFocus, cardRef }: SessionCardProps) {
  const group = attentionGroup(session);
  const shown = shownActivity(session);
  const [element, setElement] = useState<HTMLElement | null>(null);
  const visible = useVisible(element) && group !== 'ended';
  return (
    <article
      ref={(node) => {
        setElement(node);
        cardRef(node);
      }}
      tabIndex={0}
      onFocus={onFocus}
      className={`attention-card attention-${group}${focused ? ' attention-focused' : ''}`}
      data-testid="attention-card"
      data-session={session.id}
      data-group={group}
      aria-label={`${sessionTitle(session)}: ${shown?.label ?? session.state}`}
    >
      <header className="attention-card-header">
        {selectable && (
          <input
            type="checkbox"
            aria-label={`Select ${sessionTitle(session)}`}
            data-testid="select-session"
            checked={selected}
            onChange={onSelect}
          />
        )}
        <Link to={`/sessions/${session.id}`} className="row-link attention-title" tabIndex={-1}>
          {sessionTitle(session)}
        </Link>
        <span className="muted attention-host">{session.hostName}</span>
      </header>
      <div className="attention-state">
        {shown ? <ActivityBadge session={session} /> : <SessionStateBadge state={session.state} />}{' '}
        <span className="muted" data-testid="state-for" title={new Date(inStateSince(session)).toLocaleString()}>
          for {stateFor(inStateSince(session), now)}
        </span>
        {shown?.detail && (
          <div className="mono attention-detail" data-testid="attention-detail">
            {shown.detail}
          </div>
        )}
      </div>
      {group !== 'ended' && <ContextBar session={session} />}
      {group !== 'ended' && <Thumbnail id={session.id} visible={visible} />}
    </article>
  );
}

/** The last rows of the session's screen with text in them, in their colours, from its daemon's terminal model. */
function Thumbnail({ id, visible }: { id: string; visible: boolean }) {
  const screen = useSessionScreen(id, visible);
  const lines = screen.data?.lines ?? [];
  let last = lines.length;
  while (last > 0 && lines[last - 1] === '') last--;
  const first = Math.max(0, last - THUMBNAIL_ROWS);
  const styled = screen.data?.styledLines;
  return (
    <pre className="thumbnail" data-testid="thumbnail" data-state={screen.data ? 'shown' : screen.isError ? 'unavailable' : 'loading'}>
      {screen.isError
        ? 'no screen'
        : styled
          ? styled.slice(first, last).map((row, at) => (
              <Fragment key={at}>
                {at > 0 && '\n'}
                {styledRuns(row).map((run, index) => (
                  <span key={index} style={runStyle(run)}>
                    {run.text}
                  </span>
                ))}
              </Fragment>
            ))
          : lines.slice(first, last).join('\n')}
    </pre>
  );
}

function runStyle(run: StyledRun): CSSProperties | undefined {
  if (!run.color && !run.background && !run.bold && !run.dim && !run.italic && !run.underline) return undefined;
  return {
    color: run.color,
    background: run.background,
    fontWeight: run.bold ? 'bold' : undefined,
    opacity: run.dim ? 0.6 : undefined,
    fontStyle: run.italic ? 'italic' : undefined,
    textDecoration: run.underline ? 'underline' : undefined,
  };
}

/** Whether `element` is on screen now (an IntersectionObserver), so hidden cards fetch nothing. */
function useVisible(element: Element | null): boolean {
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    if (!element || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => setVisible(entries.some((entry) => entry.isIntersecting)));
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);
  return visible;
}

/** The time now, renewed every `everyMs`, for "for 3m" timers. */
function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { useConversation, useConversationMessages, useResumeConversation } from '../../api/conversationQueries';
import { messageElementId } from '../../modules/conversations/ConversationThread';
import { ConversationPageView } from './ConversationPageView';

/** How close to the end of the page counts as "at the bottom", where new messages are followed. */
const BOTTOM_SLACK_PX = 48;
/** Frames to wait for a message to be drawn (its fold opening) before giving up scrolling to it. */
const SCROLL_TRIES = 20;

/** The message a link points at (?seq=, a search hit or a timeline pick), or null. */
function targetOf(params: URLSearchParams): number | null {
  const seq = params.get('seq');
  return seq !== null && /^\d+$/.test(seq) ? Number(seq) : null;
}

/**
 * One archived conversation (docs/conversations.md), growing while its agent writes. The view keeps its place when
 * new messages come, and follows them when the reader is at the bottom; a search hit's message is opened and shown.
 */
export function ConversationPage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const target = targetOf(params);
  const conversation = useConversation(id);
  const messages = useConversationMessages(id);
  const resume = useResumeConversation(id);
  const navigate = useNavigate();
  const [showThinking, setShowThinking] = useState(false);
  const [wide] = useState(() => window.matchMedia('(min-width: 1100px)').matches);
  const atBottom = useRef(false);
  const shownTarget = useRef<number | null>(null);

  useEffect(() => {
    const onScroll = () => {
      const page = document.documentElement;
      atBottom.current = window.innerHeight + window.scrollY >= page.scrollHeight - BOTTOM_SLACK_PX;
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => window.removeEventListener('scroll', onScroll);
  }, []);

  const count = messages.data?.length ?? 0;
  useLayoutEffect(() => {
    if (atBottom.current) window.scrollTo({ top: document.documentElement.scrollHeight });
  }, [count]);

  useEffect(() => {
    if (target === null || count === 0 || shownTarget.current === target) return;
    shownTarget.current = target;
    let tries = 0;
    let frame = 0;
    const show = () => {
      const element = document.getElementById(messageElementId(target));
      if (element) element.scrollIntoView({ block: 'center' });
      else if (++tries < SCROLL_TRIES) frame = requestAnimationFrame(show);
    };
    frame = requestAnimationFrame(show);
    return () => cancelAnimationFrame(frame);
  }, [target, count]);

  return (
    <ConversationPageView
      conversation={conversation.data}
      loadError={conversation.isError ? (isMissing(conversation.error) ? 'missing' : conversation.error) : null}
      onRetry={() => void conversation.refetch()}
      messages={messages.data}
      messagesError={messages.error}
      showThinking={showThinking}
      onShowThinking={setShowThinking}
      target={target}
      onPick={(seq) => {
        shownTarget.current = null;
        setParams({ seq: String(seq) }, { replace: true });
      }}
      timelineOpen={wide}
      resuming={resume.isPending}
      resumeError={resume.error}
      onResume={() => resume.mutate(undefined, { onSuccess: (session) => navigate(`/sessions/${session.id}`) })}
    />
  );
}

/** A conversation that does not exist and one the viewer may not see both answer 404. */
function isMissing(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}

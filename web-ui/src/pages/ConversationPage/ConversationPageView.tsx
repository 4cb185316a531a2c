import { useMemo } from 'react';
import { Link } from 'react-router';
import { ApiError, errorMessage } from '../../api/client';
import type { Conversation, ConversationMessage } from '../../api/types';
import { Badge } from '../../components/Badge';
import { BusyButton } from '../../components/BusyButton';
import { Empty, Failure, Loading } from '../../components/StateViews';
import { ConversationThread } from '../../modules/conversations/ConversationThread';
import { projectName } from '../../modules/conversations/filters';
import { TokenBadge } from '../../modules/conversations/TokenBadge';
import { ToolTimeline } from '../../modules/conversations/ToolTimeline';
import { toolTimeline } from '../../modules/conversations/thread';
import { fullTime, timeAgo } from '../../modules/format/format';
import './ConversationPage.css';

export interface ConversationPageViewProps {
  conversation: Conversation | undefined;
  /** 'missing' for a 404 (absent or not the viewer's to see), another error, or null. */
  loadError: 'missing' | unknown;
  onRetry: () => void;
  messages: ConversationMessage[] | undefined;
  messagesError: unknown;
  showThinking: boolean;
  onShowThinking: (show: boolean) => void;
  target: number | null;
  onPick: (seq: number) => void;
  timelineOpen: boolean;
  resuming: boolean;
  resumeError: unknown;
  onResume: () => void;
}

/** Why a resume failed, in words: 409 is the resume lock. */
export function resumeFailure(error: unknown): string {
  if (error instanceof ApiError && error.status === 409) {
    return `Someone is already resuming this conversation: ${error.problem.detail ?? 'wait for that session, then try again'}.`;
  }
  return errorMessage(error);
}

/** A conversation page's markup: what it is, Resume, the tool timeline and the thread. */
export function ConversationPageView(props: ConversationPageViewProps) {
  const { conversation } = props;
  const timeline = useMemo(() => toolTimeline(props.messages ?? []), [props.messages]);
  if (props.loadError === 'missing') {
    return (
      <div className="page">
        <Empty>
          <p>No such conversation, or it is not yours to read.</p>
          <Link to="/conversations" className="button">
            All conversations
          </Link>
        </Empty>
      </div>
    );
  }
  if (props.loadError) return <div className="page"><Failure error={props.loadError} onRetry={props.onRetry} /></div>;
  if (conversation === undefined) return <div className="page"><Loading what="the conversation" /></div>;

  return (
    <div className="page conversation-page" data-testid="conversation-page" data-conversation={conversation.id}>
      <header className="conversation-header">
        <div className="conversation-heading">
          <Link to="/conversations" className="back" aria-label="Back to all conversations">
            ←
          </Link>
          <h1 className="conversation-title">{conversation.title || 'Untitled conversation'}</h1>
        </div>
        <div className="archive-meta">
          <Badge tone="info">{conversation.agent}</Badge>
          <span>{conversation.hostName ?? 'unknown host'}</span>
          <span title={conversation.project ?? undefined}>{projectName(conversation.project)}</span>
          {conversation.createdBy && <span>{conversation.createdBy}</span>}
          <span data-testid="message-count">{conversation.messageCount} messages</span>
          <time dateTime={conversation.startedAt} title={fullTime(conversation.startedAt)}>
            started {timeAgo(conversation.startedAt)}
          </time>
          <TokenBadge tokens={conversation} />
          {conversation.sessionId && <Link to={`/sessions/${conversation.sessionId}`}>Session</Link>}
          {conversation.resumedBySessionId && (
            <Link to={`/sessions/${conversation.resumedBySessionId}`} data-testid="resumed-by">
              Resumed in a session
            </Link>
          )}
        </div>
        <div className="conversation-actions">
          <label className="check">
            <input
              type="checkbox"
              checked={props.showThinking}
              onChange={(event) => props.onShowThinking(event.target.checked)}
              data-testid="show-thinking"
            />
            <span>Show thinking</span>
          </label>
          <BusyButton
            testId="resume-conversation"
            label="Resume"
            busy={props.resuming}
            busyLabel="Resuming"
            tone="primary"
            disabled={!conversation.resumable}
            title={
              conversation.resumable
                ? 'Start a session on its host that continues this conversation'
                : 'Its host is offline or its agent cannot resume conversations'
            }
            onClick={props.onResume}
          />
        </div>
        {props.resumeError ? (
          <p className="form-error" role="alert" data-testid="resume-error">
            {resumeFailure(props.resumeError)}
          </p>
        ) : null}
      </header>
      <div className="conversation-body">
        <ToolTimeline entries={timeline} open={props.timelineOpen} onPick={props.onPick} />
        <Messages {...props} />
      </div>
    </div>
  );
}

function Messages({ messages, messagesError, showThinking, target }: ConversationPageViewProps) {
  if (messages === undefined) {
    return messagesError ? <Failure error={messagesError} /> : <Loading what="messages" />;
  }
  if (messages.length === 0) return <Empty>No messages yet.</Empty>;
  return <ConversationThread messages={messages} showThinking={showThinking} target={target} />;
}

import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { ConversationMessage } from '../../api/types';
import { Badge } from '../../components/Badge';
import { fullTime } from '../format/format';
import { Markdown } from './Markdown';
import { TokenBadge } from './TokenBadge';
import {
  buildThread,
  callHolds,
  prettyInput,
  type SubagentNode,
  type ThreadItem,
  type ToolCall,
  toolHint,
} from './thread';
import './conversations.css';

interface Reading {
  /** Whether thinking is shown (hidden by default); a thinking message that is the target shows anyway. */
  showThinking: boolean;
  /** The message to open and show (a search hit, a timeline pick); null for none. */
  target: number | null;
}

const ROLE_LABELS: Record<ConversationMessage['role'], string> = {
  user: 'User',
  assistant: 'Assistant',
  system: 'System',
  tool: 'Tool',
};

/** The element id of a message, for scrolling to it. */
export function messageElementId(seq: number): string {
  return `seq-${seq}`;
}

/**
 * A conversation as it is read: turns as markdown, tool calls folded with their results, thinking hidden unless
 * asked for, sub-agents as nested nodes with their own turns, tools and token totals.
 */
export function ConversationThread({ messages, ...reading }: { messages: ConversationMessage[] } & Reading) {
  const thread = useMemo(() => buildThread(messages), [messages]);
  return (
    <div className="thread" data-testid="thread">
      <Items items={thread.items} {...reading} />
    </div>
  );
}

function Items({ items, ...reading }: { items: ThreadItem[] } & Reading) {
  return items.map((item) => {
    switch (item.type) {
      case 'message':
        return <MessageView key={item.message.seq} message={item.message} {...reading} />;
      case 'tool':
        return <ToolCallView key={`tool-${(item.call.use ?? item.call.result)!.seq}`} call={item.call} {...reading} />;
      case 'subagent':
        return <SubagentView key={`sub-${item.node.id}`} node={item.node} {...reading} />;
    }
  });
}

function MessageView({ message, showThinking, target }: { message: ConversationMessage } & Reading) {
  const thinking = message.kind === 'thinking';
  if (thinking && !showThinking && message.seq !== target) return null;
  return (
    <article
      id={messageElementId(message.seq)}
      className={`turn turn-${message.role}${thinking ? ' turn-thinking' : ''}${message.seq === target ? ' turn-target' : ''}`}
      data-testid="message"
      data-seq={message.seq}
      data-role={message.role}
      data-kind={message.kind}
    >
      <header className="turn-header">
        <span className="turn-role">{thinking ? 'Thinking' : ROLE_LABELS[message.role]}</span>
        <time className="muted" dateTime={message.at} title={fullTime(message.at)}>
          {new Date(message.at).toLocaleTimeString()}
        </time>
        {message.model && <span className="muted turn-model">{message.model}</span>}
        <TokenBadge tokens={message} />
      </header>
      <Markdown text={message.text} />
    </article>
  );
}

/**
 * A `<details>` whose content is built only once it is opened (a long conversation holds thousands of tool results),
 * opened by itself when it holds the target.
 */
function Fold({
  holdsTarget,
  className,
  summary,
  children,
  ...data
}: {
  holdsTarget: boolean;
  className: string;
  summary: ReactNode;
  children: () => ReactNode;
  [data: `data-${string}`]: string | number | undefined;
}) {
  const [open, setOpen] = useState(holdsTarget);
  useEffect(() => {
    if (holdsTarget) setOpen(true);
  }, [holdsTarget]);
  return (
    <details className={className} open={open} onToggle={(event) => setOpen(event.currentTarget.open)} {...data}>
      <summary>{summary}</summary>
      {open && children()}
    </details>
  );
}

function ToolCallView({ call, target }: { call: ToolCall } & Reading) {
  const { use, result } = call;
  const first = (use ?? result)!;
  const failed = result?.isError === true;
  return (
    <Fold
      holdsTarget={callHolds(call, target)}
      className={`tool-call${failed ? ' tool-call-failed' : ''}`}
      data-testid="tool-call"
      data-tool={first.toolName ?? undefined}
      data-seq={first.seq}
      summary={
        <span id={messageElementId(first.seq)} className="tool-summary">
          <span className="tool-name">{first.toolName ?? 'tool'}</span>
          {use && <span className="tool-hint">{toolHint(use.text)}</span>}
          {failed ? <Badge tone="bad">error</Badge> : result === null ? <Badge tone="muted">no result</Badge> : null}
          {use && <TokenBadge tokens={use} />}
        </span>
      }
    >
      {() => (
        <div className="tool-body">
          {use && (
            <section>
              <h4>Input</h4>
              <pre className="tool-text">{prettyInput(use.text)}</pre>
            </section>
          )}
          {result && (
            <section id={use ? messageElementId(result.seq) : undefined} className={result.seq === target ? 'turn-target' : undefined}>
              <h4>{failed ? 'Error' : 'Result'}</h4>
              <pre className="tool-text" data-testid="tool-result">
                {result.text}
              </pre>
            </section>
          )}
        </div>
      )}
    </Fold>
  );
}

function SubagentView({ node, ...reading }: { node: SubagentNode } & Reading) {
  return (
    <Fold
      holdsTarget={reading.target !== null && node.seqs.has(reading.target)}
      className="subagent"
      data-testid="subagent"
      data-subagent={node.id}
      summary={
        <span className="subagent-summary">
          <span className="subagent-name">Sub-agent {node.id}</span>
          <span className="muted">
            {node.seqs.size} {node.seqs.size === 1 ? 'message' : 'messages'} · {node.toolCalls}{' '}
            {node.toolCalls === 1 ? 'tool call' : 'tool calls'}
          </span>
          <TokenBadge tokens={node.tokens} />
        </span>
      }
    >
      {() => (
        <div className="subagent-body">
          <Items items={node.items} {...reading} />
        </div>
      )}
    </Fold>
  );
}

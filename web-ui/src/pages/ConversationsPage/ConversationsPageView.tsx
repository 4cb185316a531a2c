import type { RefObject } from 'react';
import { Link } from 'react-router';
import type { ConversationPage } from '../../api/client';
import type { Conversation, ConversationTreeHost, SearchHit, SearchResult } from '../../api/types';
import { Badge } from '../../components/Badge';
import { Empty, Failure, Loading } from '../../components/StateViews';
import { ConversationTree } from '../../modules/conversations/ConversationTree';
import { type ArchiveFilter, projectName } from '../../modules/conversations/filters';
import { Snippet } from '../../modules/conversations/Snippet';
import { TokenBadge } from '../../modules/conversations/TokenBadge';
import { fullTime, timeAgo } from '../../modules/format/format';
import './ConversationsPage.css';

/** A query's state as the view needs it. */
export interface Loaded<T> {
  data: T | undefined;
  pending: boolean;
  error: unknown;
  retry: () => void;
  pageSize: number;
}

/** The agents the agent filter suggests (any other profile id can be typed). */
const AGENTS = ['claude', 'codex', 'gemini'];

export interface ConversationsPageViewProps {
  filter: ArchiveFilter;
  /** The search box's text, ahead of the URL while typing. */
  typed: string;
  searchBox: RefObject<HTMLInputElement | null>;
  onType: (text: string) => void;
  onFilter: (change: Partial<ArchiveFilter>) => void;
  onPage: (page: number) => void;
  tree: { data: ConversationTreeHost[] | undefined; isPending: boolean; error: unknown };
  /** The conversation list, or null while searching. */
  list: Loaded<ConversationPage> | null;
  /** The search hits, or null without search words. */
  hits: Loaded<SearchResult> | null;
}

/** The Conversations page's markup: search and filters, the host → project tree, conversations or search hits. */
export function ConversationsPageView(props: ConversationsPageViewProps) {
  const { filter, onFilter } = props;
  const field = (name: 'agent' | 'user' | 'from' | 'to') => ({
    value: filter[name],
    onChange: (event: { target: { value: string } }) => onFilter({ [name]: event.target.value }),
  });
  return (
    <div className="page conversations-page">
      <div className="page-header">
        <h1>Conversations</h1>
      </div>
      <form className="archive-filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <label className="field archive-search">
          <span className="visually-hidden">Search every conversation</span>
          <input
            ref={props.searchBox}
            type="search"
            placeholder="Search every conversation  ( / )"
            autoCapitalize="none"
            autoCorrect="off"
            spellCheck={false}
            value={props.typed}
            onChange={(event) => props.onType(event.target.value)}
            data-testid="conversation-search"
          />
        </label>
        <label className="field">
          <span>Agent</span>
          <input list="archive-agents" placeholder="any" data-testid="filter-agent" {...field('agent')} />
          <datalist id="archive-agents">
            {AGENTS.map((agent) => (
              <option key={agent} value={agent} />
            ))}
          </datalist>
        </label>
        <label className="field">
          <span>Person</span>
          <input placeholder="any" autoCapitalize="none" data-testid="filter-user" {...field('user')} />
        </label>
        <label className="field">
          <span>From</span>
          <input type="date" data-testid="filter-from" {...field('from')} />
        </label>
        <label className="field">
          <span>To</span>
          <input type="date" data-testid="filter-to" {...field('to')} />
        </label>
      </form>
      <div className="archive-layout">
        <aside className="archive-side">
          {props.tree.isPending ? (
            <Loading what="hosts" />
          ) : props.tree.data === undefined ? (
            <Failure error={props.tree.error} />
          ) : (
            <ConversationTree
              hosts={props.tree.data}
              hostId={filter.hostId}
              project={filter.project}
              onPick={(hostId, project) => onFilter({ hostId, project })}
            />
          )}
        </aside>
        <section className="archive-main" aria-live="polite">
          {props.hits ? (
            <Hits hits={props.hits} page={filter.page} onPage={props.onPage} />
          ) : (
            props.list && <Conversations list={props.list} page={filter.page} onPage={props.onPage} />
          )}
        </section>
      </div>
    </div>
  );
}

function Conversations({ list, page, onPage }: { list: Loaded<ConversationPage>; page: number; onPage: (page: number) => void }) {
  if (list.pending) return <Loading what="conversations" />;
  if (list.data === undefined) return <Failure error={list.error} onRetry={list.retry} />;
  if (list.data.conversations.length === 0) return <Empty>No conversations match.</Empty>;
  return (
    <>
      <ul className="archive-list" data-testid="conversation-list">
        {list.data.conversations.map((conversation) => (
          <ConversationRow key={conversation.id} conversation={conversation} />
        ))}
      </ul>
      <Paging page={page} shown={list.data.conversations.length} total={list.data.total} pageSize={list.pageSize} onPage={onPage} />
    </>
  );
}

function ConversationRow({ conversation }: { conversation: Conversation }) {
  return (
    <li className="archive-row" data-testid="conversation-row" data-conversation={conversation.id}>
      <Link to={`/conversations/${conversation.id}`} className="archive-title">
        {conversation.title || 'Untitled conversation'}
      </Link>
      <div className="archive-meta">
        <Badge tone="info">{conversation.agent}</Badge>
        <span>{conversation.hostName ?? 'unknown host'}</span>
        <span title={conversation.project ?? undefined}>{projectName(conversation.project)}</span>
        {conversation.createdBy && <span>{conversation.createdBy}</span>}
        <span>{conversation.messageCount} messages</span>
        <time dateTime={conversation.updatedAt} title={fullTime(conversation.updatedAt)}>
          {timeAgo(conversation.updatedAt)}
        </time>
        <TokenBadge tokens={conversation} />
      </div>
    </li>
  );
}

function Hits({ hits, page, onPage }: { hits: Loaded<SearchResult>; page: number; onPage: (page: number) => void }) {
  if (hits.pending) return <Loading what="search hits" />;
  if (hits.data === undefined) return <Failure error={hits.error} onRetry={hits.retry} />;
  const { data } = hits;
  return (
    <>
      <p className="muted archive-took" data-testid="search-total">
        {data.total} {data.total === 1 ? 'message' : 'messages'} in {data.tookMs} ms
      </p>
      {data.hits.length === 0 ? (
        <Empty>No message has these words.</Empty>
      ) : (
        <ul className="archive-list" data-testid="search-hits">
          {data.hits.map((hit) => (
            <HitRow key={`${hit.conversationId}:${hit.messageSeq}`} hit={hit} />
          ))}
        </ul>
      )}
      <Paging page={page} shown={data.hits.length} total={data.total} pageSize={hits.pageSize} onPage={onPage} />
    </>
  );
}

function HitRow({ hit }: { hit: SearchHit }) {
  return (
    <li className="archive-row" data-testid="search-hit" data-role={hit.role} data-kind={hit.kind}>
      <Link to={`/conversations/${hit.conversationId}?seq=${hit.messageSeq}`} className="archive-title">
        {hit.title || 'Untitled conversation'}
      </Link>
      <p className="archive-snippet">
        <Snippet snippet={hit.snippet} />
      </p>
      <div className="archive-meta">
        <Badge tone="muted">{hit.toolName ? `${hit.role} · ${hit.toolName}` : hit.role}</Badge>
        <Badge tone="info">{hit.agent}</Badge>
        <span>{hit.hostName ?? 'unknown host'}</span>
        <span title={hit.project ?? undefined}>{projectName(hit.project)}</span>
        <time dateTime={hit.at} title={fullTime(hit.at)}>
          {timeAgo(hit.at)}
        </time>
      </div>
    </li>
  );
}

function Paging({
  page,
  shown,
  total,
  pageSize,
  onPage,
}: {
  page: number;
  shown: number;
  total: number;
  pageSize: number;
  onPage: (page: number) => void;
}) {
  if (total <= pageSize && page === 1) return null;
  const first = (page - 1) * pageSize + 1;
  return (
    <div className="archive-paging">
      <span className="muted">
        {shown === 0 ? 0 : first}–{first + shown - 1} of {total}
      </span>
      <button type="button" className="button button-small" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        Previous
      </button>
      <button
        type="button"
        className="button button-small"
        data-testid="next-page"
        disabled={first + shown - 1 >= total}
        onClick={() => onPage(page + 1)}
      >
        Next
      </button>
    </div>
  );
}

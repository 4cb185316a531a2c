import type { UseQueryResult } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useConversationPage, useConversationTree, useSearch } from '../../api/conversationQueries';
import {
  type ArchiveFilter,
  filterParams,
  listQuery,
  parseFilter,
  searchQuery,
} from '../../modules/conversations/filters';
import { isTyping } from '../FleetPage/keys';
import { ConversationsPageView, type Loaded } from './ConversationsPageView';

const PAGE_SIZE = 50;

function loaded<T>(query: UseQueryResult<T>, pageSize: number): Loaded<T> {
  return { data: query.data, pending: query.isPending, error: query.error, retry: () => void query.refetch(), pageSize };
}
const HITS_PAGE_SIZE = 20;
/** Typing pauses this long before the words are searched. */
const SEARCH_DELAY_MS = 250;

/**
 * The conversation archive (docs/conversations.md): hosts and projects as a tree, the conversations that match the
 * filters, or the messages that match the search words. Its filters live in the URL.
 */
export function ConversationsPage() {
  const [params, setParams] = useSearchParams();
  const filter = parseFilter(params);
  const [typed, setTyped] = useState(filter.q);
  // The words follow the URL when it changes by other means (back, a link), not when the box itself put them there.
  const [seen, setSeen] = useState(filter.q);
  const pushed = useRef(filter.q);
  if (seen !== filter.q) {
    setSeen(filter.q);
    if (filter.q !== pushed.current) setTyped(filter.q);
  }
  const searchBox = useRef<HTMLInputElement>(null);
  const searching = filter.q.trim() !== '';
  const tree = useConversationTree();
  const list = useConversationPage(listQuery(filter, PAGE_SIZE), !searching);
  const hits = useSearch(searchQuery(filter, HITS_PAGE_SIZE), searching);

  const show = (change: Partial<ArchiveFilter>) =>
    setParams(filterParams({ ...filter, page: 1, ...change }), { replace: 'q' in change });

  useEffect(() => {
    if (typed === filter.q) return;
    const timer = setTimeout(() => {
      pushed.current = typed;
      show({ q: typed });
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [typed, params]); // show is rebuilt from params
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '/' || isTyping(event)) return;
      event.preventDefault();
      searchBox.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  return (
    <ConversationsPageView
      filter={filter}
      typed={typed}
      searchBox={searchBox}
      onType={setTyped}
      onFilter={show}
      onPage={(page) => setParams(filterParams({ ...filter, page }))}
      tree={tree}
      list={searching ? null : loaded(list, PAGE_SIZE)}
      hits={searching ? loaded(hits, HITS_PAGE_SIZE) : null}
    />
  );
}

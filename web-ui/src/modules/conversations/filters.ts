import type { ConversationQuery, SearchQuery } from '../../api/client';

/** The Conversations page's filters and words, as its URL holds them; empty means "any". */
export interface ArchiveFilter {
  hostId: string;
  project: string;
  agent: string;
  user: string;
  /** Dates (YYYY-MM-DD) in the browser's time zone; `to` includes its whole day. */
  from: string;
  to: string;
  q: string;
  page: number;
}

const NAMES = ['hostId', 'project', 'agent', 'user', 'from', 'to', 'q'] as const;

export function parseFilter(params: URLSearchParams): ArchiveFilter {
  const page = Number(params.get('page'));
  return {
    ...(Object.fromEntries(NAMES.map((name) => [name, params.get(name) ?? ''])) as Omit<ArchiveFilter, 'page'>),
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

export function filterParams(filter: ArchiveFilter): URLSearchParams {
  const params = new URLSearchParams();
  NAMES.forEach((name) => filter[name] !== '' && params.set(name, filter[name]));
  if (filter.page > 1) params.set('page', String(filter.page));
  return params;
}

/** The instant a local date starts; with `nextDay` the instant the day after starts. */
function dayStart(date: string, nextDay = false): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return undefined;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + (nextDay ? 1 : 0)).toISOString();
}

const given = (value: string) => (value.trim() === '' ? undefined : value.trim());

function common(filter: ArchiveFilter) {
  return {
    hostId: given(filter.hostId),
    project: given(filter.project),
    agent: given(filter.agent),
    user: given(filter.user),
    from: dayStart(filter.from),
    to: dayStart(filter.to, true),
  };
}

/** GET /conversations's query for a filter (the hub's pages count from 0). */
export function listQuery(filter: ArchiveFilter, pageSize: number): ConversationQuery {
  return { ...common(filter), limit: pageSize, page: filter.page - 1 };
}

/** GET /search's query for a filter. */
export function searchQuery(filter: ArchiveFilter, pageSize: number): SearchQuery {
  return { ...common(filter), q: filter.q.trim(), limit: pageSize, page: filter.page - 1 };
}

/** The last part of a project's path, which names it ("/home/ann/src/drover" → "drover"); a transcript may not say. */
export function projectName(path: string | null): string {
  if (path === null) return 'no directory';
  const parts = path.split(/[\\/]/).filter((part) => part !== '');
  return parts.length === 0 ? path : parts[parts.length - 1];
}

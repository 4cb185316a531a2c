import type { Session, SessionState } from '../../api/types';
import { sessionCommand } from './sessionText';

/** What the fleet's session list shows; kept in the page's URL so a filtered list can be shared and reloaded. */
export interface SessionFilter {
  state: SessionState | '';
  hostId: string;
  profile: string;
  /** A session's working directory (its project); '' for any. */
  project: string;
  createdBy: string;
  /** Words that must all appear in the task, command or directories (ignoring case). */
  query: string;
  /** Show sessions that ended (exited, failed, lost); a state filter for one of those shows them too. */
  showEnded: boolean;
  /** 1-based. */
  page: number;
}

/** Rows on one page of the session list. */
export const SESSIONS_PER_PAGE = 20;

/** Every state a session can be in, in the order it moves through them. */
export const SESSION_STATES: SessionState[] = ['starting', 'running', 'exited', 'failed', 'lost'];

/** The URL parameter of each filter field. */
const PARAMS = {
  state: 'state',
  hostId: 'host',
  profile: 'profile',
  project: 'project',
  createdBy: 'by',
  query: 'q',
  showEnded: 'ended',
  page: 'page',
} as const;

export function isEnded(session: Pick<Session, 'state'>): boolean {
  return session.state !== 'starting' && session.state !== 'running';
}

/** The filter a URL's parameters describe; unknown or malformed values mean "any". */
export function parseFilter(params: URLSearchParams): SessionFilter {
  const state = params.get(PARAMS.state) ?? '';
  const page = Number(params.get(PARAMS.page));
  return {
    state: (SESSION_STATES as string[]).includes(state) ? (state as SessionState) : '',
    hostId: params.get(PARAMS.hostId) ?? '',
    profile: params.get(PARAMS.profile) ?? '',
    project: params.get(PARAMS.project) ?? '',
    createdBy: params.get(PARAMS.createdBy) ?? '',
    query: params.get(PARAMS.query) ?? '',
    showEnded: params.get(PARAMS.showEnded) === '1',
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
}

/** The URL parameters of a filter, leaving out what is at its default. */
export function filterParams(filter: SessionFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.state) params.set(PARAMS.state, filter.state);
  if (filter.hostId) params.set(PARAMS.hostId, filter.hostId);
  if (filter.profile) params.set(PARAMS.profile, filter.profile);
  if (filter.project) params.set(PARAMS.project, filter.project);
  if (filter.createdBy) params.set(PARAMS.createdBy, filter.createdBy);
  if (filter.query.trim()) params.set(PARAMS.query, filter.query);
  if (filter.showEnded) params.set(PARAMS.showEnded, '1');
  if (filter.page > 1) params.set(PARAMS.page, String(filter.page));
  return params;
}

/** Whether anything but the page and the ended toggle narrows the list. */
export function isNarrowed(filter: SessionFilter): boolean {
  return !!(filter.state || filter.hostId || filter.profile || filter.project || filter.createdBy || filter.query.trim());
}

/** The text a search looks in: task, command line, directory, worktree, the shell's directory and last command. */
function searchText(session: Session): string {
  return [
    session.task ?? '',
    sessionCommand(session),
    session.cwd ?? '',
    session.worktreePath ?? '',
    session.shell?.cwd ?? '',
    session.shell?.lastCommand ?? '',
  ]
    .join('\n')
    .toLowerCase();
}

/** The sessions `filter` lets through, in their order (the page is not applied: see {@link pageOf}). */
export function filterSessions(sessions: Session[], filter: SessionFilter): Session[] {
  const words = filter.query.toLowerCase().split(/\s+/).filter((word) => word !== '');
  const showEnded = filter.showEnded || (filter.state !== '' && isEnded({ state: filter.state }));
  return sessions.filter(
    (session) =>
      (showEnded || !isEnded(session)) &&
      (!filter.state || session.state === filter.state) &&
      (!filter.hostId || session.hostId === filter.hostId) &&
      (!filter.profile || session.profile === filter.profile) &&
      (!filter.project || session.cwd === filter.project) &&
      (!filter.createdBy || session.createdBy === filter.createdBy) &&
      (words.length === 0 || words.every((word) => searchText(session).includes(word))),
  );
}

/** The choices each filter offers: the values the sessions have, sorted, each once. */
export function filterChoices(sessions: Session[]): {
  hosts: { id: string; name: string }[];
  profiles: string[];
  projects: string[];
  creators: string[];
} {
  const sorted = (values: Iterable<string>) => [...new Set(values)].sort((a, b) => a.localeCompare(b));
  const hosts = new Map(sessions.map((session) => [session.hostId, session.hostName]));
  return {
    hosts: [...hosts].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name)),
    profiles: sorted(sessions.map((session) => session.profile)),
    projects: sorted(sessions.flatMap((session) => (session.cwd ? [session.cwd] : []))),
    creators: sorted(sessions.map((session) => session.createdBy)),
  };
}

/** Page `page` (1-based, moved into range) of `items`, with the number of pages (at least 1). */
export function pageOf<T>(items: T[], page: number, size = SESSIONS_PER_PAGE): { items: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const current = Math.min(Math.max(1, page), pages);
  return { items: items.slice((current - 1) * size, current * size), page: current, pages };
}

import type { SessionQuery } from '../../api/client';
import type { Session, SessionState } from '../../api/types';

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

/** Whether the list shows ended sessions: when asked to, or when the state filter picks an ended state. */
function showsEnded(filter: SessionFilter): boolean {
  return filter.showEnded || (filter.state !== '' && isEnded({ state: filter.state }));
}

/**
 * The hub's query for one page of the list (GET /api/v1/sessions): the hub filters, searches
 * (every word, ignoring case, in the task, command line, directories and the shell's last command)
 * and pages, newest first.
 */
export function sessionQuery(filter: SessionFilter, size = SESSIONS_PER_PAGE): SessionQuery {
  const query: SessionQuery = { limit: size, page: Math.max(1, filter.page), ended: showsEnded(filter) ? 'include' : 'exclude' };
  if (filter.state) query.state = filter.state;
  if (filter.hostId) query.hostId = filter.hostId;
  if (filter.profile) query.profile = filter.profile;
  if (filter.project) query.project = filter.project;
  if (filter.createdBy) query.createdBy = filter.createdBy;
  if (filter.query.trim()) query.q = filter.query.trim();
  return query;
}

/** How many pages `total` sessions fill (at least 1). */
export function pageCount(total: number, size = SESSIONS_PER_PAGE): number {
  return Math.max(1, Math.ceil(total / size));
}

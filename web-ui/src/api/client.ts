import createClient from 'openapi-fetch';
import type {
  AuditEntry,
  ChangePasswordRequest,
  Conversation,
  ConversationMessage,
  CreateApiTokenRequest,
  CreatePersonRequest,
  DayBudgetRequest,
  DecisionRequest,
  DiscardWorktreeRequest,
  LoginRequest,
  NotificationSettingsRequest,
  PreferencesRequest,
  Problem,
  PromptRequest,
  Session,
  SessionBudgetRequest,
  ShareRequest,
  SpawnRequest,
  SpendReport,
  UpdateHostRequest,
  UpdatePersonRequest,
} from './types';
import type { paths } from './typesGenerated';

/** A failed API call, carrying the hub's problem details when it sent some. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Partial<Problem>;

  constructor(status: number, problem: Partial<Problem>) {
    super(problem.detail || problem.title || `Request failed (HTTP ${status})`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
}

/** The text to show a person for any error thrown by this client or by fetch. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof TypeError) return 'Cannot reach the hub. Check your connection.';
  if (error instanceof Error) return error.message;
  return String(error);
}

type UnauthorizedListener = () => void;
let onUnauthorized: UnauthorizedListener = () => {};

/** Registers what happens when any call (except login) answers 401: the app sends the user to /login. */
export function setUnauthorizedListener(listener: UnauthorizedListener): void {
  onUnauthorized = listener;
}

/** The hub refuses writes made with the session cookie unless this header repeats the drover_csrf cookie. */
const CSRF_HEADER = 'X-Drover-CSRF';

function csrfToken(): string | undefined {
  const entry = document.cookie.split('; ').find((cookie) => cookie.startsWith('drover_csrf='));
  return entry === undefined ? undefined : entry.slice('drover_csrf='.length);
}

/** Typed by the paths of the hub's OpenAPI document: a path, parameter or body field it lacks does not compile. */
const hub = createClient<paths>({
  credentials: 'same-origin',
  headers: { Accept: 'application/json, application/problem+json' },
});

hub.use({
  onRequest({ request }) {
    const csrf = request.method === 'GET' ? undefined : csrfToken();
    if (csrf !== undefined) request.headers.set(CSRF_HEADER, csrf);
    return request;
  },
});

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * The answer's body, or an {@link ApiError} with the hub's problem details. Login answers 401 for
 * wrong credentials, which is not a lost session: it passes {@code expectUnauthorized}.
 */
async function body<T>(call: Promise<Answer<T>>, expectUnauthorized = false): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) {
    if (response.status === 401 && !expectUnauthorized) onUnauthorized();
    throw new ApiError(response.status, problem(error, response));
  }
  return data as T;
}

/** openapi-fetch hands over an error body parsed as JSON when it is JSON, else as text (a proxy's error page). */
function problem(error: unknown, response: Response): Partial<Problem> {
  if (error && typeof error === 'object') return error as Partial<Problem>;
  return { status: response.status, title: response.statusText || undefined };
}

/** Query parameters of GET /api/v1/sessions: filters, search and paging. */
export type SessionQuery = NonNullable<paths['/api/v1/sessions']['get']['parameters']['query']>;

/** One page of the session list: its sessions and the counts the hub sent in headers. */
export interface SessionPage {
  sessions: Session[];
  /** Sessions matching the query, on every page. */
  total: number;
  /** Sessions that match too but are hidden because they ended (with ended=exclude). */
  hiddenEnded: number;
}

async function sessionPage(query: SessionQuery): Promise<SessionPage> {
  const answer = hub.GET('/api/v1/sessions', { params: { query } });
  const sessions = await body(answer);
  const { response } = await answer;
  const count = (header: string) => Number(response.headers.get(header) ?? sessions.length);
  return { sessions, total: count('X-Total-Count'), hiddenEnded: count('X-Hidden-Ended-Count') };
}

const RESPOND_ASYNC = { header: { Prefer: 'respond-async' } } as const;

const withId = (id: string) => ({ path: { id } });
const onHost = (hostId: string) => ({ path: { hostId } });

export const api = {
  login: (request: LoginRequest) => body(hub.POST('/api/v1/auth/login', { body: request }), true),
  logout: () => body(hub.POST('/api/v1/auth/logout')),
  /** The OIDC provider the login page offers; 404 when the hub has local accounts only. */
  oidcProvider: () => body(hub.GET('/api/v1/auth/oidc'), true),
  me: () => body(hub.GET('/api/v1/me')),
  /** A wrong current password answers 403, not 401: the login is still good. */
  changePassword: (request: ChangePasswordRequest) => body(hub.PUT('/api/v1/me/password', { body: request })),
  people: () => body(hub.GET('/api/v1/users')),
  createPerson: (request: CreatePersonRequest) => body(hub.POST('/api/v1/users', { body: request })),
  updatePerson: (id: string, request: UpdatePersonRequest) =>
    body(hub.PATCH('/api/v1/users/{id}', { params: withId(id), body: request })),
  removePerson: (id: string) => body(hub.DELETE('/api/v1/users/{id}', { params: withId(id) })),
  hosts: () => body(hub.GET('/api/v1/hosts')),
  createHost: (name: string) => body(hub.POST('/api/v1/hosts', { body: { name } })),
  updateHost: (id: string, request: UpdateHostRequest) =>
    body(hub.PATCH('/api/v1/hosts/{id}', { params: withId(id), body: request })),
  revokeHost: (id: string) => body(hub.POST('/api/v1/hosts/{id}/revoke', { params: withId(id) })),
  projects: (hostId: string) => body(hub.GET('/api/v1/hosts/{hostId}/projects', { params: onHost(hostId) })),
  refreshProjects: (hostId: string) =>
    body(hub.POST('/api/v1/hosts/{hostId}/projects/refresh', { params: onHost(hostId) })),
  discardWorktree: (hostId: string, request: DiscardWorktreeRequest) =>
    body(hub.POST('/api/v1/hosts/{hostId}/worktrees/discard', { params: onHost(hostId), body: request })),
  sessions: () => body(hub.GET('/api/v1/sessions')),
  sessionPage,
  sessionFacets: () => body(hub.GET('/api/v1/sessions/facets')),
  preferences: () => body(hub.GET('/api/v1/me/preferences')),
  savePreferences: (request: PreferencesRequest) => body(hub.PUT('/api/v1/me/preferences', { body: request })),
  session: (id: string) => body(hub.GET('/api/v1/sessions/{id}', { params: withId(id) })),
  /** Answers at once with the starting session; its spawnStep shows the progress. */
  createSession: (request: SpawnRequest) =>
    body(hub.POST('/api/v1/sessions', { params: RESPOND_ASYNC, body: request })),
  updateSession: (id: string, request: { task: string }) =>
    body(hub.PATCH('/api/v1/sessions/{id}', { params: withId(id), body: request })),
  openCompanion: (id: string) =>
    body(hub.POST('/api/v1/sessions/{id}/companion', { params: { ...withId(id), ...RESPOND_ASYNC } })),
  resumeSession: (id: string) =>
    body(hub.POST('/api/v1/sessions/{id}/resume', { params: { ...withId(id), ...RESPOND_ASYNC } })),
  stopSession: (id: string) => body(hub.POST('/api/v1/sessions/{id}/stop', { params: withId(id) })),
  sessionScreen: (id: string) => body(hub.GET('/api/v1/sessions/{id}/screen', { params: withId(id) })),
  /** Answers at once with a delivery per session; each then waits for its agent to be idle. */
  sendPrompt: (request: PromptRequest) => body(hub.POST('/api/v1/prompts', { body: request })),
  prompt: (id: string) => body(hub.GET('/api/v1/prompts/{id}', { params: withId(id) })),
  shares: (id: string) => body(hub.GET('/api/v1/sessions/{id}/shares', { params: withId(id) })),
  share: (id: string, username: string, request: ShareRequest) =>
    body(hub.PUT('/api/v1/sessions/{id}/shares/{username}', { params: { path: { id, username } }, body: request })),
  unshare: (id: string, username: string) =>
    body(hub.DELETE('/api/v1/sessions/{id}/shares/{username}', { params: { path: { id, username } } })),
};

/** Where people are signed in: one's own logins, and (admins) anyone's (docs/api/rest.md). */
export const loginApi = {
  mine: () => body(hub.GET('/api/v1/me/logins')),
  endMine: (loginId: string) => body(hub.DELETE('/api/v1/me/logins/{loginId}', { params: { path: { loginId } } })),
  of: (id: string) => body(hub.GET('/api/v1/users/{id}/logins', { params: withId(id) })),
  end: (id: string, loginId: string) =>
    body(hub.DELETE('/api/v1/users/{id}/logins/{loginId}', { params: { path: { id, loginId } } })),
  endAll: (id: string) => body(hub.DELETE('/api/v1/users/{id}/logins', { params: withId(id) })),
};

/** Budgets: a session's own, the day budgets, and the 80 %/100 % events (docs/api/rest.md#budgets). */
export const budgetApi = {
  setSessionBudget: (id: string, request: SessionBudgetRequest) =>
    body(hub.PUT('/api/v1/sessions/{id}/budget', { params: withId(id), body: request })),
  dayBudgets: () => body(hub.GET('/api/v1/budgets/day')),
  setDayBudget: (request: DayBudgetRequest) => body(hub.PUT('/api/v1/budgets/day', { body: request })),
  removeDayBudget: (id: string) => body(hub.DELETE('/api/v1/budgets/day/{id}', { params: withId(id) })),
  events: (since: string) => body(hub.GET('/api/v1/budgets/events', { params: { query: { since } } })),
};

/** The signed-in person's API tokens (docs/api/rest.md#api-tokens). */
export const tokenApi = {
  tokens: () => body(hub.GET('/api/v1/me/tokens')),
  createToken: (request: CreateApiTokenRequest) => body(hub.POST('/api/v1/me/tokens', { body: request })),
  revokeToken: (id: string) => body(hub.DELETE('/api/v1/me/tokens/{id}', { params: withId(id) })),
};

/** Query parameters of GET /api/v1/audit: filters, search and paging. */
export type AuditQuery = NonNullable<paths['/api/v1/audit']['get']['parameters']['query']>;

/** One page of the audit trail and how many entries match in all. */
export interface AuditPage {
  entries: AuditEntry[];
  total: number;
}

/** The audit trail, for admins (docs/api/rest.md#audit-trail-admin-only). */
export const auditApi = {
  page: async (query: AuditQuery): Promise<AuditPage> => {
    const answer = hub.GET('/api/v1/audit', { params: { query } });
    const entries = (await body(answer)) as AuditEntry[];
    const { response } = await answer;
    return { entries, total: Number(response.headers.get('X-Total-Count') ?? entries.length) };
  },
  /** The entries matching `query` (its paging replaced by the most one export holds) as a CSV or JSON file. */
  export: async (query: AuditQuery, format: 'csv' | 'json'): Promise<Blob> => {
    const search = new URLSearchParams();
    Object.entries({ ...query, page: undefined, limit: 10_000 }).forEach(([name, value]) => {
      if (value !== undefined && value !== '') search.set(name, String(value));
    });
    const response = await fetch(`/api/v1/audit?${search}`, {
      credentials: 'same-origin',
      headers: { Accept: format === 'csv' ? 'text/csv' : 'application/json' },
    });
    if (!response.ok) {
      if (response.status === 401) onUnauthorized();
      throw new ApiError(response.status, problem(await response.json().catch(() => null), response));
    }
    return response.blob();
  },
};

/** The inbox, muting, the webhook and decisions on what agents ask (docs/api/rest.md#notifications-and-approvals). */
export const notifyApi = {
  inbox: () => body(hub.GET('/api/v1/inbox')),
  settings: () => body(hub.GET('/api/v1/me/notifications')),
  saveSettings: (request: NotificationSettingsRequest) => body(hub.PUT('/api/v1/me/notifications', { body: request })),
  mute: (id: string) => body(hub.PUT('/api/v1/sessions/{id}/mute', { params: withId(id) })),
  unmute: (id: string) => body(hub.DELETE('/api/v1/sessions/{id}/mute', { params: withId(id) })),
  decide: (id: string, request: DecisionRequest) =>
    body(hub.POST('/api/v1/sessions/{id}/decisions', { params: withId(id), body: request })),
  decisions: (id: string) => body(hub.GET('/api/v1/sessions/{id}/decisions', { params: withId(id) })),
};

/** Query parameters of GET /api/v1/spend: the days, the grouping and the filters. */
export type SpendQuery = NonNullable<paths['/api/v1/spend']['get']['parameters']['query']>;

/** What the fleet spent (docs/spend.md). */
export const spendApi = {
  /** JSON, as the client's Accept asks: the document also offers the same report as CSV (a string). */
  report: (query: SpendQuery) => body(hub.GET('/api/v1/spend', { params: { query } })) as Promise<SpendReport>,
  summary: () => body(hub.GET('/api/v1/spend/summary')),
};

/** Query parameters of GET /api/v1/conversations: filters and paging. */
export type ConversationQuery = NonNullable<paths['/api/v1/conversations']['get']['parameters']['query']>;
/** Query parameters of GET /api/v1/search: the words, filters and paging. */
export type SearchQuery = NonNullable<paths['/api/v1/search']['get']['parameters']['query']>;

/** One page of the conversation list and how many match in all. */
export interface ConversationPage {
  conversations: Conversation[];
  total: number;
}

/** The most messages one call answers (the hub's cap). */
export const MESSAGE_PAGE = 500;

/** The conversation archive: browse, read, search, resume (docs/conversations.md). */
export const conversationApi = {
  tree: () => body(hub.GET('/api/v1/conversations/tree')),
  page: async (query: ConversationQuery): Promise<ConversationPage> => {
    const answer = hub.GET('/api/v1/conversations', { params: { query } });
    const conversations = await body(answer);
    const { response } = await answer;
    return { conversations, total: Number(response.headers.get('X-Total-Count') ?? conversations.length) };
  },
  conversation: (id: string) => body(hub.GET('/api/v1/conversations/{id}', { params: withId(id) })),
  /** Up to {@link MESSAGE_PAGE} messages after `after` (a seq), in seq order. */
  messages: (id: string, after: number | undefined) =>
    body(
      hub.GET('/api/v1/conversations/{id}/messages', {
        params: { path: { id }, query: { after, limit: MESSAGE_PAGE } },
      }),
    ) as Promise<ConversationMessage[]>,
  search: (query: SearchQuery) => body(hub.GET('/api/v1/search', { params: { query } })),
  /** 409 while another resume of it runs (the resume lock). */
  resume: (id: string) => body(hub.POST('/api/v1/conversations/{id}/resume', { params: withId(id) })),
  ofSession: (id: string) => body(hub.GET('/api/v1/sessions/{id}/transcript', { params: withId(id) })),
};

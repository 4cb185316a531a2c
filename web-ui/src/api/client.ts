import type {
  CreateHostResponse,
  CreateSessionRequest,
  DiscardWorktreeRequest,
  Host,
  LoginRequest,
  LoginResponse,
  Problem,
  ProjectList,
  Session,
  UpdateHostRequest,
  User,
} from './types';

const BASE = '/api/v1';

/** A failed API call, carrying the hub's problem details when it sent some. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(status: number, problem: Problem) {
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

interface RequestOptions {
  method?: string;
  body?: unknown;
  /** Login answers 401 for wrong credentials; that is not a lost session. */
  expectUnauthorized?: boolean;
  headers?: Record<string, string>;
}

/** The hub refuses writes made with the session cookie unless this header repeats the drover_csrf cookie. */
const CSRF_HEADER = 'X-Drover-CSRF';

function csrfToken(): string | undefined {
  const entry = document.cookie.split('; ').find((cookie) => cookie.startsWith('drover_csrf='));
  return entry === undefined ? undefined : entry.slice('drover_csrf='.length);
}

async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const csrf = method === 'GET' ? undefined : csrfToken();
  const response = await fetch(BASE + path, {
    method,
    credentials: 'same-origin',
    headers: {
      Accept: 'application/json, application/problem+json',
      ...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(csrf === undefined ? {} : { [CSRF_HEADER]: csrf }),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  if (!response.ok) {
    if (response.status === 401 && !options.expectUnauthorized) onUnauthorized();
    throw new ApiError(response.status, await readProblem(response));
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

async function readProblem(response: Response): Promise<Problem> {
  try {
    const body: unknown = await response.json();
    if (body && typeof body === 'object') return body as Problem;
  } catch {
    // Not JSON (a proxy's error page, for instance): fall back to the status line.
  }
  return { status: response.status, title: response.statusText || undefined };
}

const RESPOND_ASYNC = { Prefer: 'respond-async' };

export const api = {
  login: (body: LoginRequest) =>
    request<LoginResponse>('/auth/login', { method: 'POST', body, expectUnauthorized: true }),
  logout: () => request<void>('/auth/logout', { method: 'POST' }),
  me: () => request<User>('/me'),
  hosts: () => request<Host[]>('/hosts'),
  createHost: (name: string) => request<CreateHostResponse>('/hosts', { method: 'POST', body: { name } }),
  updateHost: (id: string, body: UpdateHostRequest) =>
    request<Host>(`/hosts/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
  revokeHost: (id: string) => request<Host>(`/hosts/${encodeURIComponent(id)}/revoke`, { method: 'POST' }),
  projects: (hostId: string) => request<ProjectList>(`/hosts/${encodeURIComponent(hostId)}/projects`),
  refreshProjects: (hostId: string) =>
    request<ProjectList>(`/hosts/${encodeURIComponent(hostId)}/projects/refresh`, { method: 'POST' }),
  discardWorktree: (hostId: string, body: DiscardWorktreeRequest) =>
    request<void>(`/hosts/${encodeURIComponent(hostId)}/worktrees/discard`, { method: 'POST', body }),
  sessions: () => request<Session[]>('/sessions'),
  session: (id: string) => request<Session>(`/sessions/${encodeURIComponent(id)}`),
  /** Answers at once with the starting session; its spawnStep shows the progress. */
  createSession: (body: CreateSessionRequest) =>
    request<Session>('/sessions', { method: 'POST', body, headers: RESPOND_ASYNC }),
  updateSession: (id: string, body: { task: string }) =>
    request<Session>(`/sessions/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
  openCompanion: (id: string) =>
    request<Session>(`/sessions/${encodeURIComponent(id)}/companion`, { method: 'POST', headers: RESPOND_ASYNC }),
  resumeSession: (id: string) =>
    request<Session>(`/sessions/${encodeURIComponent(id)}/resume`, { method: 'POST', headers: RESPOND_ASYNC }),
  stopSession: (id: string) =>
    request<Session>(`/sessions/${encodeURIComponent(id)}/stop`, { method: 'POST' }),
};

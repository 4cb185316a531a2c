import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, loginApi, type SessionQuery } from './client';
import { LIVE_SAFETY_MS, liveEventsConnected } from './live';
import type {
  ChangePasswordRequest,
  CreatePersonRequest,
  DiscardWorktreeRequest,
  LoginRequest,
  PromptRequest,
  Session,
  ShareRequest,
  SpawnRequest,
  UpdateHostRequest,
  UpdatePersonRequest,
} from './types';

/** How often lists refresh while a page shows them and the event socket is down (see ./live.ts). */
export const POLL_MS = 4000;
/** How often a starting session is asked how far it got. */
export const STARTING_POLL_MS = 400;
/** How often sessions refresh: their shell state (cwd, last command, exit code) changes as people type. */
export const SESSION_POLL_MS = 2000;

const keys = {
  me: ['me'] as const,
  people: ['people'] as const,
  hosts: ['hosts'] as const,
  sessions: ['sessions'] as const,
  session: (id: string) => ['sessions', id] as const,
  projects: (hostId: string) => ['projects', hostId] as const,
  shares: (id: string) => ['session-shares', id] as const,
  logins: (personId: string | null) => ['logins', personId ?? 'me'] as const,
};

export function useMe() {
  return useQuery({ queryKey: keys.me, queryFn: api.me, staleTime: 60_000 });
}

export function useHosts() {
  return useQuery({
    queryKey: keys.hosts,
    queryFn: api.hosts,
    refetchInterval: () => (liveEventsConnected() ? LIVE_SAFETY_MS : POLL_MS),
  });
}

/** A host's projects (its daemon's latest scan); filtering happens in the page, see modules/projects/search. */
export function useProjects(hostId: string) {
  return useQuery({
    queryKey: keys.projects(hostId),
    queryFn: () => api.projects(hostId),
    enabled: hostId !== '',
    staleTime: 30_000,
  });
}

/** Asks the host's daemon to scan again; the answer replaces the cached list. */
export function useRefreshProjects(hostId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.refreshProjects(hostId),
    onSuccess: (list) => client.setQueryData(keys.projects(hostId), list),
  });
}

export function useDiscardWorktree(hostId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: DiscardWorktreeRequest) => api.discardWorktree(hostId, body),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.projects(hostId) }),
  });
}

export function useSessions() {
  return useQuery({
    queryKey: keys.sessions,
    queryFn: api.sessions,
    refetchInterval: () => (liveEventsConnected() ? LIVE_SAFETY_MS : SESSION_POLL_MS),
  });
}

export function useSession(id: string) {
  return useQuery({
    queryKey: keys.session(id),
    queryFn: () => api.session(id),
    refetchInterval: (query) =>
      !isLive(query.state.data)
        ? false
        : liveEventsConnected()
          ? LIVE_SAFETY_MS
          : query.state.data?.state === 'starting'
            ? STARTING_POLL_MS
            : SESSION_POLL_MS,
  });
}

export function isLive(session: Session | undefined): boolean {
  return session === undefined || session.state === 'starting' || session.state === 'running';
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginRequest) => api.login(body),
    onSuccess: (answer) => {
      client.clear();
      client.setQueryData(keys.me, answer.user);
    },
  });
}

/** The OIDC provider to offer on the login page, or null when there is none (the hub answers 404). */
export function useOidcProvider() {
  return useQuery({
    queryKey: ['oidc-provider'],
    queryFn: () =>
      api.oidcProvider().catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }),
    staleTime: Infinity,
    retry: false,
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: api.logout,
    onSettled: () => client.clear(),
  });
}

/** Changes the signed-in person's password; who they are is asked again (a one-time password's login gets its role back). */
export function useChangePassword() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ChangePasswordRequest) => api.changePassword(body),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.me }),
  });
}

/** The accounts (admins only). */
export function usePeople() {
  return useQuery({ queryKey: keys.people, queryFn: api.people, refetchInterval: POLL_MS });
}

export function useCreatePerson() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreatePersonRequest) => api.createPerson(body),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.people }),
  });
}

/** Changes an account's role or disables or enables it; the person is signed out everywhere by the hub. */
export function useUpdatePerson() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, change }: { id: string; change: UpdatePersonRequest }) => api.updatePerson(id, change),
    onSettled: () => client.invalidateQueries({ queryKey: keys.people }),
  });
}

export function useRemovePerson() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.removePerson(id),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.people }),
  });
}

export function useCreateHost() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api.createHost(name),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.hosts }),
  });
}

export function useUpdateHost(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateHostRequest) => api.updateHost(id, body),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.hosts }),
  });
}

export function useRevokeHost(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.revokeHost(id),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: keys.hosts }),
        client.invalidateQueries({ queryKey: keys.sessions }),
      ]),
  });
}

export function useCreateSession() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SpawnRequest) => api.createSession(body),
    onSuccess: (session) => {
      client.setQueryData(keys.session(session.id), session);
      return client.invalidateQueries({ queryKey: keys.sessions, exact: true });
    },
  });
}

export function useUpdateSession(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (task: string) => api.updateSession(id, { task }),
    onSuccess: (session) => {
      client.setQueryData(keys.session(id), session);
      return client.invalidateQueries({ queryKey: keys.sessions, exact: true });
    },
  });
}

export function useOpenCompanion(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.openCompanion(id),
    onSuccess: (session) => {
      client.setQueryData(keys.session(session.id), session);
      return client.invalidateQueries({ queryKey: keys.sessions, exact: true });
    },
  });
}

export function useResumeSession(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.resumeSession(id),
    onSuccess: (session) => {
      client.setQueryData(keys.session(session.id), session);
      return client.invalidateQueries({ queryKey: keys.sessions, exact: true });
    },
  });
}

export function useStopSession(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.stopSession(id),
    onSuccess: (session) => {
      client.setQueryData(keys.session(id), session);
      return client.invalidateQueries({ queryKey: keys.sessions, exact: true });
    },
  });
}

/** One page of the fleet's session list, filtered and paged by the hub; the last page stays on show while the next loads. */
export function useSessionPage(query: SessionQuery) {
  return useQuery({
    queryKey: ['sessions', 'page', query] as const,
    queryFn: () => api.sessionPage(query),
    refetchInterval: () => (liveEventsConnected() ? LIVE_SAFETY_MS : SESSION_POLL_MS),
    placeholderData: keepPreviousData,
  });
}

/** The values the session list's filters offer (every host, agent, project and user sessions have). */
export function useSessionFacets() {
  return useQuery({ queryKey: ['sessions', 'facets'] as const, queryFn: api.sessionFacets, refetchInterval: 30_000 });
}

/** How often a visible card's screen thumbnail is fetched again. */
export const SCREEN_POLL_MS = 2000;

/** A live session's screen as text, for a thumbnail: fetched only while `visible`, every {@link SCREEN_POLL_MS}. */
export function useSessionScreen(id: string, visible: boolean) {
  return useQuery({
    queryKey: ['screen', id] as const,
    queryFn: () => api.sessionScreen(id),
    enabled: visible,
    refetchInterval: visible ? SCREEN_POLL_MS : false,
    retry: false,
  });
}

export function useSendPrompt() {
  return useMutation({ mutationFn: (body: PromptRequest) => api.sendPrompt(body) });
}

/** A prompt's deliveries, followed until each one is final (the event socket's prompt-delivery events refresh it too). */
export function usePrompt(id: string | null) {
  return useQuery({
    queryKey: ['prompt', id] as const,
    queryFn: () => api.prompt(id as string),
    enabled: id !== null,
    refetchInterval: (query) =>
      query.state.data?.deliveries.every((delivery) => delivery.status !== 'waiting' && delivery.status !== 'typed')
        ? false
        : 1000,
  });
}

/** Whom a session is shared with; anyone who sees the session may read it. */
export function useShares(id: string) {
  return useQuery({ queryKey: keys.shares(id), queryFn: () => api.shares(id), enabled: id !== '' });
}

/** Shares the session with someone by user name (`view` or `type`), or changes their access. */
export function useShareSession(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ username, access }: { username: string; access: ShareRequest['access'] }) =>
      api.share(id, username, { access }),
    onSettled: () => client.invalidateQueries({ queryKey: keys.shares(id) }),
  });
}

export function useUnshareSession(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (username: string) => api.unshare(id, username),
    onSettled: () => client.invalidateQueries({ queryKey: keys.shares(id) }),
  });
}

/** Where a person is signed in: the caller's own logins (`personId` null) or, for admins, anyone's. */
export function useLogins(personId: string | null) {
  return useQuery({
    queryKey: keys.logins(personId),
    queryFn: () => (personId === null ? loginApi.mine() : loginApi.of(personId)),
    refetchInterval: POLL_MS,
  });
}

/** Ends one login (`loginId`) or, with null, every login of the person; the caller's own logins when `personId` is null. */
export function useEndLogin(personId: string | null) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (loginId: string | null) => {
      if (personId === null) return loginApi.endMine(loginId ?? '');
      return loginId === null ? loginApi.endAll(personId) : loginApi.end(personId, loginId);
    },
    onSettled: () => client.invalidateQueries({ queryKey: keys.logins(personId) }),
  });
}

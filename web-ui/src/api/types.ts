// Wire types of the hub's REST API, written from docs/api/rest.md (the contract).

export type Role = 'admin' | 'operator' | 'viewer';

export interface User {
  username: string;
  roles: Role[];
}

export interface LoginRequest {
  username: string;
  password: string;
}

export interface LoginResponse {
  token: string;
  expiresAt: string;
  user: User;
}

export interface Host {
  id: string;
  name: string;
  online: boolean;
  hostname: string | null;
  os: string | null;
  daemonVersion: string | null;
  lastSeenAt: string | null;
  createdAt: string;
  enrolled: boolean;
  /** The host's credential is refused; it stays listed until deleted. */
  revoked: boolean;
  labels: Record<string, string>;
  /** The latest health its daemon reported, or null before the first heartbeat. */
  health: HostHealth | null;
  lastHeartbeatAt: string | null;
  /** The agent profiles the host's daemon offers, with which CLIs are installed there. */
  agents: AgentProfile[];
  /** Profile files the daemon refused, as `file:line: reason`. */
  profileProblems: string[];
}

export type SpawnMode = 'new' | 'resume' | 'continue';

/** One agent profile as a host offers it. */
export interface AgentProfile {
  id: string;
  name: string;
  description: string;
  modes: SpawnMode[];
  /** How Drover knows the agent's own session id: given by Drover, read at exit, or not at all. */
  agentSessionId: 'preassigned' | 'captured' | 'none';
  /** The spawn supplies the command line ("any command"). */
  userCommand: boolean;
  /** A first prompt can be given at spawn. */
  takesPrompt: boolean;
  installed: boolean;
  version: string | null;
  path: string | null;
  /** Why the CLI is missing or its version unknown. */
  problem: string | null;
}

/** A daemon's heartbeat health; a value it could not read is null. */
export interface HostHealth {
  cpuPercent: number | null;
  memoryTotalBytes: number | null;
  memoryAvailableBytes: number | null;
  diskTotalBytes: number | null;
  diskFreeBytes: number | null;
  load1: number | null;
  load5: number | null;
  load15: number | null;
  os: string | null;
  kernelVersion: string | null;
  daemonVersion: string | null;
  /** `tmux -V` output, null when tmux is missing. */
  tmuxVersion: string | null;
  /** `git --version` output, null when git is missing. */
  gitVersion: string | null;
  /** Whether sessions run isolated from Drover's own state (docs/security.md); null from older daemons. */
  sessionIsolation?: 'available' | 'unavailable' | 'off' | null;
  /** Why isolation is unavailable or off. */
  sessionIsolationReason?: string | null;
}

/** PATCH /hosts/{id}: an absent field stays as it is. */
export interface UpdateHostRequest {
  name?: string;
  labels?: Record<string, string>;
}

export interface CreateHostResponse {
  host: Host;
  joinToken: string;
  joinTokenExpiresAt: string;
}

export type SessionState = 'starting' | 'running' | 'exited' | 'failed' | 'lost';

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheCreationTokens: number;
  /** Decimal string, exact. */
  costUsd: string;
}

/** What a session's shell last reported through its integration marks. */
export interface SessionShell {
  cwd: string | null;
  /** Null when the shell did not report the line (e.g. kept out of its history). */
  lastCommand: string | null;
  /** Null while the command runs, or before any command finished. */
  lastExitCode: number | null;
  running: boolean;
  updatedAt: string | null;
}

/** An MCP server configured for a session's agent; never carries its secrets. */
export interface McpServer {
  name: string;
  transport: 'stdio' | 'http' | 'sse';
  command: string | null;
  args: string[];
  url: string | null;
  /** The configuration file on the host. */
  source: string;
}

export interface Session {
  id: string;
  hostId: string;
  hostName: string;
  command: string[];
  cwd: string | null;
  state: SessionState;
  exitCode: number | null;
  stopReason: string | null;
  createdBy: string;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
  usage: Usage | null;
  /** The agent profile the session was started from. */
  profile: string;
  mode: SpawnMode;
  /** The agent's own session id (what resume needs), when known. */
  agentSessionId: string | null;
  /** What the session is for; editable. */
  task: string | null;
  /** The session this one resumed. */
  resumedFrom: string | null;
  /** While starting: the step the host is on. */
  spawnStep: string | null;
  /** Runs in a git worktree of its own; its directory and branch once created. */
  worktree: boolean;
  worktreePath: string | null;
  worktreeBranch: string | null;
  /** The session this companion shell belongs to. */
  parentId: string | null;
  /** The last hook the agent called (e.g. Claude Code's Notification), with a short summary. */
  lastHook: { event: string; detail: string | null; at: string } | null;
  /** Null until the session's shell reported its state (only shells with integration report one). */
  shell: SessionShell | null;
  /** Null when the daemon did not look (its profile names no MCP configuration); empty when it found none. */
  mcpServers: McpServer[] | null;
}

export interface CreateSessionRequest {
  hostId: string;
  profile: string;
  mode: SpawnMode;
  /** Only for profiles that take the user's command line. */
  command?: string[];
  cwd: string | null;
  agentSessionId?: string;
  prompt?: string;
  task?: string;
  /** A git worktree of the project on a branch of its own; absent: the hub's default. */
  worktree?: boolean;
  cols: number;
  rows: number;
}

/**
 * A session worktree: `active` (a running session works in it), `clean` (clean, and merged or
 * pushed), `dirty` / `unmerged` (kept after its session ended), `missing` (its directory is gone).
 */
export type WorktreeState = 'active' | 'clean' | 'dirty' | 'unmerged' | 'missing';

export interface Worktree {
  path: string;
  /** `drover/<profile>-<short id>` */
  branch: string;
  /** The branch (or commit) it was created from; "merged" means merged into this. */
  base: string | null;
  sessionId: string | null;
  profileId: string | null;
  head: string | null;
  dirty: boolean | null;
  merged: boolean;
  pushed: boolean;
  state: WorktreeState;
  updatedAt: string;
}

/** A git repository on a host, from its daemon's latest scan. */
export interface Project {
  name: string;
  path: string;
  /** Null on a detached HEAD; `head` then says where. */
  branch: string | null;
  head: string | null;
  /** Uncommitted changes or untracked files; null when git could not tell. */
  dirty: boolean | null;
  remote: string | null;
  /** What went wrong reading it, if anything. */
  error: string | null;
  worktrees: Worktree[];
}

export interface ProjectList {
  hostId: string;
  online: boolean;
  /** Null before the daemon's first scan. */
  scannedAt: string | null;
  roots: string[];
  projects: Project[];
}

export interface DiscardWorktreeRequest {
  path: string;
  /** Must be the worktree's branch name. */
  confirm: string;
}

/** RFC 9457 problem details. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
}

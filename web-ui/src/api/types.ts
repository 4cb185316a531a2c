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
}

export interface CreateSessionRequest {
  hostId: string;
  command: string[];
  cwd: string | null;
  cols: number;
  rows: number;
}

/** RFC 9457 problem details. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
}

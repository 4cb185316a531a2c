import type { AgentProfile, Session, SpawnMode, SpawnRequest } from '../../api/types';
import { budgetFields } from '../budgets/budget';
import { splitArgv } from './argv';

/** A new session's PTY size; its terminal sends the real size as soon as it attaches. */
export const INITIAL_SIZE = { cols: 120, rows: 40 };

/** What the new-session dialog holds, as typed. */
export interface SpawnForm {
  hostId: string;
  profileId: string;
  mode: SpawnMode;
  command: string;
  cwd: string;
  agentSessionId: string;
  prompt: string;
  task: string;
  /** Run in a git worktree; null: the default (on when another live session works in the project). */
  worktree: boolean | null;
  /** The session's own budget as typed: USD and tokens, empty for none. */
  budgetUsd: string;
  budgetTokens: string;
}

/** Profiles offered first when a host has them installed, in this order. */
const PREFERRED = ['claude', 'codex', 'gemini', 'opencode', 'aider', 'bash'];

/** The profile a dialog starts on: the first installed preferred agent, else the first installed one. */
export function defaultProfile(agents: AgentProfile[]): AgentProfile | undefined {
  const installed = agents.filter((agent) => agent.installed);
  for (const id of PREFERRED) {
    const found = installed.find((agent) => agent.id === id);
    if (found) return found;
  }
  return installed[0];
}

export const MODE_LABELS: Record<SpawnMode, string> = {
  new: 'New conversation',
  resume: 'Resume by id',
  continue: 'Continue the latest',
};

/** The modes a profile offers that a session can be started in (the API lists them as plain strings). */
export function spawnModes(profile: AgentProfile): SpawnMode[] {
  return profile.modes.filter((mode): mode is SpawnMode => mode in MODE_LABELS);
}

/**
 * The request for {@code form}, or the reason it cannot be sent. Only what the profile takes is
 * sent: a command line for "any command", a first prompt where the agent accepts one.
 */
export function toSpawnRequest(
  form: SpawnForm,
  profile: AgentProfile | undefined,
  size: { cols: number; rows: number },
): { request: SpawnRequest } | { error: string } {
  if (!form.hostId) return { error: 'Pick an online host.' };
  if (!profile) return { error: 'Pick an agent profile.' };
  if (!profile.installed) return { error: `${profile.name} is not installed on this host.` };
  if (!profile.modes.includes(form.mode)) return { error: `${profile.name} cannot ${form.mode} a session.` };
  const cwd = form.cwd.trim();
  if (cwd && !cwd.startsWith('/')) return { error: 'The working directory must be an absolute path.' };
  const request: SpawnRequest = {
    hostId: form.hostId,
    profile: profile.id,
    mode: form.mode,
    cols: size.cols,
    rows: size.rows,
  };
  if (cwd) request.cwd = cwd;
  const budget = budgetFields(form.budgetUsd, form.budgetTokens);
  if ('error' in budget) return { error: budget.error };
  if (budget.fields.costUsd) request.budgetUsd = budget.fields.costUsd;
  if (budget.fields.tokens) request.budgetTokens = budget.fields.tokens;
  if (profile.userCommand) {
    let argv: string[];
    try {
      argv = splitArgv(form.command);
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
    if (argv.length === 0) return { error: 'Enter a command to run.' };
    request.command = argv;
  }
  if (form.mode === 'resume') {
    const id = form.agentSessionId.trim();
    if (!id) return { error: "Enter the agent's session id to resume." };
    request.agentSessionId = id;
  }
  if (profile.takesPrompt && form.prompt.trim()) request.prompt = form.prompt;
  if (form.task.trim()) request.task = form.task.trim();
  if (form.worktree !== null && cwd) request.worktree = form.worktree;
  return { request };
}

/** Whether a new session in {@code cwd} gets a worktree by default: when another live session on the host works there. */
export function worktreeByDefault(
  cwd: string,
  hostId: string,
  sessions: Pick<Session, 'hostId' | 'cwd' | 'state'>[],
): boolean {
  const project = cwd.trim();
  return (
    project !== '' &&
    sessions.some(
      (session) =>
        session.hostId === hostId &&
        session.cwd === project &&
        (session.state === 'starting' || session.state === 'running'),
    )
  );
}

import type { Session, SpawnRequest } from '../../api/types';
import { isEnded } from './sessionFilter';
import { INITIAL_SIZE } from './spawnForm';

/**
 * Whether an ended session can be started again as a new one: a shell or a command, or any agent
 * without a conversation to resume (one with an agent session id is resumed instead).
 */
export function canRestart(session: Pick<Session, 'state' | 'agentSessionId' | 'mode'>): boolean {
  return isEnded(session) && session.agentSessionId === null && session.mode === 'new';
}

/**
 * The spawn request that starts `session` again as a new session: same host, profile, command line,
 * task and directory (its worktree when it had one, reused rather than a new one made).
 */
export function restartRequest(
  session: Pick<Session, 'hostId' | 'profile' | 'command' | 'cwd' | 'worktreePath' | 'task'>,
): SpawnRequest {
  const cwd = session.worktreePath ?? session.cwd;
  return {
    hostId: session.hostId,
    profile: session.profile,
    ...(session.command.length > 0 ? { command: session.command } : {}),
    ...(cwd ? { cwd, worktree: false } : {}),
    ...(session.task ? { task: session.task } : {}),
    ...INITIAL_SIZE,
  };
}

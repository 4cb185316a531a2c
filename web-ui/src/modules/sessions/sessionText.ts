import type { Session } from '../../api/types';
import { joinArgv } from './argv';

/** The command line a session runs (shell-quoted: it can be copied and run), or its profile when the profile chose the command. */
export function sessionCommand(session: Pick<Session, 'command' | 'profile' | 'mode'>): string {
  if (session.command.length > 0) return joinArgv(session.command);
  return session.mode === 'new' ? session.profile : `${session.profile} (${session.mode})`;
}

/** What a person calls a session: its task when it has one, else what it runs. */
export function sessionTitle(session: Pick<Session, 'command' | 'profile' | 'mode' | 'task'>): string {
  return session.task ?? sessionCommand(session);
}

const STOP_REASONS: Record<string, string> = {
  exited: 'exited by itself',
  'stopped-by-user': 'stopped by a user',
  'host-removed': 'its host was removed',
  'host-revoked': 'its host was revoked',
  'daemon-lost': 'its host lost track of it',
  budget: 'its budget ran out',
};

/** A stop reason in words; unknown reasons (a daemon's spawn failure, say) are shown as they are. */
export function stopReasonText(reason: string): string {
  return STOP_REASONS[reason] ?? reason;
}

/**
 * {@code sessions} in their order, each companion shell moved right after the session it belongs
 * to (and marked as such); a companion whose parent is not in the list keeps its place.
 */
export function withCompanions<T extends Pick<Session, 'id' | 'parentId'>>(
  sessions: T[],
): { session: T; companion: boolean }[] {
  const listed = new Set(sessions.map((session) => session.id));
  const children = new Map<string, T[]>();
  for (const session of sessions) {
    if (session.parentId && listed.has(session.parentId)) {
      children.set(session.parentId, [...(children.get(session.parentId) ?? []), session]);
    }
  }
  const ordered: { session: T; companion: boolean }[] = [];
  for (const session of sessions) {
    if (session.parentId && listed.has(session.parentId)) continue;
    ordered.push({ session, companion: session.parentId !== null });
    for (const child of children.get(session.id) ?? []) ordered.push({ session: child, companion: true });
  }
  return ordered;
}

/** Where a session works now: its shell's directory when the shell said, else its worktree or start directory. */
export function sessionDirectory(session: Pick<Session, 'cwd' | 'worktreePath' | 'shell'>): string | null {
  return session.shell?.cwd ?? session.worktreePath ?? session.cwd;
}

/**
 * A session as a picker lists it, so that several shells can be told apart: title, the task's
 * command when it has a task, directory and host ("fix login · bash · ~/shop · laptop").
 */
export function sessionPickerLabel(
  session: Pick<Session, 'command' | 'profile' | 'mode' | 'task' | 'cwd' | 'worktreePath' | 'shell' | 'hostName'>,
): string {
  const directory = sessionDirectory(session);
  return [sessionTitle(session), session.task ? sessionCommand(session) : null, directory, session.hostName]
    .filter((part) => part !== null)
    .join(' · ');
}

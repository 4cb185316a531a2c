import type { McpServer, SessionShell } from '../../api/types';
import type { Tone } from '../../components/Badge';

/** How a shell's last command ended, as a badge. */
export interface ExitBadge {
  tone: Tone;
  label: string;
  title: string;
}

/** Whether the shell ran (or runs) a command since it started, so there is a command to show. */
export function hasCommand(shell: SessionShell): boolean {
  return shell.running || shell.lastCommand !== null || shell.lastExitCode !== null;
}

/**
 * "running…" while a command runs, green "exit 0", red "exit N"; null when no exit code is known.
 * A session that ended runs nothing: the command it was running when it ended (often `exit`) has
 * no badge.
 */
export function exitBadge(shell: SessionShell, live = true): ExitBadge | null {
  if (shell.running) return live ? { tone: 'info', label: 'running…', title: 'The command is still running' } : null;
  const code = shell.lastExitCode;
  if (code === null) return null;
  return code === 0
    ? { tone: 'good', label: 'exit 0', title: 'The last command succeeded (exit code 0)' }
    : { tone: 'bad', label: `exit ${code}`, title: `The last command failed with exit code ${code}` };
}

/** The last command's first line ("…" when it has more), or a note when the shell did not report the line. */
export function commandText(shell: SessionShell): string {
  if (shell.lastCommand === null) return 'command not recorded';
  const lines = shell.lastCommand.split('\n');
  return lines.length > 1 ? `${lines[0]} …` : lines[0];
}

/** Keeps the end of a long path, where the directory's name is: "…/web-ui/src/modules". */
export function shortPath(path: string, max = 40): string {
  if (path.length <= max) return path;
  const parts = path.split('/');
  let kept = parts[parts.length - 1];
  if (kept.length + 2 > max) return `…${kept.slice(kept.length - (max - 1))}`;
  for (let i = parts.length - 2; i >= 0; i--) {
    const longer = `${parts[i]}/${kept}`;
    if (longer.length + 2 > max) break;
    kept = longer;
  }
  return `…/${kept}`;
}

/** A tooltip with everything the card shortens: the whole directory and command line, and the exit code. */
export function shellTitle(shell: SessionShell, live = true): string {
  const lines = [shell.cwd ?? 'directory unknown'];
  if (hasCommand(shell)) {
    const badge = exitBadge(shell, live);
    lines.push(`$ ${shell.lastCommand ?? '(command not recorded)'}${badge ? ` — ${badge.label}` : ''}`);
  }
  return lines.join('\n');
}

/** "github · stdio". */
export function mcpLabel(server: McpServer): string {
  return `${server.name} · ${server.transport}`;
}

/** What the server runs or where it is, and the file it is configured in. */
export function mcpTitle(server: McpServer): string {
  const target =
    server.transport === 'stdio' ? [server.command ?? '', ...server.args].join(' ').trim() : (server.url ?? '');
  return `${server.name} (${server.transport}): ${target}\nfrom ${server.source}`;
}

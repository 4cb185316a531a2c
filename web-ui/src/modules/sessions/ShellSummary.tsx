import type { McpServer, SessionShell } from '../../api/types';
import { Badge } from '../../components/Badge';
import { commandText, exitBadge, hasCommand, mcpLabel, mcpTitle, shellTitle, shortPath } from './shell';
import './ShellSummary.css';

/**
 * A shell's working directory, last command and how it ended, on one line that truncates; `live`
 * is false once the session ended (nothing runs any more).
 */
export function ShellSummary({ shell, live }: { shell: SessionShell; live: boolean }) {
  const badge = exitBadge(shell, live);
  return (
    <span className="shell-summary" data-testid="shell-summary" title={shellTitle(shell, live)}>
      {shell.cwd !== null && (
        <span className="shell-cwd mono" data-testid="shell-cwd">
          {shortPath(shell.cwd)}
        </span>
      )}
      {hasCommand(shell) && (
        <span className={`shell-command mono${shell.lastCommand === null ? ' muted' : ''}`} data-testid="shell-command">
          <span className="shell-prompt" aria-hidden="true">
            ${' '}
          </span>
          {commandText(shell)}
        </span>
      )}
      {badge && (
        <span className="shell-exit" data-testid="shell-exit" data-tone={badge.tone} title={badge.title}>
          <Badge tone={badge.tone}>{badge.label}</Badge>
        </span>
      )}
    </span>
  );
}

/** The MCP servers of an agent session as chips (name · transport), each explained in its tooltip. */
export function McpServerList({ servers }: { servers: McpServer[] }) {
  if (servers.length === 0) {
    return (
      <span className="muted" data-testid="mcp-servers">
        no MCP servers
      </span>
    );
  }
  return (
    <span className="mcp-servers" data-testid="mcp-servers">
      {servers.map((server) => (
        <span key={server.name} className="label-chip mono" title={mcpTitle(server)}>
          {mcpLabel(server)}
        </span>
      ))}
    </span>
  );
}

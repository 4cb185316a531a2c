import type { ConversationTreeHost } from '../../api/types';
import './conversations.css';
import { projectName } from './filters';

/**
 * The archive's hosts and their projects with how many conversations each holds; choosing one narrows the list.
 * Buttons, so Tab and Enter walk it.
 */
export function ConversationTree({
  hosts,
  hostId,
  project,
  onPick,
}: {
  hosts: ConversationTreeHost[];
  hostId: string;
  project: string;
  onPick: (hostId: string, project: string) => void;
}) {
  const total = hosts.reduce((sum, host) => sum + host.projects.reduce((n, p) => n + p.conversations, 0), 0);
  return (
    <nav className="conversation-tree" aria-label="Hosts and projects" data-testid="conversation-tree">
      <button
        type="button"
        className="tree-node"
        aria-current={hostId === '' ? 'true' : undefined}
        onClick={() => onPick('', '')}
      >
        <span>All hosts</span>
        <span className="tree-count">{total}</span>
      </button>
      <ul>
        {hosts.map((host) => (
          <li key={host.hostId}>
            <button
              type="button"
              className="tree-node tree-host"
              data-testid="tree-host"
              aria-current={host.hostId === hostId && project === '' ? 'true' : undefined}
              onClick={() => onPick(host.hostId, '')}
            >
              <span>{host.hostName ?? host.hostId}</span>
              <span className="tree-count">{host.projects.reduce((n, p) => n + p.conversations, 0)}</span>
            </button>
            <ul>
              {host.projects.map((entry) => (
                <li key={entry.project ?? ''}>
                  <button
                    type="button"
                    className="tree-node tree-project"
                    data-testid="tree-project"
                    title={entry.project ?? 'The transcripts did not say in which directory'}
                    aria-current={host.hostId === hostId && entry.project !== null && entry.project === project ? 'true' : undefined}
                    onClick={() => onPick(host.hostId, entry.project ?? '')}
                  >
                    <span>{projectName(entry.project)}</span>
                    <span className="tree-count">{entry.conversations}</span>
                  </button>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </nav>
  );
}

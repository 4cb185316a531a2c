import type { AgentProfile } from '../../api/types';
import './AgentList.css';

/** The agent CLIs a host has (with versions), those it lacks, and profile files it refused. */
export function AgentList({ agents, problems }: { agents: AgentProfile[]; problems: string[] }) {
  if (agents.length === 0 && problems.length === 0) return <>–</>;
  const installed = agents.filter((agent) => agent.installed && !agent.userCommand);
  const missing = agents.filter((agent) => !agent.installed);
  return (
    <div className="agents" data-testid="host-agents">
      {installed.map((agent) => (
        <span key={agent.id} className="chip" title={agent.path ?? undefined} data-agent={agent.id}>
          {agent.name}
          {agent.version && <span className="muted"> {agent.version}</span>}
        </span>
      ))}
      {missing.length > 0 && (
        <span className="muted agents-missing" title={missing.map((agent) => agent.problem ?? agent.name).join('\n')}>
          not installed: {missing.map((agent) => agent.id).join(', ')}
        </span>
      )}
      {problems.length > 0 && (
        <span className="chip chip-warn" data-testid="profile-problems" title={problems.join('\n')}>
          {problems.length === 1 ? '1 profile refused' : `${problems.length} profiles refused`}
        </span>
      )}
    </div>
  );
}

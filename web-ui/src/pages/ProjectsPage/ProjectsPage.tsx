import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useHosts, useMe, useProjects, useRefreshProjects } from '../../api/queries';
import type { Project, Worktree } from '../../api/types';
import { Badge } from '../../components/Badge';
import { Spinner } from '../../components/Spinner';
import { Empty, Failure, Loading } from '../../components/StateViews';
import { fullTime, timeAgo } from '../../modules/format/format';
import { DiscardWorktreeDialog } from '../../modules/projects/DiscardWorktreeDialog';
import { ProjectSummary } from '../../modules/projects/ProjectPicker';
import { filterProjects } from '../../modules/projects/search';
import { WorktreeStateBadge } from '../../modules/projects/WorktreeStateBadge';
import './ProjectsPage.css';

/** A host's git repositories and their session worktrees: search, refresh, discard a kept worktree. */
export function ProjectsPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const hosts = useHosts();
  const projects = useProjects(id);
  const refresh = useRefreshProjects(id);
  const [query, setQuery] = useState('');
  const [discarding, setDiscarding] = useState<Worktree | null>(null);
  const canAct = me.data?.roles.some((role) => role === 'admin' || role === 'operator') ?? false;
  const host = hosts.data?.find((candidate) => candidate.id === id);
  const shown = useMemo(() => filterProjects(projects.data?.projects ?? [], query), [projects.data, query]);

  return (
    <div className="page">
      <Link to="/" className="back">
        ← Fleet
      </Link>
      <div className="page-header">
        <h1>
          Projects <span className="muted">on {host?.name ?? 'host'}</span>
        </h1>
        <div className="page-actions">
          {canAct && (
            <button
              type="button"
              className="button"
              disabled={refresh.isPending || projects.data?.online === false}
              title={projects.data?.online === false ? 'The host is offline' : 'Scan the host for repositories again'}
              onClick={() => refresh.mutate()}
              data-testid="refresh-projects"
            >
              {refresh.isPending ? (
                <>
                  <Spinner label="Scanning" /> Scanning…
                </>
              ) : (
                'Refresh'
              )}
            </button>
          )}
        </div>
      </div>

      {refresh.error && <Failure error={refresh.error} />}

      {projects.isPending ? (
        <Loading what="projects" />
      ) : projects.isError ? (
        <Failure error={projects.error} onRetry={() => projects.refetch()} />
      ) : (
        <>
          <p className="muted" data-testid="scan-info">
            {projects.data.online ? <Badge tone="good">online</Badge> : <Badge tone="muted">offline</Badge>}{' '}
            {projects.data.scannedAt ? (
              <span title={fullTime(projects.data.scannedAt)}>
                scanned {timeAgo(projects.data.scannedAt)} under{' '}
                <span className="mono">{projects.data.roots.join(', ')}</span>
              </span>
            ) : (
              'not scanned yet: the host scans when its daemon connects'
            )}
          </p>
          {projects.data.projects.length > 0 && (
            <label className="field project-search">
              <span className="visually-hidden">Search projects</span>
              <input
                type="search"
                className="mono"
                placeholder="Search by name, path, branch or remote"
                autoCapitalize="none"
                autoCorrect="off"
                spellCheck={false}
                value={query}
                onChange={(event) => setQuery(event.target.value)}
                data-testid="project-search"
              />
            </label>
          )}
          {projects.data.projects.length === 0 ? (
            <Empty>
              {projects.data.scannedAt
                ? 'No git repositories under the project roots.'
                : 'No projects yet. They appear once the host’s daemon has scanned.'}
            </Empty>
          ) : shown.length === 0 ? (
            <Empty>No project matches “{query.trim()}”.</Empty>
          ) : (
            <ul className="project-list" data-testid="projects">
              {shown.map((project) => (
                <ProjectItem key={project.path} project={project} canAct={canAct} onDiscard={setDiscarding} />
              ))}
            </ul>
          )}
        </>
      )}

      {discarding && (
        <DiscardWorktreeDialog hostId={id} worktree={discarding} onClose={() => setDiscarding(null)} />
      )}
    </div>
  );
}

function ProjectItem({
  project,
  canAct,
  onDiscard,
}: {
  project: Project;
  canAct: boolean;
  onDiscard: (worktree: Worktree) => void;
}) {
  return (
    <li className="project-item" data-testid="project">
      <ProjectSummary project={project} />
      {project.worktrees.length > 0 && (
        <ul className="worktree-list" aria-label={`Worktrees of ${project.name}`}>
          {project.worktrees.map((worktree) => (
            <li key={worktree.path} className="worktree-item" data-testid="worktree">
              <span className="worktree-main">
                <span className="mono strong">{worktree.branch}</span> <WorktreeStateBadge worktree={worktree} />
              </span>
              <span className="worktree-facts muted">
                <span className="mono">{worktree.path}</span>
                {worktree.sessionId && (
                  <Link to={`/sessions/${worktree.sessionId}`} className="mono">
                    session {worktree.sessionId.slice(-12, -4)}
                  </Link>
                )}
              </span>
              {canAct && worktree.state !== 'active' && (
                <button
                  type="button"
                  className="button button-small button-danger"
                  onClick={() => onDiscard(worktree)}
                  data-testid="discard-worktree"
                >
                  Discard worktree
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

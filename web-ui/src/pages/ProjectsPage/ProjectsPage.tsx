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
import { filterProjects, isHidden, sortByName } from '../../modules/projects/search';
import { NewSessionDialog } from '../../modules/sessions/NewSessionDialog';
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
  const [showHidden, setShowHidden] = useState(false);
  const [spawnIn, setSpawnIn] = useState<string | null>(null);
  const canAct = me.data?.roles.some((role) => role === 'admin' || role === 'operator') ?? false;
  const host = hosts.data?.find((candidate) => candidate.id === id);
  const { visible, hidden } = useMemo(() => {
    const all = sortByName(projects.data?.projects ?? []);
    const roots = projects.data?.roots ?? [];
    const hiddenOnes = all.filter((project) => isHidden(project, roots));
    return { visible: showHidden ? all : all.filter((project) => !hiddenOnes.includes(project)), hidden: hiddenOnes.length };
  }, [projects.data, showHidden]);
  const shown = useMemo(() => filterProjects(visible, query), [visible, query]);

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
            <div className="project-tools">
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
              {hidden > 0 && (
                <label className="check" title="Repositories in directories whose name starts with a dot, such as ~/.pyenv">
                  <input
                    type="checkbox"
                    checked={showHidden}
                    onChange={(event) => setShowHidden(event.target.checked)}
                    data-testid="show-hidden-projects"
                  />
                  Show hidden <span className="muted">({hidden})</span>
                </label>
              )}
            </div>
          )}
          {projects.data.projects.length === 0 ? (
            <Empty>
              {projects.data.scannedAt
                ? 'No git repositories under the project roots.'
                : 'No projects yet. They appear once the host’s daemon has scanned.'}
            </Empty>
          ) : shown.length === 0 ? (
            <Empty>
              {query.trim() ? `No project matches “${query.trim()}”.` : 'Every project here is in a hidden directory.'}
              {hidden > 0 && !showHidden && ' Show hidden ones with the box above.'}
            </Empty>
          ) : (
            <ul className="project-list" data-testid="projects">
              {shown.map((project) => (
                <ProjectItem
                  key={project.path}
                  project={project}
                  canAct={canAct}
                  online={projects.data.online}
                  onDiscard={setDiscarding}
                  onSpawn={setSpawnIn}
                />
              ))}
            </ul>
          )}
        </>
      )}

      {spawnIn !== null && (
        <NewSessionDialog initial={{ hostId: id, cwd: spawnIn }} onClose={() => setSpawnIn(null)} />
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
  online,
  onDiscard,
  onSpawn,
}: {
  project: Project;
  canAct: boolean;
  online: boolean;
  onDiscard: (worktree: Worktree) => void;
  onSpawn: (path: string) => void;
}) {
  return (
    <li className="project-item" data-testid="project" data-name={project.name}>
      <div className="project-head">
        <ProjectSummary project={project} />
        {canAct && (
          <button
            type="button"
            className="button button-small"
            disabled={!online}
            title={online ? `Start a session in ${project.path}` : 'The host is offline'}
            onClick={() => onSpawn(project.path)}
            data-testid="spawn-here"
          >
            New session here
          </button>
        )}
      </div>
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

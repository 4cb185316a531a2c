import type { Project } from '../../api/types';

/** The words of a search, lower-cased; blank input has none. */
function terms(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter((term) => term !== '');
}

function haystack(project: Project): string {
  return [project.name, project.path, project.branch ?? '', project.remote ?? ''].join('\n').toLowerCase();
}

/**
 * The projects matching every word of `query` in their name, path, branch or remote (ignoring
 * case), those whose name starts with the first word first, each group in its original order.
 */
export function filterProjects(projects: Project[], query: string): Project[] {
  const words = terms(query);
  if (words.length === 0) return projects;
  const matching = projects.filter((project) => {
    const text = haystack(project);
    return words.every((word) => text.includes(word));
  });
  const first = words[0];
  return [
    ...matching.filter((project) => project.name.toLowerCase().startsWith(first)),
    ...matching.filter((project) => !project.name.toLowerCase().startsWith(first)),
  ];
}

/** Projects by name (ignoring case, numbers in order), then by path. */
export function sortByName(projects: Project[]): Project[] {
  const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
  return [...projects].sort((a, b) => collator.compare(a.name, b.name) || collator.compare(a.path, b.path));
}

/**
 * Whether a project lies in a hidden directory (a name starting with a dot, such as the plugins
 * under `~/.pyenv`) below the project root it was found under; a root that is itself hidden does
 * not hide what is in it.
 */
export function isHidden(project: Pick<Project, 'path'>, roots: string[]): boolean {
  const root = roots
    .map((candidate) => candidate.replace(/\/+$/, ''))
    .filter((candidate) => project.path === candidate || project.path.startsWith(`${candidate}/`))
    .sort((a, b) => b.length - a.length)[0];
  const below = root === undefined ? project.path : project.path.slice(root.length);
  return below.split('/').some((segment) => segment.startsWith('.'));
}

/** How many options a Page Up / Page Down moves. */
export const PAGE = 8;

/**
 * The option a key moves the highlight to in a list of `count` options, or null for a key the list
 * does not handle. From no highlight (-1), Down goes to the first option and Up to the last;
 * Up and Down wrap around, Home/End/PageUp/PageDown stop at the ends.
 */
export function moveHighlight(current: number, key: string, count: number): number | null {
  if (count === 0) return null;
  switch (key) {
    case 'ArrowDown':
      return current < 0 || current >= count - 1 ? 0 : current + 1;
    case 'ArrowUp':
      return current <= 0 ? count - 1 : current - 1;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    case 'PageDown':
      return Math.min(count - 1, Math.max(current, 0) + PAGE);
    case 'PageUp':
      return Math.max(0, current - PAGE);
    default:
      return null;
  }
}

/** "main", "main · dirty", "detached at 1a2b3c4d5e6f", with "dirty" when the tree has changes. */
export function describeBranch(project: Project): string {
  const where = project.branch ?? (project.head ? `detached at ${project.head}` : 'no commits');
  return project.dirty ? `${where} · dirty` : where;
}

/** A remote URL without its scheme, user and `.git`: "github.com/acme/shop". */
export function shortRemote(remote: string | null): string | null {
  if (!remote) return null;
  const scp = /^[^@/]+@([^:]+):(.+)$/.exec(remote);
  const bare = scp ? `${scp[1]}/${scp[2]}` : remote.replace(/^[a-z+]+:\/\/(?:[^@/]+@)?/i, '');
  return bare.replace(/\.git$/, '').replace(/\/+$/, '');
}

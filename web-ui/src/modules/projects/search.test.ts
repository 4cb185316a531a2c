import { describe, expect, it } from 'vitest';
import type { Project } from '../../api/types';
import { describeBranch, filterProjects, isHidden, moveHighlight, PAGE, shortRemote, sortByName } from './search';

function project(name: string, path: string, branch: string | null, remote: string | null, dirty = false): Project {
  return { name, path, branch, head: 'abcdef123456', dirty, remote, error: null, worktrees: [] };
}

const projects = [
  project('api', '/home/dev/code/api', 'feature/Payments', 'https://gitlab.example/acme/api.git', true),
  project('shop-web', '/home/dev/code/shop-web', 'main', 'git@github.com:acme/shop-web.git'),
  project('web', '/home/dev/web', 'main', null),
  project('dotfiles', '/home/dev/dotfiles', null, null),
];

const names = (found: Project[]) => found.map((p) => p.name);

describe('filterProjects', () => {
  it('keeps every project for a blank query, in order', () => {
    expect(names(filterProjects(projects, '  '))).toEqual(['api', 'shop-web', 'web', 'dotfiles']);
  });

  it('matches name, path, branch and remote ignoring case', () => {
    expect(names(filterProjects(projects, 'PAYMENTS'))).toEqual(['api']);
    expect(names(filterProjects(projects, 'gitlab.example'))).toEqual(['api']);
    expect(names(filterProjects(projects, '/home/dev/code'))).toEqual(['api', 'shop-web']);
    expect(names(filterProjects(projects, 'DOT'))).toEqual(['dotfiles']);
  });

  it('needs every word to match', () => {
    expect(names(filterProjects(projects, 'acme main'))).toEqual(['shop-web']);
    expect(names(filterProjects(projects, 'acme nothing'))).toEqual([]);
  });

  it('puts projects whose name starts with the first word first', () => {
    expect(names(filterProjects(projects, 'web'))).toEqual(['web', 'shop-web']);
  });

  it('treats regular-expression and SQL characters literally', () => {
    expect(names(filterProjects(projects, '.*'))).toEqual([]);
    expect(names(filterProjects(projects, '%'))).toEqual([]);
  });
});

describe('moveHighlight', () => {
  it('enters the list from no highlight', () => {
    expect(moveHighlight(-1, 'ArrowDown', 5)).toBe(0);
    expect(moveHighlight(-1, 'ArrowUp', 5)).toBe(4);
  });

  it('wraps around with the arrows', () => {
    expect(moveHighlight(4, 'ArrowDown', 5)).toBe(0);
    expect(moveHighlight(0, 'ArrowUp', 5)).toBe(4);
    expect(moveHighlight(2, 'ArrowDown', 5)).toBe(3);
    expect(moveHighlight(2, 'ArrowUp', 5)).toBe(1);
  });

  it('jumps to the ends and by pages without wrapping', () => {
    expect(moveHighlight(3, 'Home', 20)).toBe(0);
    expect(moveHighlight(3, 'End', 20)).toBe(19);
    expect(moveHighlight(3, 'PageDown', 20)).toBe(3 + PAGE);
    expect(moveHighlight(15, 'PageDown', 20)).toBe(19);
    expect(moveHighlight(-1, 'PageDown', 20)).toBe(PAGE);
    expect(moveHighlight(3, 'PageUp', 20)).toBe(0);
    expect(moveHighlight(12, 'PageUp', 20)).toBe(12 - PAGE);
  });

  it('ignores other keys and empty lists', () => {
    expect(moveHighlight(1, 'a', 5)).toBeNull();
    expect(moveHighlight(1, 'Enter', 5)).toBeNull();
    expect(moveHighlight(-1, 'ArrowDown', 0)).toBeNull();
  });
});

describe('describeBranch and shortRemote', () => {
  it('says branch, detached head or no commits, and dirty', () => {
    expect(describeBranch(projects[0])).toBe('feature/Payments · dirty');
    expect(describeBranch(projects[3])).toBe('detached at abcdef123456');
    expect(describeBranch({ ...projects[3], head: null })).toBe('no commits');
  });

  it('shortens ssh, scp-like and https remotes', () => {
    expect(shortRemote('git@github.com:acme/shop-web.git')).toBe('github.com/acme/shop-web');
    expect(shortRemote('https://user@gitlab.example/acme/api.git')).toBe('gitlab.example/acme/api');
    expect(shortRemote('ssh://git@host.example:2222/x/y.git')).toBe('host.example:2222/x/y');
    expect(shortRemote('/srv/git/local.git')).toBe('/srv/git/local');
    expect(shortRemote(null)).toBeNull();
  });
});

describe('sortByName', () => {
  it('sorts by name ignoring case with numbers in order, then by path', () => {
    const sorted = sortByName([
      project('Web', '/b/web', null, null),
      project('api10', '/a/api10', null, null),
      project('web', '/a/web', null, null),
      project('api9', '/a/api9', null, null),
    ]);
    expect(sorted.map((p) => p.path)).toEqual(['/a/api9', '/a/api10', '/a/web', '/b/web']);
  });
});

describe('isHidden', () => {
  const roots = ['/home/dev', '/home/dev/.local/src/'];

  it('hides projects in a dot directory below their root', () => {
    expect(isHidden({ path: '/home/dev/.pyenv/plugins/pyenv-virtualenv' }, roots)).toBe(true);
    expect(isHidden({ path: '/home/dev/code/.cache/dep' }, roots)).toBe(true);
    expect(isHidden({ path: '/home/dev/code/shop' }, roots)).toBe(false);
  });

  it('does not hide what is under a hidden root', () => {
    expect(isHidden({ path: '/home/dev/.local/src/tool' }, roots)).toBe(false);
    expect(isHidden({ path: '/home/dev/.local/src' }, roots)).toBe(false);
  });
});

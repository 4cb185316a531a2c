import { describe, expect, it } from 'vitest';
import type { Session } from '../../api/types';
import { session } from './sessionFixture';
import {
  filterChoices,
  filterParams,
  filterSessions,
  isNarrowed,
  pageOf,
  parseFilter,
  type SessionFilter,
} from './sessionFilter';


const ANY: SessionFilter = parseFilter(new URLSearchParams());

const ids = (sessions: Session[]) => sessions.map((s) => s.id);

describe('filterSessions', () => {
  const sessions = [
    session('live-bash', { cwd: '/srv/shop', shell: { cwd: '/srv/shop/api', lastCommand: 'npm test', lastExitCode: 0, running: false, updatedAt: null } }),
    session('claude', { profile: 'claude', hostId: 'h2', hostName: 'gpu', task: 'Fix the login page', createdBy: 'ana', cwd: '/srv/shop' }),
    session('ended', { state: 'exited', exitCode: 0, command: ['sh', '-c', 'make release'], profile: 'command' }),
    session('failed', { state: 'failed', task: 'Nightly build' }),
  ];

  it('hides ended sessions unless asked, or unless the state filter picks an ended state', () => {
    expect(ids(filterSessions(sessions, ANY))).toEqual(['live-bash', 'claude']);
    expect(ids(filterSessions(sessions, { ...ANY, showEnded: true }))).toEqual(['live-bash', 'claude', 'ended', 'failed']);
    expect(ids(filterSessions(sessions, { ...ANY, state: 'failed' }))).toEqual(['failed']);
  });

  it('filters by host, agent, project and who started it', () => {
    expect(ids(filterSessions(sessions, { ...ANY, hostId: 'h2' }))).toEqual(['claude']);
    expect(ids(filterSessions(sessions, { ...ANY, profile: 'bash' }))).toEqual(['live-bash']);
    expect(ids(filterSessions(sessions, { ...ANY, project: '/srv/shop' }))).toEqual(['live-bash', 'claude']);
    expect(ids(filterSessions(sessions, { ...ANY, createdBy: 'ana' }))).toEqual(['claude']);
  });

  it('searches every word in the task, the quoted command line and the directories, ignoring case', () => {
    expect(ids(filterSessions(sessions, { ...ANY, query: 'LOGIN fix' }))).toEqual(['claude']);
    expect(ids(filterSessions(sessions, { ...ANY, query: 'shop/api' }))).toEqual(['live-bash']);
    expect(ids(filterSessions(sessions, { ...ANY, query: "'make release'", showEnded: true }))).toEqual(['ended']);
    expect(ids(filterSessions(sessions, { ...ANY, query: 'npm test' }))).toEqual(['live-bash']);
    expect(ids(filterSessions(sessions, { ...ANY, query: 'nightly' }))).toEqual([]);
  });
});

describe('filter parameters', () => {
  it('round-trip through the URL, leaving defaults out', () => {
    const filter: SessionFilter = {
      state: 'exited',
      hostId: 'h1',
      profile: 'bash',
      project: '/srv/shop',
      createdBy: 'ana',
      query: 'fix login',
      showEnded: true,
      page: 3,
    };
    expect(parseFilter(filterParams(filter))).toEqual(filter);
    expect(filterParams(ANY).toString()).toBe('');
  });

  it('read unknown states and bad pages as "any" and page 1', () => {
    expect(parseFilter(new URLSearchParams('state=sleeping&page=-2'))).toMatchObject({ state: '', page: 1 });
    expect(parseFilter(new URLSearchParams('page=abc')).page).toBe(1);
  });

  it('count as narrowing only when a filter or a search is set', () => {
    expect(isNarrowed({ ...ANY, showEnded: true, page: 2 })).toBe(false);
    expect(isNarrowed({ ...ANY, query: '  ' })).toBe(false);
    expect(isNarrowed({ ...ANY, createdBy: 'ana' })).toBe(true);
  });
});

describe('filterChoices', () => {
  it('offers each value the sessions have once, sorted', () => {
    const choices = filterChoices([
      session('a', { hostId: 'h2', hostName: 'gpu', profile: 'claude', cwd: '/srv/b', createdBy: 'zoe' }),
      session('b', { cwd: '/srv/a' }),
      session('c', { profile: 'claude', cwd: '/srv/b' }),
    ]);
    expect(choices).toEqual({
      hosts: [
        { id: 'h2', name: 'gpu' },
        { id: 'h1', name: 'laptop' },
      ],
      profiles: ['bash', 'claude'],
      projects: ['/srv/a', '/srv/b'],
      creators: ['admin', 'zoe'],
    });
  });
});

describe('pageOf', () => {
  const items = Array.from({ length: 45 }, (_, i) => i);

  it('cuts a list into pages and moves an out-of-range page into range', () => {
    expect(pageOf(items, 1)).toEqual({ items: items.slice(0, 20), page: 1, pages: 3 });
    expect(pageOf(items, 3).items).toEqual([40, 41, 42, 43, 44]);
    expect(pageOf(items, 9).page).toBe(3);
    expect(pageOf([], 4)).toEqual({ items: [], page: 1, pages: 1 });
  });
});

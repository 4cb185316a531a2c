import { describe, expect, it } from 'vitest';
import { filterParams, isNarrowed, pageCount, parseFilter, sessionQuery, type SessionFilter } from './sessionFilter';

const ANY: SessionFilter = parseFilter(new URLSearchParams());

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

describe('sessionQuery', () => {
  it('asks the hub for one page of live sessions by default, newest first', () => {
    expect(sessionQuery(ANY)).toEqual({ limit: 20, page: 1, ended: 'exclude' });
  });

  it('sends every filter that is set, the trimmed search, and includes ended sessions when shown or picked by state', () => {
    expect(
      sessionQuery({ state: 'running', hostId: 'h1', profile: 'bash', project: '/srv/shop', createdBy: 'ana', query: ' fix login ', showEnded: false, page: 3 }),
    ).toEqual({ limit: 20, page: 3, ended: 'exclude', state: 'running', hostId: 'h1', profile: 'bash', project: '/srv/shop', createdBy: 'ana', q: 'fix login' });
    expect(sessionQuery({ ...ANY, state: 'failed' }).ended).toBe('include');
    expect(sessionQuery({ ...ANY, showEnded: true }).ended).toBe('include');
    expect(sessionQuery({ ...ANY, query: '   ' })).not.toHaveProperty('q');
  });

  it('counts pages, at least one', () => {
    expect(pageCount(0)).toBe(1);
    expect(pageCount(20)).toBe(1);
    expect(pageCount(21)).toBe(2);
    expect(pageCount(45, 20)).toBe(3);
  });
});

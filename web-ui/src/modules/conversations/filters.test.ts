import { describe, expect, it } from 'vitest';
import { filterParams, listQuery, parseFilter, projectName, searchQuery } from './filters';

describe('archive filters', () => {
  it('round-trip through the URL, leaving out what is empty and the first page', () => {
    const filter = parseFilter(new URLSearchParams('hostId=h1&project=%2Fsrc%2Fa&q=npm+test&page=3&bogus=1'));
    expect(filter).toEqual({ hostId: 'h1', project: '/src/a', agent: '', user: '', from: '', to: '', q: 'npm test', page: 3 });
    expect(filterParams(filter).toString()).toBe('hostId=h1&project=%2Fsrc%2Fa&q=npm+test&page=3');
    expect(filterParams({ ...filter, page: 1 }).has('page')).toBe(false);
    expect(parseFilter(new URLSearchParams('page=-2')).page).toBe(1);
  });

  it('ask the hub for whole local days, pages from 0', () => {
    const filter = parseFilter(new URLSearchParams('from=2026-12-01&to=2026-12-07&agent=claude&q=%20x%20'));
    const query = listQuery(filter, 50);
    expect(query).toMatchObject({ agent: 'claude', limit: 50, page: 0, hostId: undefined });
    expect(query.from).toBe(new Date(2026, 11, 1).toISOString());
    expect(query.to).toBe(new Date(2026, 11, 8).toISOString());
    expect(searchQuery(filter, 20)).toMatchObject({ q: 'x', limit: 20, page: 0 });
    expect(listQuery(parseFilter(new URLSearchParams('from=yesterday')), 50).from).toBeUndefined();
  });

  it('name a project by the last part of its path', () => {
    expect(projectName('/home/ann/src/drover/')).toBe('drover');
    expect(projectName('C:\\work\\api')).toBe('api');
    expect(projectName('/')).toBe('/');
    expect(projectName(null)).toBe('no directory');
  });
});

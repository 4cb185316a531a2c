import { describe, expect, it } from 'vitest';
import type { SpendRow } from '../../api/types';
import { addDays, chartData, csvHref, drillOf, drillQuery, parseView, sessionListLink, unpricedWarning, viewParams } from './spend';

const row = (fields: Partial<SpendRow>): SpendRow => ({
  day: null,
  hostId: null,
  hostName: null,
  project: null,
  model: null,
  profile: null,
  user: null,
  sessionId: null,
  task: null,
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheCreationTokens: 0,
  tokens: 0,
  costUsd: '0',
  estimatedCostUsd: '0',
  unpricedTokens: 0,
  unpricedEvents: 0,
  sessions: 0,
  ...fields,
});

describe('the spend page view', () => {
  it('defaults to this month so far and the host breakdown', () => {
    expect(parseView(new URLSearchParams(), '2026-12-07')).toEqual({ from: '2026-12-01', to: '2026-12-07', by: 'host', drill: null });
  });

  it('keeps days, breakdown and drill in the URL and reads them back', () => {
    const view = {
      from: '2026-11-01',
      to: '2026-11-30',
      by: 'project' as const,
      drill: { hostId: 'h1', project: '/home/me/shop', name: '/home/me/shop on laptop' },
    };
    expect(parseView(viewParams(view), '2026-12-07')).toEqual(view);
  });

  it('ignores what it does not know', () => {
    expect(parseView(new URLSearchParams('from=last-week&by=week'), '2026-12-07')).toMatchObject({ from: '2026-12-01', by: 'host' });
  });

  it('counts days across months and years', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});

describe('drilling into a group', () => {
  const view = { from: '2026-12-01', to: '2026-12-07', by: 'project' as const, drill: null };

  it('lists the sessions of a project in the session list, ended ones too', () => {
    const drill = drillOf('project', row({ hostId: 'h1', hostName: 'laptop', project: '/home/me/shop' }));
    expect(drill).toEqual({ hostId: 'h1', project: '/home/me/shop', name: '/home/me/shop on laptop' });
    expect(sessionListLink(drill)).toBe('/?host=h1&project=%2Fhome%2Fme%2Fshop&ended=1');
    expect(drillQuery(view, drill)).toMatchObject({ from: '2026-12-01', to: '2026-12-07', groupBy: 'session', hostId: 'h1' });
  });

  it('lists a model’s or a day’s sessions only on the spend page', () => {
    expect(sessionListLink(drillOf('model', row({ model: 'gpt-5.5' })))).toBeNull();
    expect(sessionListLink({ day: '2026-12-03', name: '2026-12-03' })).toBeNull();
    expect(drillQuery(view, { day: '2026-12-03', name: '' })).toMatchObject({ from: '2026-12-03', to: '2026-12-03' });
  });

  it('downloads the CSV of what is shown', () => {
    expect(csvHref({ from: '2026-12-01', to: '2026-12-07', groupBy: 'user', model: undefined })).toBe(
      '/api/v1/spend?from=2026-12-01&to=2026-12-07&groupBy=user&format=csv',
    );
  });
});

describe('figures', () => {
  it('charts each day’s cost at the day’s UTC midnight', () => {
    expect(chartData([row({ day: '2026-12-01', costUsd: '0.0114378' }), row({ day: '2026-12-02', costUsd: '0' })])).toEqual([
      [Date.UTC(2026, 11, 1) / 1000, Date.UTC(2026, 11, 2) / 1000],
      [0.0114378, 0],
    ]);
  });

  it('warns about usage without a price, never a silent 0', () => {
    expect(unpricedWarning(row({}), [])).toBeNull();
    expect(unpricedWarning(row({ unpricedEvents: 1, unpricedTokens: 440 }), ['gpt-9'])).toBe(
      '1 request of gpt-9 has no price: their 440 tokens are not in the cost.',
    );
    expect(unpricedWarning(row({ unpricedEvents: 3, unpricedTokens: 1200 }), ['a', 'b', 'c'])).toBe(
      '3 requests of a, b and c have no price: their 1,200 tokens are not in the cost.',
    );
  });
});

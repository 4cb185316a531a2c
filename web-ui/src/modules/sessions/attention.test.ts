import { describe, expect, it } from 'vitest';
import { attentionGroup, byAttention, nextNeedingYou, stateFor } from './attention';
import { session } from './sessionFixture';

describe('byAttention', () => {
  it('puts the sessions that need someone first, then working, idle and ended ones', () => {
    const sessions = [
      session('idle', { activity: 'idle', activitySince: '2026-12-07T08:00:00Z' }),
      session('ended', { state: 'exited', activity: 'idle', endedAt: '2026-12-07T08:05:00Z' }),
      session('asks-late', { activity: 'needs-answer', activitySince: '2026-12-07T08:03:00Z' }),
      session('works', { activity: 'working', activitySince: '2026-12-07T08:01:00Z' }),
      session('asks-early', { activity: 'needs-approval', activitySince: '2026-12-07T08:02:00Z' }),
      session('ended-later', { state: 'lost', activity: 'working', endedAt: '2026-12-07T08:06:00Z' }),
    ];
    expect(byAttention(sessions).map((s) => s.id)).toEqual(['asks-early', 'asks-late', 'works', 'idle', 'ended-later', 'ended']);
  });

  it('counts a starting agent and one whose activity is not known yet as working, an error as needing you', () => {
    expect(attentionGroup(session('s', { state: 'starting', activity: null }))).toBe('working');
    expect(attentionGroup(session('s', { activity: 'errored' }))).toBe('needs-you');
  });
});

describe('nextNeedingYou', () => {
  it('goes round to the next session that needs someone', () => {
    const sessions = [
      session('a', { activity: 'needs-approval' }),
      session('b', { activity: 'working' }),
      session('c', { activity: 'needs-answer' }),
    ];
    expect(nextNeedingYou(sessions, -1)).toBe(0);
    expect(nextNeedingYou(sessions, 0)).toBe(2);
    expect(nextNeedingYou(sessions, 2)).toBe(0);
    expect(nextNeedingYou([session('b', { activity: 'idle' })], -1)).toBe(-1);
  });
});

describe('stateFor', () => {
  const now = new Date('2026-12-07T10:00:00Z').getTime();
  it('says how long in a few characters', () => {
    expect(stateFor('2026-12-07T09:59:15Z', now)).toBe('45s');
    expect(stateFor('2026-12-07T09:57:00Z', now)).toBe('3m');
    expect(stateFor('2026-12-07T07:55:00Z', now)).toBe('2h 5m');
    expect(stateFor('2026-12-04T06:00:00Z', now)).toBe('3d 4h');
    expect(stateFor('2026-12-07T10:00:05Z', now)).toBe('0s');
  });
});

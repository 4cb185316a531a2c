import { describe, expect, it } from 'vitest';
import type { InboxItem } from '../../api/types';
import { counted, faviconUrl, inView, lookingAt, newTransitions, notificationText, pageTitle, place, waited } from './attention';

const item = (over: Partial<InboxItem> = {}): InboxItem => ({
  sessionId: 's1',
  hostName: 'laptop',
  project: 'shop',
  cwd: '/home/me/shop',
  branch: 'main',
  profile: 'claude',
  task: null,
  state: 'needs-approval',
  since: '2026-12-07T08:00:00Z',
  detail: 'make deploy',
  muted: false,
  ...over,
});

describe('attention', () => {
  it('counts the sessions that wait and are not muted, in the title', () => {
    const items = [item(), item({ sessionId: 's2', muted: true }), item({ sessionId: 's3', state: 'needs-answer' })];
    expect(counted(items).map((found) => found.sessionId)).toEqual(['s1', 's3']);
    expect(pageTitle(2)).toBe('(2) Drover');
    expect(pageTitle(0)).toBe('Drover');
  });

  it('notifies each transition once, never what waited when the page opened, nor a muted session', () => {
    const seen = new Set<string>();
    expect(newTransitions([item()], seen, true)).toEqual([]);
    expect(newTransitions([item()], seen, false)).toEqual([]);
    const next = item({ since: '2026-12-07T08:05:00Z' });
    expect(newTransitions([next, item({ sessionId: 's2' })], seen, false).map((found) => found.sessionId)).toEqual([
      's1',
      's2',
    ]);
    expect(newTransitions([next], seen, false)).toEqual([]);
    expect(newTransitions([item({ sessionId: 's4', muted: true })], seen, false)).toEqual([]);
  });

  it('is quiet for the session the reader is looking at, only while the tab is visible', () => {
    expect(lookingAt('s1', { pathname: '/sessions/s1', search: '' }, true)).toBe(true);
    expect(lookingAt('s1', { pathname: '/sessions/s1', search: '' }, false)).toBe(false);
    expect(lookingAt('s1', { pathname: '/sessions/s2', search: '' }, true)).toBe(false);
    expect(lookingAt('s1', { pathname: '/terminals', search: '?ids=s2,s1&tab=s1' }, true)).toBe(true);
    expect(lookingAt('s1', { pathname: '/terminals', search: '?ids=s2,s1' }, true)).toBe(false);
    expect(lookingAt('s2', { pathname: '/terminals', search: '?ids=s2,s1' }, true)).toBe(true);
    expect(inView({ pathname: '/sessions/s1/terminal-only', search: '' }, true)).toBe('s1');
    expect(inView({ pathname: '/sessions/s1', search: '' }, false)).toBeNull();
    expect(inView({ pathname: '/fleet', search: '' }, true)).toBeNull();
    expect(inView({ pathname: '/terminals', search: '' }, true)).toBeNull();
  });

  it('says where and what in the notification, and how long it waited', () => {
    expect(place(item())).toBe('laptop · shop · (main)');
    expect(notificationText(item())).toEqual({ title: 'claude needs approval', body: 'laptop · shop · (main)\nmake deploy' });
    expect(notificationText(item({ state: 'needs-answer', detail: null, branch: null })).body).toBe('laptop · shop');
    const since = Date.parse('2026-12-07T08:00:00Z');
    expect(waited('2026-12-07T08:00:00Z', since + 12_000)).toBe('12 s');
    expect(waited('2026-12-07T08:00:00Z', since + 4 * 60_000)).toBe('4 min');
    expect(waited('2026-12-07T08:00:00Z', since + 3 * 3_600_000)).toBe('3 h');
  });

  it('draws a badge with the count on the favicon', () => {
    expect(decodeURIComponent(faviconUrl(0))).not.toContain('<circle');
    expect(decodeURIComponent(faviconUrl(3))).toContain('>3</text>');
    expect(decodeURIComponent(faviconUrl(12))).toContain('>9+</text>');
  });
});

import { describe, expect, it } from 'vitest';
import { shownActivity } from './activity';
import { session } from './sessionFixture';

describe('shownActivity', () => {
  it('shows what a live agent asks, since when and why', () => {
    const shown = shownActivity(
      session('s1', {
        activity: 'needs-approval',
        activitySince: '2026-12-07T08:00:04Z',
        activityCause: 'hook PermissionRequest Bash',
        activityDetail: 'rm -rf build',
      }),
    );
    expect(shown).toMatchObject({ state: 'needs-approval', label: 'needs approval', tone: 'warn', needsYou: true, detail: 'rm -rf build' });
    expect(shown?.title).toContain('(hook PermissionRequest Bash): rm -rf build');
  });

  it('shows no detail for an agent that does not need anyone', () => {
    const shown = shownActivity(session('s1', { activity: 'working', activityCause: 'title', activityDetail: 'stale' }));
    expect(shown).toMatchObject({ label: 'working', tone: 'info', needsYou: false, detail: null });
  });

  it('shows nothing before the daemon said, nor for an ended session', () => {
    expect(shownActivity(session('s1'))).toBeNull();
    expect(shownActivity(session('s1', { state: 'exited', activity: 'idle' }))).toBeNull();
    expect(shownActivity(session('s1', { state: 'lost', activity: 'working' }))).toBeNull();
    expect(shownActivity(session('s1', { activity: 'exited' }))).toBeNull();
  });
});

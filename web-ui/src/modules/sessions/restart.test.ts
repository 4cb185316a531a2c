import { describe, expect, it } from 'vitest';
import { canRestart, restartRequest } from './restart';
import { session } from './sessionFixture';

describe('restart', () => {
  it('is offered for ended shells and commands, not for live sessions or agents that can be resumed', () => {
    expect(canRestart(session('a', { state: 'exited' }))).toBe(true);
    expect(canRestart(session('b', { state: 'failed', profile: 'command', command: ['make'] }))).toBe(true);
    expect(canRestart(session('c', { state: 'running' }))).toBe(false);
    expect(canRestart(session('d', { state: 'exited', profile: 'claude', agentSessionId: 'abc' }))).toBe(false);
  });

  it('starts the same command in the same directory with the same task', () => {
    expect(
      restartRequest(
        session('a', { profile: 'command', command: ['sh', '-c', 'echo hi; exit 3'], cwd: '/srv/shop', task: 'Smoke test' }),
      ),
    ).toEqual({
      hostId: 'h1',
      profile: 'command',
      command: ['sh', '-c', 'echo hi; exit 3'],
      cwd: '/srv/shop',
      worktree: false,
      task: 'Smoke test',
      cols: 120,
      rows: 40,
    });
  });

  it('reuses the worktree the session ran in, and leaves out what the session did not have', () => {
    expect(restartRequest(session('a', { cwd: '/srv/shop', worktree: true, worktreePath: '/wt/shop-1' }))).toEqual({
      hostId: 'h1',
      profile: 'bash',
      cwd: '/wt/shop-1',
      worktree: false,
      cols: 120,
      rows: 40,
    });
    expect(restartRequest(session('b'))).toEqual({ hostId: 'h1', profile: 'bash', cols: 120, rows: 40 });
  });
});

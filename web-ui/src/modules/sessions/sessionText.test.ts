import { describe, expect, it } from 'vitest';
import { sessionCommand, sessionPickerLabel, sessionTitle, stopReasonText, withCompanions } from './sessionText';

describe('session text', () => {
  it('names a session by its task, else by what it runs', () => {
    expect(sessionTitle({ command: [], profile: 'claude', mode: 'new', task: 'Fix login' })).toBe('Fix login');
    expect(sessionTitle({ command: ['htop', '-d', '10'], profile: 'command', mode: 'new', task: null })).toBe('htop -d 10');
    expect(sessionTitle({ command: [], profile: 'codex', mode: 'resume', task: null })).toBe('codex (resume)');
  });

  it('shows the command under a task', () => {
    expect(sessionCommand({ command: [], profile: 'claude', mode: 'continue' })).toBe('claude (continue)');
    expect(sessionCommand({ command: ['sh', '-c', 'echo hi; exit 3'], profile: 'command', mode: 'new' })).toBe(
      `sh -c 'echo hi; exit 3'`,
    );
  });

  it('puts known stop reasons into words and keeps the others', () => {
    expect(stopReasonText('stopped-by-user')).toBe('stopped by a user');
    expect(stopReasonText('exited')).toBe('exited by itself');
    expect(stopReasonText('command not found: nope')).toBe('command not found: nope');
  });
});

describe('withCompanions', () => {
  it('lists each companion shell right after its session', () => {
    const sessions = [
      { id: 'shell-b', parentId: 'b' },
      { id: 'a', parentId: null },
      { id: 'b', parentId: null },
      { id: 'shell-a', parentId: 'a' },
      { id: 'orphan', parentId: 'gone' },
    ];
    expect(withCompanions(sessions).map(({ session, companion }) => `${session.id}${companion ? '*' : ''}`)).toEqual([
      'a',
      'shell-a*',
      'b',
      'shell-b*',
      'orphan*',
    ]);
  });
});

describe('sessionPickerLabel', () => {
  const base = { command: [], profile: 'bash', mode: 'new' as const, task: null, cwd: '/srv/shop', worktreePath: null, shell: null, hostName: 'laptop' };

  it('tells shells apart by their directory, the shell’s own when it reported one', () => {
    expect(sessionPickerLabel(base)).toBe('bash · /srv/shop · laptop');
    expect(
      sessionPickerLabel({
        ...base,
        shell: { cwd: '/srv/shop/api', lastCommand: null, lastExitCode: null, running: false, updatedAt: null },
      }),
    ).toBe('bash · /srv/shop/api · laptop');
  });

  it('shows the task with what runs under it, and no directory when there is none', () => {
    expect(sessionPickerLabel({ ...base, task: 'Fix login', cwd: null })).toBe('Fix login · bash · laptop');
  });
});

import { describe, expect, it } from 'vitest';
import type { AgentProfile } from '../../api/types';
import { defaultProfile, type SpawnForm, spawnModes, toSpawnRequest, worktreeByDefault } from './spawnForm';

const agent = (id: string, overrides: Partial<AgentProfile> = {}): AgentProfile => ({
  id,
  name: id.toUpperCase(),
  description: '',
  modes: ['new', 'resume', 'continue'],
  agentSessionId: 'none',
  userCommand: false,
  takesPrompt: true,
  installed: true,
  version: '1.0.0',
  path: `/usr/bin/${id}`,
  problem: null,
  ...overrides,
});

const form = (overrides: Partial<SpawnForm> = {}): SpawnForm => ({
  hostId: 'h1',
  profileId: 'claude',
  mode: 'new',
  command: '',
  cwd: '',
  agentSessionId: '',
  prompt: '',
  task: '',
  worktree: null,
  budgetUsd: '',
  budgetTokens: '',
  ...overrides,
});

const size = { cols: 120, rows: 40 };

describe('defaultProfile', () => {
  it('prefers an installed coding agent over a shell', () => {
    expect(defaultProfile([agent('bash'), agent('claude', { installed: false }), agent('codex')])?.id).toBe('codex');
  });

  it('falls back to the first installed profile, and to nothing', () => {
    expect(defaultProfile([agent('mytool'), agent('other')])?.id).toBe('mytool');
    expect(defaultProfile([agent('claude', { installed: false })])).toBeUndefined();
  });
});

describe('spawnModes', () => {
  it('offers the modes a profile lists, leaving out one this UI cannot start', () => {
    expect(spawnModes(agent('claude', { modes: ['new', 'fork', 'continue'] }))).toEqual(['new', 'continue']);
  });
});

describe('toSpawnRequest', () => {
  it('sends a session budget as typed, and refuses one the hub would refuse', () => {
    expect(toSpawnRequest(form({ budgetUsd: '$0.50', budgetTokens: '20,000' }), agent('claude'), size)).toEqual({
      request: { hostId: 'h1', profile: 'claude', mode: 'new', cols: 120, rows: 40, budgetUsd: '0.50', budgetTokens: 20000 },
    });
    expect(toSpawnRequest(form({ budgetUsd: '-1' }), agent('claude'), size)).toHaveProperty('error');
  });

  it('sends the prompt and task for an agent that takes a prompt, and no command', () => {
    const result = toSpawnRequest(form({ prompt: 'fix the bug', task: '  Login  ', command: 'ignored' }), agent('claude'), size);
    expect(result).toEqual({
      request: { hostId: 'h1', profile: 'claude', mode: 'new', cols: 120, rows: 40, prompt: 'fix the bug', task: 'Login' },
    });
  });

  it('splits the command line of the any-command profile', () => {
    const result = toSpawnRequest(form({ command: "htop -d '10'" }), agent('command', { userCommand: true, takesPrompt: false }), size);
    expect(result).toMatchObject({ request: { command: ['htop', '-d', '10'] } });
    expect(toSpawnRequest(form({ command: '  ' }), agent('command', { userCommand: true }), size)).toEqual({
      error: 'Enter a command to run.',
    });
  });

  it('needs the agent session id to resume', () => {
    expect(toSpawnRequest(form({ mode: 'resume' }), agent('codex'), size)).toEqual({
      error: "Enter the agent's session id to resume.",
    });
    expect(toSpawnRequest(form({ mode: 'resume', agentSessionId: ' abc ' }), agent('codex'), size)).toMatchObject({
      request: { mode: 'resume', agentSessionId: 'abc' },
    });
  });

  it('refuses what the profile or host cannot do', () => {
    expect(toSpawnRequest(form({ mode: 'resume' }), agent('bash', { modes: ['new'] }), size)).toEqual({
      error: 'BASH cannot resume a session.',
    });
    expect(toSpawnRequest(form(), agent('claude', { installed: false }), size)).toEqual({
      error: 'CLAUDE is not installed on this host.',
    });
    expect(toSpawnRequest(form({ cwd: 'src/app' }), agent('claude'), size)).toEqual({
      error: 'The working directory must be an absolute path.',
    });
    expect(toSpawnRequest(form({ hostId: '' }), agent('claude'), size)).toEqual({ error: 'Pick an online host.' });
  });

  it('drops a prompt the agent cannot take', () => {
    const result = toSpawnRequest(form({ prompt: 'hello' }), agent('bash', { takesPrompt: false }), size);
    expect(result).toMatchObject({ request: { profile: 'bash' } });
    expect('request' in result && result.request.prompt).toBeFalsy();
  });
});

describe('worktrees', () => {
  it('asks for a worktree only in a project, and leaves the default to the hub when untouched', () => {
    expect(toSpawnRequest(form({ cwd: '/srv/app', worktree: true }), agent('claude'), size)).toMatchObject({
      request: { cwd: '/srv/app', worktree: true },
    });
    const untouched = toSpawnRequest(form({ cwd: '/srv/app' }), agent('claude'), size);
    expect('request' in untouched && 'worktree' in untouched.request).toBe(false);
    const noProject = toSpawnRequest(form({ worktree: true }), agent('claude'), size);
    expect('request' in noProject && 'worktree' in noProject.request).toBe(false);
  });

  it('defaults to a worktree when another live session on the host works in the project', () => {
    const sessions = [
      { hostId: 'h1', cwd: '/srv/app', state: 'running' as const },
      { hostId: 'h2', cwd: '/srv/other', state: 'running' as const },
      { hostId: 'h1', cwd: '/srv/old', state: 'exited' as const },
    ];
    expect(worktreeByDefault('/srv/app', 'h1', sessions)).toBe(true);
    expect(worktreeByDefault('/srv/other', 'h1', sessions)).toBe(false);
    expect(worktreeByDefault('/srv/old', 'h1', sessions)).toBe(false);
    expect(worktreeByDefault('', 'h1', sessions)).toBe(false);
  });
});

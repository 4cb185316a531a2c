import { describe, expect, it } from 'vitest';
import type { McpServer, SessionShell } from '../../api/types';
import { commandText, exitBadge, hasCommand, mcpLabel, mcpTitle, shellTitle, shortPath } from './shell';

const idle: SessionShell = { cwd: '/home/ada', lastCommand: null, lastExitCode: null, running: false, updatedAt: null };

describe('exit badge', () => {
  it('is green for 0, red for any other code and says running while a command runs', () => {
    expect(exitBadge({ ...idle, lastCommand: 'true', lastExitCode: 0 })).toEqual({
      tone: 'good',
      label: 'exit 0',
      title: 'The last command succeeded (exit code 0)',
    });
    expect(exitBadge({ ...idle, lastCommand: 'false', lastExitCode: 1 })).toMatchObject({ tone: 'bad', label: 'exit 1' });
    expect(exitBadge({ ...idle, lastExitCode: 130 })?.title).toBe('The last command failed with exit code 130');
    expect(exitBadge({ ...idle, lastCommand: 'make', running: true })).toMatchObject({ tone: 'info', label: 'running…' });
  });

  // An ended session kept "running…" next to the `exit` that ended it, in its header and fleet row.
  it('says nothing is running once the session ended', () => {
    const ended = { ...idle, lastCommand: 'exit', lastExitCode: 0, running: true };
    expect(exitBadge(ended, false)).toBeNull();
    expect(shellTitle(ended, false)).toBe('/home/ada\n$ exit');
    expect(exitBadge({ ...idle, lastCommand: 'false', lastExitCode: 1 }, false)).toMatchObject({ label: 'exit 1' });
  });

  it('is absent before any command finished', () => {
    expect(exitBadge(idle)).toBeNull();
    expect(hasCommand(idle)).toBe(false);
    expect(hasCommand({ ...idle, running: true })).toBe(true);
  });
});

describe('command text', () => {
  it('shows the first line of a multi-line command and notes an unrecorded one', () => {
    expect(commandText({ ...idle, lastCommand: 'echo hi' })).toBe('echo hi');
    expect(commandText({ ...idle, lastCommand: 'for i in 1 2\ndo echo $i\ndone' })).toBe('for i in 1 2 …');
    expect(commandText({ ...idle, running: true })).toBe('command not recorded');
  });
});

describe('short paths', () => {
  it('keeps short paths and the end of long ones', () => {
    expect(shortPath('/home/ada/proj')).toBe('/home/ada/proj');
    expect(shortPath('/home/ada/work/drover/web-ui/src/modules/sessions', 30)).toBe('…/web-ui/src/modules/sessions');
    expect(shortPath('/home/ada/work/drover/web-ui/src/modules/sessions', 30).length).toBeLessThanOrEqual(30);
    expect(shortPath(`/srv/${'x'.repeat(50)}`, 20)).toBe(`…${'x'.repeat(19)}`);
  });
});

describe('shell title', () => {
  it('carries the whole directory, command line and outcome', () => {
    expect(shellTitle({ ...idle, cwd: '/tmp', lastCommand: 'false', lastExitCode: 1 })).toBe('/tmp\n$ false — exit 1');
    expect(shellTitle(idle)).toBe('/home/ada');
    expect(shellTitle({ ...idle, cwd: null, running: true })).toBe('directory unknown\n$ (command not recorded) — running…');
  });
});

describe('MCP servers', () => {
  const stdio: McpServer = {
    name: 'github',
    transport: 'stdio',
    command: 'npx',
    args: ['-y', '@modelcontextprotocol/server-github'],
    url: null,
    source: '/home/ada/.claude.json',
  };
  const sse: McpServer = { name: 'linear', transport: 'sse', command: null, args: [], url: 'https://mcp.linear.app/sse', source: '/p/.mcp.json' };

  it('labels a server with its transport and explains it in the title', () => {
    expect(mcpLabel(stdio)).toBe('github · stdio');
    expect(mcpTitle(stdio)).toBe('github (stdio): npx -y @modelcontextprotocol/server-github\nfrom /home/ada/.claude.json');
    expect(mcpTitle(sse)).toBe('linear (sse): https://mcp.linear.app/sse\nfrom /p/.mcp.json');
  });
});

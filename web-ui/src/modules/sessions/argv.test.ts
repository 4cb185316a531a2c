import { describe, expect, it } from 'vitest';
import { splitArgv } from './argv';

describe('splitArgv', () => {
  it('splits on runs of whitespace', () => {
    expect(splitArgv('  claude   --model\topus  ')).toEqual(['claude', '--model', 'opus']);
  });

  it('keeps single-quoted text literal', () => {
    expect(splitArgv(`bash -c 'echo "$HOME" \\n'`)).toEqual(['bash', '-c', 'echo "$HOME" \\n']);
  });

  it('unescapes \\" and \\\\ inside double quotes only', () => {
    expect(splitArgv('printf "a \\"b\\" \\\\ \\n"')).toEqual(['printf', 'a "b" \\ \\n']);
  });

  it('joins adjacent quoted and bare parts into one word', () => {
    expect(splitArgv(`--name=\"two words\"'!' x`)).toEqual(['--name=two words!', 'x']);
  });

  it('keeps empty quoted words', () => {
    expect(splitArgv(`git commit -m ''`)).toEqual(['git', 'commit', '-m', '']);
  });

  it('escapes a character with a backslash outside quotes', () => {
    expect(splitArgv('ls my\\ dir')).toEqual(['ls', 'my dir']);
  });

  it('gives no words for blank input', () => {
    expect(splitArgv('   ')).toEqual([]);
  });

  it('rejects an unterminated quote', () => {
    expect(() => splitArgv('echo "oops')).toThrow('Unterminated double quote in the command.');
    expect(() => splitArgv("echo 'oops")).toThrow('Unterminated single quote in the command.');
  });
});

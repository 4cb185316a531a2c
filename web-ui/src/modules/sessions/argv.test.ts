import { describe, expect, it } from 'vitest';
import { joinArgv, splitArgv } from './argv';

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

// A command session's title dropped the quotes: `sh -c 'echo hi; exit 3'` showed as `sh -c echo hi; exit 3`.
describe('joinArgv', () => {
  it('quotes words a shell would split or interpret, so the line can be copied and run again', () => {
    expect(joinArgv(['sh', '-c', 'echo hello; exit 3'])).toBe(`sh -c 'echo hello; exit 3'`);
    expect(joinArgv(['git', 'commit', '-m', "it's done"])).toBe(`git commit -m 'it'\\''s done'`);
    expect(joinArgv(['printf', '', '$HOME', 'a*b', 'x\ny'])).toBe(`printf '' '$HOME' 'a*b' 'x\ny'`);
  });

  it('leaves plain words bare', () => {
    expect(joinArgv(['htop', '-d', '10', '--path=/usr/local/bin', 'user@host:8080'])).toBe(
      'htop -d 10 --path=/usr/local/bin user@host:8080',
    );
  });

  it('is read back as the same words', () => {
    const argv = ['bash', '-c', `echo "$1" 'a' \\ \t`, '', "'", 'two words', 'ünï'];
    expect(splitArgv(joinArgv(argv))).toEqual(argv);
  });
});

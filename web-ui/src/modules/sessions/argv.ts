/**
 * Splits a command line into argv the way a POSIX shell would for simple input: whitespace
 * separates words, '…' is literal, "…" allows \" and \\, a backslash outside quotes escapes the
 * next character. No variables, globs or operators. Throws on an unterminated quote.
 */
export function splitArgv(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: "'" | '"' | null = null;

  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote === "'") {
      if (c === "'") quote = null;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = null;
      else if (c === '\\' && (line[i + 1] === '"' || line[i + 1] === '\\')) word += line[++i];
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) throw new Error(`Unterminated ${quote === '"' ? 'double' : 'single'} quote in the command.`);
  if (inWord) words.push(word);
  return words;
}

/** Words made only of these need no quotes in a POSIX shell. */
const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * Joins argv into a command line a POSIX shell (and {@link splitArgv}) reads back as the same
 * words: plain words stay bare, others are single-quoted with each `'` written as `'\''`.
 */
export function joinArgv(argv: string[]): string {
  return argv.map((word) => (SAFE_WORD.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`)).join(' ');
}

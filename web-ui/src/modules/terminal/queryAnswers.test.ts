import { Terminal } from '@xterm/headless';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { handleClipboardWrites, osc52Text } from './osc52';
import { blockQueryAnswers, isColourQuery } from './queryAnswers';

/** A real (headless) xterm.js with everything it would send recorded. */
function terminal(block: boolean) {
  const term = new Terminal({ allowProposedApi: true, cols: 80, rows: 24 });
  const sent: string[] = [];
  term.onData((data) => sent.push(data));
  if (block) blockQueryAnswers(term.parser);
  const write = (data: string | Uint8Array) => new Promise<void>((resolve) => term.write(data, resolve));
  return { term, sent, write };
}

const QUERIES = {
  'DA1': '\x1b[c',
  'DA2': '\x1b[>c',
  'DSR status': '\x1b[5n',
  'CPR': '\x1b[6n',
  'DECXCPR': '\x1b[?6n',
  'DECRQM private': '\x1b[?2004$p',
  'DECRQM ansi': '\x1b[4$p',
  'DECRQSS': '\x1bP$qm\x1b\\',
  'OSC 11 background': '\x1b]11;?\x07',
  'OSC 10 foreground': '\x1b]10;?\x1b\\',
  'OSC 4 palette': '\x1b]4;1;?\x07',
  'XTWINOPS size': '\x1b[18t',
};

let open: Terminal[] = [];
afterEach(() => {
  open.forEach((term) => term.dispose());
  open = [];
});

describe('blockQueryAnswers', () => {
  it('xterm.js answers terminal queries on its own (why the blockers exist)', async () => {
    const { term, sent, write } = terminal(false);
    open.push(term);
    await write('\x1b[c\x1b[6n\x1b[?2004$p');
    expect(sent).toEqual(['\x1b[?1;2c', '\x1b[1;1R', '\x1b[?2004;2$y']);
  });

  it.each(Object.entries(QUERIES))('sends no answer to %s', async (_name, query) => {
    const { term, sent, write } = terminal(true);
    open.push(term);
    await write(`before ${query}after`);
    expect(sent).toEqual([]);
    expect(term.buffer.active.getLine(0)?.translateToString(true)).toBe('before after');
  });

  it('sends nothing while a replay full of queries is rendered, but keeps user input', async () => {
    const { term, sent, write } = terminal(true);
    open.push(term);
    await write(Object.values(QUERIES).join('x\r\n').repeat(50));
    term.input('ls\r');
    expect(sent).toEqual(['ls\r']);
  });

  it('still applies colour changes and modes that are not queries', async () => {
    const { term, write } = terminal(true);
    open.push(term);
    await write('\x1b[?2004h\x1b]11;#102030\x07');
    expect(term.modes.bracketedPasteMode).toBe(true);
    expect(isColourQuery('#102030')).toBe(false);
    expect(isColourQuery('1;?')).toBe(true);
  });
});

describe('UTF-8 across frames', () => {
  it('renders a character whose bytes are split over two writes', async () => {
    const { term, write } = terminal(true);
    open.push(term);
    const bytes = new TextEncoder().encode('a€b😀c');
    // '€' is 3 bytes (1..3), '😀' 4 bytes (5..8): cut inside both.
    await write(bytes.subarray(0, 2));
    await write(bytes.subarray(2, 7));
    await write(bytes.subarray(7));
    expect(term.buffer.active.getLine(0)?.translateToString(true)).toBe('a€b😀c');
  });
});

describe('OSC 52 clipboard writes', () => {
  const copy = '\x1b]52;c;' + btoa('copied text') + '\x07';

  it('are dropped by default and never answered', async () => {
    const { term, sent, write } = terminal(true);
    open.push(term);
    const clipboard = vi.fn();
    handleClipboardWrites(term.parser, () => false, clipboard);
    await write(copy + '\x1b]52;c;?\x07shown');
    expect(clipboard).not.toHaveBeenCalled();
    expect(sent).toEqual([]);
    expect(term.buffer.active.getLine(0)?.translateToString(true)).toBe('shown');
  });

  it('write the clipboard when enabled, and still never answer a read', async () => {
    const { term, sent, write } = terminal(true);
    open.push(term);
    const clipboard = vi.fn();
    handleClipboardWrites(term.parser, () => true, clipboard);
    await write(copy + '\x1b]52;c;?\x07');
    expect(clipboard).toHaveBeenCalledExactlyOnceWith('copied text');
    expect(sent).toEqual([]);
  });

  it('decodes UTF-8 payloads and rejects malformed ones', () => {
    expect(osc52Text('c;' + Buffer.from('grüße €').toString('base64'))).toBe('grüße €');
    expect(osc52Text('c;?')).toBeNull();
    expect(osc52Text('c;***')).toBeNull();
    expect(osc52Text('nosemicolon')).toBeNull();
  });
});
